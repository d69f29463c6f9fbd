// One Countersign per user: two instances would write the same settings file and audit
// log at once. A second launch hands over to the first, which comes to the front.
import { app } from 'electron';
import type { WindowRegistry } from './window-registry.ts';

/**
 * Takes the single-instance lock. Returns false when another instance holds it (the
 * caller must quit at once); otherwise a later launch focuses our first window.
 */
export function setupSingleInstance(registry: WindowRegistry): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = registry.all()[0];
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
