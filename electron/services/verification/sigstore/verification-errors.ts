// Turns every failure inside bundle verification into an AppError whose code says what
// went wrong and whose message a risk officer can read. sigstore-js throws its own error
// classes (and, on some malformed input, plain TypeErrors); none of those may escape.
import { ValidationError } from '@sigstore/bundle';
import { AppError, isAppError, type ErrorCode } from '../../../../shared/errors.ts';

/** Shorthand used across this folder: an AppError with a verification code. */
export function fail(code: ErrorCode, message: string, cause?: unknown): AppError {
  return cause === undefined ? new AppError(code, message) : new AppError(code, message, { cause });
}

// sigstore-js VerificationError / PolicyError codes, by what they mean to a reader.
const SIGSTORE_CODES: Record<string, { code: ErrorCode; message: string }> = {
  TLOG_ERROR: {
    code: 'TLOG_INVALID',
    message: 'The transparency log record of this signature could not be confirmed.',
  },
  TLOG_INCLUSION_PROOF_ERROR: {
    code: 'TLOG_INVALID',
    message:
      'The proof that this signature was recorded in the transparency log is invalid (its checkpoint or inclusion proof does not check out).',
  },
  TLOG_INCLUSION_PROMISE_ERROR: {
    code: 'TLOG_INVALID',
    message: "The transparency log's signed promise to record this signature is invalid.",
  },
  TLOG_MISSING_INCLUSION_ERROR: {
    code: 'TLOG_INVALID',
    message: 'The bundle has no proof that the signature was recorded in the transparency log.',
  },
  TLOG_BODY_ERROR: {
    code: 'TLOG_INVALID',
    message: 'The transparency log entry records a different signature, key or artifact than this bundle carries.',
  },
  CERTIFICATE_ERROR: {
    code: 'CERTIFICATE_CHAIN_INVALID',
    message:
      'The signing certificate was not issued by a trusted certificate authority, was not valid when the signature was made, or lacks a valid certificate-transparency proof.',
  },
  PUBLIC_KEY_ERROR: {
    code: 'SIGNATURE_KEY_MISMATCH',
    message: 'The signing key is not one the policy trusts, or was not valid when the signature was made.',
  },
  SIGNATURE_ERROR: {
    code: 'SIGNATURE_INVALID',
    message:
      'The signature does not match the signed content: the content or the signature was changed, or another key signed it.',
  },
  TIMESTAMP_ERROR: {
    code: 'TIMESTAMP_INVALID',
    message:
      'The trusted timestamp on this signature could not be verified (untrusted timestamp authority, wrong content, or a time outside the allowed window).',
  },
  UNTRUSTED_SIGNER_ERROR: {
    code: 'SIGNATURE_IDENTITY_MISMATCH',
    message: 'The signer is not the identity the policy trusts.',
  },
};

/**
 * Maps anything thrown while verifying to an AppError. AppErrors pass through; sigstore-js
 * errors keep their detail as the cause; any other exception means the bundle held data of
 * a shape no verifier step could read, which is a malformed bundle, never a crash.
 */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof Error) {
    const sigCode = (error as { code?: unknown }).code;
    if (typeof sigCode === 'string') {
      const mapped = SIGSTORE_CODES[sigCode];
      if (mapped) return fail(mapped.code, `${mapped.message} (${error.message})`, error);
    }
    if (error instanceof ValidationError) {
      const fields: unknown = error.fields;
      const list = Array.isArray(fields) ? fields.filter((f) => typeof f === 'string').join(', ') : '';
      return fail(
        'BUNDLE_MALFORMED',
        `The signature bundle is incomplete or malformed${list ? ` (${list})` : ''}.`,
        error,
      );
    }
  }
  return fail(
    'BUNDLE_MALFORMED',
    'The signature bundle holds data that cannot be read as a valid Sigstore bundle.',
    error,
  );
}
