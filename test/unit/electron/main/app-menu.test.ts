import { describe, expect, it } from 'vitest';
import { appMenuTemplate, setupAppMenu } from '../../../../electron/main/app-menu.ts';
import { fake } from '../../../support/electron/fake.ts';

function roles(items: unknown): string[] {
  const out: string[] = [];
  for (const item of items as Array<{ role?: string; submenu?: unknown }>) {
    if (item.role !== undefined) out.push(item.role);
    if (Array.isArray(item.submenu)) out.push(...roles(item.submenu));
  }
  return out;
}

describe('the application menu', () => {
  it('offers About, Quit and the Edit menu', () => {
    for (const isMac of [true, false]) {
      const all = roles(appMenuTemplate({ isDev: false, isMac }));
      expect(all).toEqual(expect.arrayContaining(['about', 'quit', 'editMenu']));
    }
  });

  it('has reload and developer tools only in development', () => {
    const packaged = roles(appMenuTemplate({ isDev: false, isMac: false }));
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('forceReload');
    expect(packaged).not.toContain('toggleDevTools');
    const dev = roles(appMenuTemplate({ isDev: true, isMac: false }));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('is installed as the application menu', () => {
    setupAppMenu({ isDev: false, isMac: false });
    expect(roles(fake.state.applicationMenu?.template)).toContain('quit');
  });
});
