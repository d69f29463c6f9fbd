import type { CountersignApi } from '../../../shared/contract/api.ts';
import type { Result } from '../../../shared/contract/result.ts';
import { CountersignError, isErrorCode } from './countersign-error.ts';

/**
 * Turns a contract envelope into its data, or throws a {@link CountersignError} that keeps
 * the error's code. Anything that is not a well-formed envelope is an INTERNAL error: the
 * renderer never guesses at what a malformed reply meant.
 *
 * @throws CountersignError when the call failed or the envelope is malformed.
 */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result: unknown = await pending;
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    if (result.ok === true && 'data' in result) return result.data as T;
    if (result.ok === false && 'error' in result) {
      const error = result.error as { code?: unknown; message?: unknown } | null;
      const message = typeof error?.message === 'string' ? error.message : 'No details were given.';
      throw new CountersignError(isErrorCode(error?.code) ? error.code : 'INTERNAL', message);
    }
  }
  throw new CountersignError('INTERNAL', 'Countersign received a reply it could not read.');
}

type WindowWithApi = { countersign?: CountersignApi };

/** The API that main (preload) or the preview transport installed, if any. */
export function windowApi(win: object = window): CountersignApi | undefined {
  return (win as WindowWithApi).countersign;
}

/** Installs an API on the window; used only by the preview transport's bootstrap. */
export function installWindowApi(api: CountersignApi, win: object = window): void {
  Object.defineProperty(win, 'countersign', { value: api, configurable: false, writable: false, enumerable: true });
}
