// The windows this app made. The IPC sender check asks it "is this webContents one of
// ours?", and events are only sent to the windows in it.
import type { BrowserWindow, WebContents } from 'electron';

/** The set of live app windows. */
export interface WindowRegistry {
  /** Adds a window; it leaves the registry by itself when closed. */
  add(window: BrowserWindow): void;
  /** The live windows, oldest first. */
  all(): BrowserWindow[];
  /** The window whose own webContents is `contents`, if it is one of ours. */
  byWebContents(contents: WebContents): BrowserWindow | undefined;
}

/** Creates an empty {@link WindowRegistry}. */
export function createWindowRegistry(): WindowRegistry {
  const windows = new Set<BrowserWindow>();
  return {
    add(window) {
      windows.add(window);
      window.once('closed', () => windows.delete(window));
    },
    all() {
      return [...windows].filter((w) => !w.isDestroyed());
    },
    byWebContents(contents) {
      return [...windows].find((w) => !w.isDestroyed() && w.webContents === contents);
    },
  };
}
