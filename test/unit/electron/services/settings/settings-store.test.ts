import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { beforeEach, describe, expect, it } from 'vitest';
import { openSettingsStore } from '../../../../../electron/services/settings/settings-store.ts';
import { makeTempDir } from '../../../../support/temp-dir.ts';

const NOW = new Date('2025-03-01T10:00:00.000Z');
let dir: string;
let file: string;
const factory = () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings' });

beforeEach(() => {
  dir = makeTempDir('cs-settings-store');
  file = path.join(dir, 'settings.json');
});

describe('openSettingsStore', () => {
  it('opens a missing or valid file without reporting anything', () => {
    expect(openSettingsStore(factory, file, () => NOW).problems).toEqual([]);
    writeFileSync(file, '{"schemaVersion":2}');
    const opened = openSettingsStore(factory, file, () => NOW);
    expect(opened.problems).toEqual([]);
    expect(opened.store.store).toEqual({ schemaVersion: 2 });
  });

  it('backs up a file that is not JSON, reports it, and opens a fresh store', () => {
    const broken = '{"schemaVersion": 2, "preferences": {"theme": "dark"'; // truncated write
    writeFileSync(file, broken);
    const opened = openSettingsStore(factory, file, () => NOW);
    const backupPath = `${file}.corrupt-2025-03-01T10-00-00-000Z.json`;
    expect(opened.problems).toEqual([
      { code: 'SETTINGS_CORRUPT', message: expect.stringContaining(backupPath), backupPath, at: NOW.toISOString() },
    ]);
    expect(readFileSync(backupPath, 'utf8')).toBe(broken);
    expect(opened.store.store).toEqual({});
    opened.store.store = { schemaVersion: 2 };
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ schemaVersion: 2 });
  });

  it('reports a JSON file that is not an object, which conf would otherwise read as empty and overwrite', () => {
    writeFileSync(file, '[1, 2, 3]');
    const opened = openSettingsStore(factory, file, () => NOW);
    expect(opened.problems).toHaveLength(1);
    expect(opened.problems[0]?.message).toMatch(/does not hold a JSON object/);
    expect(readFileSync(opened.problems[0]?.backupPath ?? '', 'utf8')).toBe('[1, 2, 3]');
  });

  it('reports an empty file', () => {
    writeFileSync(file, '');
    const opened = openSettingsStore(factory, file, () => NOW);
    expect(opened.problems[0]?.message).toMatch(/it is empty/);
  });

  it('leaves a file it cannot read untouched and runs on memory for the session', () => {
    mkdirSync(file); // a folder where the file should be: reading it fails with EISDIR
    let built = 0;
    const opened = openSettingsStore(() => { built++; return factory(); }, file, () => NOW);
    expect(built).toBe(0);
    expect(opened.problems).toEqual([
      { code: 'SETTINGS_CORRUPT', message: expect.stringMatching(/EISDIR/), backupPath: null, at: NOW.toISOString() },
    ]);
    opened.store.store = { schemaVersion: 2 };
    expect(opened.store.store).toEqual({ schemaVersion: 2 });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('keeps two backups made in the same millisecond apart', () => {
    writeFileSync(file, 'first');
    const a = openSettingsStore(factory, file, () => NOW).problems[0]?.backupPath;
    writeFileSync(file, 'second');
    const b = openSettingsStore(factory, file, () => NOW).problems[0]?.backupPath;
    expect(a).not.toBe(b);
    expect(readFileSync(a ?? '', 'utf8')).toBe('first');
    expect(readFileSync(b ?? '', 'utf8')).toBe('second');
  });

  it('sets aside a file that turned bad between the check and the store opening it', () => {
    let calls = 0;
    const racy = () => {
      calls++;
      if (calls === 1) writeFileSync(file, '{not json');
      return factory();
    };
    const opened = openSettingsStore(racy, file, () => NOW);
    expect(calls).toBe(2);
    expect(opened.problems).toHaveLength(1);
    expect(existsSync(opened.problems[0]?.backupPath ?? '')).toBe(true);
  });
});
