import type { CountersignApi } from '../../../shared/contract/api.ts';
import { installWindowApi, windowApi } from './client.ts';
import { buildPreviewApi } from './preview-transport.ts';
import { forgetPreviewToken, takePreviewToken, type TokenEnvironment } from './preview-token.ts';
import type { SessionStatus } from './session-status.ts';

/** How the renderer reached main, decided once at start-up. */
export type Boot =
  | { kind: 'ready'; api: CountersignApi; via: 'electron' | 'preview' }
  /** A plain browser opened without the preview's link: nothing can be called. */
  | { kind: 'no-token' };

/**
 * Finds the API: the one the Electron preload exposed, or else (a plain browser against
 * the preview server) one built over HTTP with the token from the preview's link.
 */
export function bootstrapApi(win: object, tokenEnv: TokenEnvironment, session: SessionStatus): Boot {
  const existing = windowApi(win);
  if (existing) return { kind: 'ready', api: existing, via: 'electron' };
  const token = takePreviewToken(tokenEnv);
  if (token === null) return { kind: 'no-token' };
  const api = buildPreviewApi({
    token,
    onUnauthorized: () => {
      forgetPreviewToken(tokenEnv.storage);
      session.expire();
    },
    onStreamState: (state) => session.setStream(state),
  });
  installWindowApi(api, win);
  return { kind: 'ready', api, via: 'preview' };
}

/** The browser's own parts for {@link bootstrapApi}. */
export function browserTokenEnvironment(): TokenEnvironment {
  return { location: window.location, history: window.history, storage: window.sessionStorage };
}
