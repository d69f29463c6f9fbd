import { ERROR_CODES, type ErrorCode, type ErrorInfo } from '../../../shared/errors.ts';

/**
 * What a failed contract call throws in the renderer. It keeps the stable `code` from
 * main (or from the preview transport) so screens can choose words and actions by code,
 * never by message text.
 */
export class CountersignError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CountersignError';
    this.code = code;
  }

  static fromInfo(info: ErrorInfo): CountersignError {
    return new CountersignError(info.code, info.message);
  }
}

/** True when `value` is one of the stable codes in shared/errors.ts. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The code of any thrown value: a CountersignError's own, else INTERNAL. */
export function codeOf(error: unknown): ErrorCode {
  return error instanceof CountersignError ? error.code : 'INTERNAL';
}
