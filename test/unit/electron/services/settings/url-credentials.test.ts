import { describe, expect, it } from 'vitest';
import { stripUrlCredentials } from '../../../../../electron/services/settings/url-credentials.ts';
import type { SettingsDocument, StoredConnection } from '../../../../../electron/services/settings/settings-document.ts';

const at = '2025-03-01T10:00:00.000Z';
const profile = (id: string, kind: StoredConnection['kind'], url: string): StoredConnection => ({
  id,
  name: `Profile ${id}`,
  kind,
  url,
  auth: { type: 'none' },
  createdAt: at,
  updatedAt: at,
});
const doc = (...connections: StoredConnection[]): SettingsDocument => ({ schemaVersion: 2, preferences: { theme: 'system' }, connections });

describe('credentials in stored addresses', () => {
  it('removes a user name, a password, or both, and names the profiles it changed', () => {
    const { document, names } = stripUrlCredentials(
      doc(
        profile('a', 'mlflow', 'https://alice:pw@mlflow.example.com'),
        profile('b', 'prometheus', 'http://token@prom.example.com:9090/'),
        profile('c', 'alertmanager', 'http://:pw@am.example.com/base'),
        profile('d', 'mlflow', 'https://clean.example.com'),
      ),
    );
    expect(document.connections.map((c) => c.url)).toEqual([
      'https://mlflow.example.com',
      'http://prom.example.com:9090',
      'http://am.example.com/base',
      'https://clean.example.com',
    ]);
    expect(names).toEqual(['Profile a', 'Profile b', 'Profile c']);
  });

  it('returns the same document when no address holds credentials', () => {
    const clean = doc(profile('a', 'mlflow', 'https://mlflow.example.com'));
    expect(stripUrlCredentials(clean)).toEqual({ document: clean, names: [] });
    expect(stripUrlCredentials(clean).document).toBe(clean);
  });

  it('leaves workspace folders and addresses it cannot parse alone', () => {
    const odd = doc(profile('w', 'workspace', '/srv/models@2024'), profile('x', 'mlflow', 'not a url'));
    expect(stripUrlCredentials(odd).names).toEqual([]);
  });
});
