/** sessionStorage key that keeps the preview's bearer token across reloads of this tab. */
export const PREVIEW_TOKEN_KEY = 'countersign.previewToken';

/** The token the preview server prints is hex; anything else in the hash is not a token. */
const TOKEN = /^[0-9a-f]{16,256}$/i;

/** The parts of the browser that token handling touches, injectable for tests. */
export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/** The token in a `#token=<hex>` hash (other `&`-separated hash parameters are ignored). */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token !== null && TOKEN.test(token) ? token : null;
}

// --- Security: the bearer token ---------------------------------------------------------
// The token grants the whole contract. It must not stay in the address bar (where it is
// shown, bookmarked and sent in screenshots) nor in history entries, and it lives only in
// this tab's sessionStorage, which ends with the tab.
/**
 * Reads the preview token at start-up: from the URL hash when the page was opened with
 * the link the preview printed (then strips the hash with `history.replaceState` and keeps
 * the token in sessionStorage), else from sessionStorage after a reload.
 *
 * @returns the token, or null when there is none.
 */
export function takePreviewToken(env: TokenEnvironment): string | null {
  if (/(^#|&)token=/.test(env.location.hash)) {
    const fromHash = tokenFromHash(env.location.hash);
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search);
    if (fromHash !== null) {
      env.storage.setItem(PREVIEW_TOKEN_KEY, fromHash);
      return fromHash;
    }
  }
  const stored = env.storage.getItem(PREVIEW_TOKEN_KEY);
  return stored !== null && TOKEN.test(stored) ? stored : null;
}

/** Forgets a token the server refused, so a reload shows how to open the app instead of retrying it. */
export function forgetPreviewToken(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(PREVIEW_TOKEN_KEY);
}
