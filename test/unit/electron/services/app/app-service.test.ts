import { describe, expect, it } from 'vitest';
import { createAppService, type AppServiceOptions } from '../../../../../electron/services/app/app-service.ts';

describe('app service', () => {
  const facts: Omit<AppServiceOptions, 'openExternal'> = {
    name: 'Countersign',
    version: '0.1.0',
    versions: { node: '24.21.0', electron: '45.4.1' },
    platform: 'linux',
    transport: 'preview',
    userDataDir: '/home/u/.config/Countersign',
  };
  const opened: string[] = [];
  const app = createAppService({
    ...facts,
    openExternal: async (url) => {
      opened.push(url);
      return url.startsWith('https://');
    },
  });

  it('reports the facts it was given, as copies the caller cannot change', () => {
    const info = app.info();
    expect(info).toEqual(facts);
    info.versions['node'] = 'tampered';
    expect(app.info().versions['node']).toBe('24.21.0');
  });

  it('passes links to the injected opener and reports what it decided', async () => {
    expect(await app.openExternal('https://mlflow.org')).toEqual({ opened: true });
    expect(await app.openExternal('file:///etc/passwd')).toEqual({ opened: false });
    expect(opened).toEqual(['https://mlflow.org', 'file:///etc/passwd']);
  });
});
