import { describe, expect, it } from 'vitest';
import type { SettingsState } from '../../../../../../shared/contract/schemas/app.ts';
import type { Connection } from '../../../../../../shared/contract/schemas/connections.ts';
import { queryKeys } from '../../../../../../renderer/src/api/queries.ts';
import { SettingsPage } from '../../../../../../renderer/src/features/settings/settings-page.tsx';
import { prodMlflow } from '../../../support/connections.ts';
import { renderHtml, textOf } from '../../../support/render.tsx';

const settings: SettingsState = {
  preferences: { theme: 'dark' },
  schemaVersion: 1,
  problems: [
    {
      code: 'SETTINGS_CORRUPT',
      message: 'The settings file was not valid JSON.',
      backupPath: '/home/ria/.config/Countersign/settings.corrupt-1.json',
      at: '2026-11-24T10:00:00Z',
    },
  ],
};
const connections: Connection[] = [
  prodMlflow,
  {
    id: 'c2',
    name: 'Local models',
    kind: 'workspace',
    url: '/srv/models',
    auth: { type: 'none' },
    hasSecret: false,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  },
];

describe('Settings page', () => {
  it('lists each connection with kind, address, auth, the keychain chip only where a secret is stored, and its actions', () => {
    const html = renderHtml(<SettingsPage />, [
      [queryKeys.settings, settings],
      [queryKeys.connections, connections],
    ]);
    const text = textOf(html);
    expect(text).toContain('Prod MLflow');
    expect(text).toContain('MLflow');
    expect(text).toContain('https://mlflow.example.com');
    expect(text).toContain('Username and password (ria)');
    expect(text).toContain('Workspace folder');
    expect(text.match(/Secret stored in keychain/g)).toHaveLength(1);
    for (const action of ['Test Prod MLflow', 'Edit Prod MLflow', 'Remove Local models']) {
      expect(html).toContain(`aria-label="${action}"`);
    }
  });

  it('shows a settings problem as a warning naming the backup', () => {
    const text = textOf(
      renderHtml(<SettingsPage />, [
        [queryKeys.settings, settings],
        [queryKeys.connections, []],
      ]),
    );
    expect(text).toContain('Your saved settings could not be read');
    expect(text).toContain('/home/ria/.config/Countersign/settings.corrupt-1.json');
  });

  it('shows the empty state when there are no connections', () => {
    const text = textOf(
      renderHtml(<SettingsPage />, [
        [queryKeys.settings, { ...settings, problems: [] }],
        [queryKeys.connections, []],
      ]),
    );
    expect(text).toContain('No connections yet — add your MLflow registry');
    expect(text).not.toContain('could not be read');
  });

  it('checks the saved theme preference', () => {
    const html = renderHtml(<SettingsPage />, [
      [queryKeys.settings, settings],
      [queryKeys.connections, []],
    ]);
    expect(html).toMatch(/<input[^>]*value="dark"[^>]*checked=""|<input[^>]*checked=""[^>]*value="dark"/);
  });
});
