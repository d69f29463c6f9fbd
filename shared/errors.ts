/**
 * Stable error codes that cross the IPC boundary. The UI maps each to words a risk
 * officer understands (renderer/src/api/error-text.ts); tests assert on codes, never
 * on message text.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'INVALID_OUTPUT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
  'NOT_AVAILABLE',
  'INTERNAL',
  'SETTINGS_CORRUPT',
  'KEYCHAIN_UNAVAILABLE',
  'CONNECTION_UNREACHABLE',
  'CONNECTION_AUTH_FAILED',
  'CONNECTION_BAD_RESPONSE',
  'REGISTRY_UNREACHABLE',
  'PATH_ESCAPE',
  'BUNDLE_MALFORMED',
  'BUNDLE_UNSUPPORTED',
  'SIGNATURE_INVALID',
  'SIGNATURE_IDENTITY_MISMATCH',
  'SIGNATURE_KEY_MISMATCH',
  'CERTIFICATE_CHAIN_INVALID',
  'TLOG_INVALID',
  'TIMESTAMP_INVALID',
  'TRUSTED_ROOT_INVALID',
  'ARTIFACT_MISMATCH',
  'MODEL_SIGNATURE_MALFORMED',
  'MODEL_FILES_MISMATCH',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The error shape every service throws and every boundary returns. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

/**
 * An error with a stable `code`. Services throw it; `dispatch()` turns it into
 * `{ ok: false, error }`. The message must never contain a secret.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

/**
 * The AppError an {@link ErrorInfo} describes, as it arrives from another thread (where the
 * class did not survive the copy); an unknown code becomes INTERNAL.
 */
export function appErrorFromInfo(info: { code: string; message: string }): AppError {
  const code: ErrorCode = (ERROR_CODES as readonly string[]).includes(info.code) ? (info.code as ErrorCode) : 'INTERNAL';
  return new AppError(code, info.message);
}

/** True when `value` is an {@link AppError} (also across realms, by shape). */
export function isAppError(value: unknown): value is AppError {
  return (
    value instanceof AppError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'AppError' &&
      typeof (value as { code?: unknown }).code === 'string' &&
      (ERROR_CODES as readonly string[]).includes((value as { code: string }).code))
  );
}
