import type { ErrorInfo } from '../errors.ts';

/** The envelope every contract call returns, in Electron and in the preview alike. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail<T = never>(error: ErrorInfo): Result<T> {
  return { ok: false, error };
}
