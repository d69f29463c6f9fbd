import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSettingsService } from '../../../../../electron/services/settings/settings-service.ts';
import type { StoredConnection } from '../../../../../electron/services/settings/settings-document.ts';
import { makeTempDir } from '../../../../support/temp-dir.ts';

const NOW = new Date('2025-03-01T10:00:00.000Z');
let dir: string;
let file: string;
const open = () => createSettingsService({ store: new Conf({ cwd: dir, configName: 'settings' }), now: () => NOW });
const onDisk = (): unknown => JSON.parse(readFileSync(file, 'utf8'));

beforeEach(() => {
  dir = makeTempDir('cs-settings');
  file = path.join(dir, 'settings.json');
});

const profile: StoredConnection = {
  id: 'p1',
  name: 'Prod',
  kind: 'mlflow',
  url: 'https://mlflow.example.com',
  auth: { type: 'basic', username: 'alice' },
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
};

describe('settings service', () => {
  it('writes the defaults to a new file', () => {
    const settings = open();
    expect(settings.state()).toEqual({ preferences: { theme: 'system' }, schemaVersion: 2, problems: [] });
    expect(onDisk()).toEqual({ schemaVersion: 2, preferences: { theme: 'system' }, connections: [] });
  });

  it('keeps preference changes across restarts', () => {
    expect(open().updatePreferences({ theme: 'dark' }).preferences).toEqual({ theme: 'dark' });
    expect(open().state().preferences).toEqual({ theme: 'dark' });
  });

  it('migrates a version 1 file on disk, keeps the old file, and reports the upgrade', () => {
    const v1 = JSON.stringify({
      schemaVersion: 1,
      theme: 'light',
      connections: [{ id: 'old', name: 'Old MLflow', kind: 'mlflow', url: 'http://mlflow:5000', username: 'bob', createdAt: '2024-01-01T00:00:00.000Z' }],
    });
    writeFileSync(file, v1);
    const settings = open();
    const backupPath = `${file}.v1-2025-03-01T10-00-00-000Z.json`;
    expect(settings.state()).toEqual({
      preferences: { theme: 'light' },
      schemaVersion: 2,
      problems: [{ code: 'SETTINGS_MIGRATED', message: expect.stringContaining(backupPath), backupPath, at: NOW.toISOString() }],
    });
    expect(readFileSync(backupPath, 'utf8')).toBe(v1);
    expect(onDisk()).toEqual({
      schemaVersion: 2,
      preferences: { theme: 'light' },
      connections: [{ id: 'old', name: 'Old MLflow', kind: 'mlflow', url: 'http://mlflow:5000', auth: { type: 'basic', username: 'bob' }, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' }],
    });
    // The next start finds a current file: nothing more to report.
    expect(open().state().problems).toEqual([]);
  });

  it('removes a password written into a version 1 address, and says where a copy still holds it', () => {
    writeFileSync(
      file,
      JSON.stringify({ theme: 'light', connections: [{ id: 'old', name: 'Old MLflow', kind: 'mlflow', url: 'https://bob:hunter2@mlflow.example.com/', username: 'bob' }] }),
    );
    const settings = open();
    expect(settings.connection('old')?.url).toBe('https://mlflow.example.com');
    expect(readFileSync(file, 'utf8')).not.toContain('hunter2');
    const problems = settings.state().problems;
    const backupPath = `${file}.v1-2025-03-01T10-00-00-000Z.json`;
    expect(problems).toEqual([{ code: 'SETTINGS_MIGRATED', message: expect.stringContaining(backupPath), backupPath, at: NOW.toISOString() }]);
    expect(problems[0]?.message).toMatch(/“Old MLflow” held a user name or password.*copy of the old file still holds them/);
    expect(JSON.stringify(problems)).not.toContain('hunter2');
    expect(open().state().problems).toEqual([]);
  });

  it('removes credentials from an address in a current file edited by hand, without making another copy of them', () => {
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 2,
        preferences: { theme: 'dark' },
        connections: [
          { ...profile, url: 'http://alice:s3cret@mlflow.example.com:5000/prefix' },
          { ...profile, id: 'p2', name: 'Clean', url: 'https://clean.example.com' },
        ],
      }),
    );
    const settings = open();
    expect(settings.connections().map((c) => c.url)).toEqual(['http://mlflow.example.com:5000/prefix', 'https://clean.example.com']);
    expect(settings.state().problems).toEqual([
      { code: 'SETTINGS_MIGRATED', message: expect.stringMatching(/“Prod” held a user name or password/), backupPath: null, at: NOW.toISOString() },
    ]);
    expect(JSON.stringify(settings.state())).not.toContain('s3cret');
    expect(readFileSync(file, 'utf8')).not.toContain('s3cret');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('backs up and reports a file whose shape matches no version, instead of silently resetting it', () => {
    const mismatched = JSON.stringify({ schemaVersion: 2, preferences: { theme: 'neon' }, connections: 'none' });
    writeFileSync(file, mismatched);
    const state = open().state();
    expect(state.preferences).toEqual({ theme: 'system' });
    expect(state.problems).toHaveLength(1);
    const [problem] = state.problems;
    expect(problem?.code).toBe('SETTINGS_CORRUPT');
    expect(problem?.backupPath).toBe(`${file}.corrupt-2025-03-01T10-00-00-000Z.json`);
    expect(readFileSync(problem?.backupPath ?? '', 'utf8')).toBe(mismatched);
    expect(problem?.message).toMatch(/preferences\.theme/);
  });

  it('backs up a file written by a newer Countersign rather than guessing at it', () => {
    writeFileSync(file, JSON.stringify({ schemaVersion: 9, preferences: { theme: 'dark' }, connections: [] }));
    const [problem] = open().state().problems;
    expect(problem?.code).toBe('SETTINGS_CORRUPT');
    expect(problem?.message).toMatch(/newer Countersign/);
  });

  it('backs up a file that became unreadable JSON after the store was opened', () => {
    const store = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings' });
    writeFileSync(file, '{oops');
    const [problem] = createSettingsService({ store, now: () => NOW }).state().problems;
    expect(problem?.code).toBe('SETTINGS_CORRUPT');
    expect(readFileSync(problem?.backupPath ?? '', 'utf8')).toBe('{oops');
    expect(onDisk()).toEqual({ schemaVersion: 2, preferences: { theme: 'system' }, connections: [] });
  });

  it('carries problems found while opening the store into the state', () => {
    const earlier = { code: 'SETTINGS_CORRUPT' as const, message: 'm', backupPath: '/x', at: NOW.toISOString() };
    const settings = createSettingsService({ store: new Conf({ cwd: dir, configName: 'settings' }), problems: [earlier] });
    expect(settings.state().problems).toEqual([earlier]);
  });

  it('adds, replaces and removes connection profiles on disk', () => {
    const settings = open();
    settings.putConnection(profile);
    settings.putConnection({ ...profile, id: 'p2', name: 'Second' });
    settings.putConnection({ ...profile, name: 'Prod renamed' });
    expect(open().connections().map((c) => [c.id, c.name])).toEqual([['p1', 'Prod renamed'], ['p2', 'Second']]);
    expect(settings.removeConnection('p1')).toBe(true);
    expect(settings.removeConnection('p1')).toBe(false);
    expect(open().connections().map((c) => c.id)).toEqual(['p2']);
  });

  it('never writes a field that is not part of a profile, even when a caller passes one', () => {
    const settings = open();
    settings.putConnection({ ...profile, secret: 'hunter2', password: 'hunter2' } as StoredConnection);
    expect(readFileSync(file, 'utf8')).not.toContain('hunter2');
    expect(settings.connection('p1')).toEqual(profile);
  });

  it('leaves no stray files behind on a clean start', () => {
    open();
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });
});
