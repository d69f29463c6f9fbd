/** The app's top-level sections, in navigation order (which is also Ctrl/Cmd+1..6). */
export const SECTION_IDS = ['inbox', 'models', 'monitors', 'incidents', 'audit', 'settings'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface Section {
  id: SectionId;
  label: string;
}

export const SECTIONS: readonly Section[] = [
  { id: 'inbox', label: 'Inbox' },
  { id: 'models', label: 'Models' },
  { id: 'monitors', label: 'Monitors' },
  { id: 'incidents', label: 'Incidents' },
  { id: 'audit', label: 'Audit' },
  { id: 'settings', label: 'Settings' },
];

export function isSectionId(value: string): value is SectionId {
  return (SECTION_IDS as readonly string[]).includes(value);
}
