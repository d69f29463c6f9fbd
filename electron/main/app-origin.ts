// The one origin the UI is served from. Everything that decides "is this ours?" (the
// protocol handler, navigation guards, the IPC sender check, permission handlers) asks
// this file, so the answer cannot drift between them.

/** The privileged scheme the renderer is served from (never file://). */
export const APP_SCHEME = 'app';
/** The fixed host of the scheme; a standard scheme needs one for origins to work. */
export const APP_HOST = 'countersign';
/** `app://countersign`, what Chromium reports as the frame origin of our UI. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The URL the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` is on our `app://countersign` origin: right scheme, exact host, no port,
 * no credentials. Anything unparsable is not ours. Node's URL gives non-special schemes an
 * opaque origin ("null"), so the parts are compared rather than `URL.origin`.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
