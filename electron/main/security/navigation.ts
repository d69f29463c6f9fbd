// =====================================================================================
// SECURITY: keeps every webContents on our app:// origin. A page that navigated away
// (a link in a model card, a redirect, window.open) would run remote code next to the
// preload's API, so navigation off-origin, redirects off-origin, new windows and
// <webview> attachment are all refused, for every webContents, including future ones.
// =====================================================================================
import { app, type WebContents } from 'electron';
import { isAppUrl } from '../app-origin.ts';

/** Where refused navigations are reported. */
export type GuardLog = (message: string, details: Record<string, unknown>) => void;

const guarded = new WeakSet<WebContents>();

/**
 * Installs the navigation, window-open and webview guards on `contents`. Idempotent:
 * a webContents is guarded once however often this is called.
 */
export function guardWebContents(contents: WebContents, log: GuardLog = () => {}): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);

  const denyOffOrigin = (kind: string) => (event: { preventDefault(): void; url: string }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log('blocked navigation', { kind, url: safeForLog(event.url) });
  };
  contents.on('will-navigate', denyOffOrigin('will-navigate'));
  contents.on('will-frame-navigate', denyOffOrigin('will-frame-navigate'));
  contents.on('will-redirect', denyOffOrigin('will-redirect'));

  // window.open and target=_blank: never a new window. External links go through the
  // app:open-external channel, which checks them.
  contents.setWindowOpenHandler((details) => {
    log('blocked window.open', { url: safeForLog(details.url) });
    return { action: 'deny' };
  });

  // webviewTag is off in our webPreferences; refuse here too, whatever created it.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked <webview>', {});
  });
}

/**
 * Guards every webContents the app ever creates, through `web-contents-created`.
 * Call before any window exists.
 */
export function setupWebContentsGuard(log: GuardLog = () => {}): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
}

// A URL in a log line loses its query and credentials: they can carry tokens.
function safeForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparsable)';
  }
}
