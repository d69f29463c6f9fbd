import { useSettings } from '../../api/queries.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { AppearanceSection } from './appearance-section.tsx';
import { ConnectionsSection } from './connections-section.tsx';
import { SettingsProblems } from './settings-problems.tsx';
import { TrustSection } from './trust-section.tsx';

/** Settings: problems found loading them, Appearance, Connections and Signature trust. */
export function SettingsPage() {
  const settings = useSettings();
  return (
    <>
      <PageHeader title="Settings" summary="How Countersign looks, and what it connects to." />
      {settings.data && <SettingsProblems problems={settings.data.problems} />}
      <AppearanceSection />
      <ConnectionsSection />
      <TrustSection />
    </>
  );
}
