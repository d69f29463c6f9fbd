import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createProductionServices, type BaseServiceDeps } from '../../../../electron/main/production-services.ts';
import { fake } from '../../../support/electron/fake.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

let userData: string;
const base = (): BaseServiceDeps => ({
  userDataDir: userData,
  versions: { electron: '45.0.0' },
  appName: 'Countersign',
  appVersion: '0.1.0',
  platform: 'linux-x64',
  openExternal: async () => false,
  logger: { info: () => {}, error: () => {} },
});

beforeEach(() => {
  userData = makeTempDir('cs-prod-services');
  fake.state.paths['userData'] = userData;
});

describe('the Electron app’s services', () => {
  it('keep preferences in electron-store’s settings.json under userData', async () => {
    const services = createProductionServices(base());
    const state = await services.implementations['settings:update']({ theme: 'dark' });
    expect(state.preferences.theme).toBe('dark');
    const file = JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8')) as {
      preferences: { theme: string };
    };
    expect(file.preferences.theme).toBe('dark');
    const info = await services.implementations['app:info']({});
    expect(info.transport).toBe('electron');
    await services.dispose();
  });

  it('back up and report a corrupt settings file instead of resetting it', async () => {
    writeFileSync(path.join(userData, 'settings.json'), '{ not json');
    const services = createProductionServices(base());
    const state = await services.implementations['settings:get']({});
    const problem = state.problems.find((p) => p.code === 'SETTINGS_CORRUPT');
    expect(problem?.backupPath).toBeTruthy();
    expect(readFileSync(problem!.backupPath!, 'utf8')).toBe('{ not json');
    expect(readdirSync(userData).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    await services.dispose();
  });
});
