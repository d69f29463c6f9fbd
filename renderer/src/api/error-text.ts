import type { ErrorCode } from '../../../shared/errors.ts';
import { CountersignError, isErrorCode } from './countersign-error.ts';

/** Words for one error code: what happened, and what the reader can do about it. */
export interface ErrorText {
  /** One sentence a risk officer understands without knowing the internals. */
  title: string;
  /** What to do next, when there is something to do. */
  action: string | null;
}

/**
 * Every stable error code in plain words. `satisfies` makes the compiler refuse a new
 * code in shared/errors.ts until it has words here.
 */
export const ERROR_TEXT = {
  INVALID_INPUT: {
    title: 'Countersign could not accept what was entered.',
    action: 'Check the fields and try again.',
  },
  INVALID_OUTPUT: {
    title: 'Countersign produced an answer it could not vouch for, so it did not show it.',
    action: 'Try again; if it keeps happening, report it with the log.',
  },
  UNKNOWN_CHANNEL: {
    title: 'This screen asked for something this version of Countersign does not offer.',
    action: 'Restart Countersign; if it keeps happening, reinstall it.',
  },
  FORBIDDEN_SENDER: {
    title: 'The request came from a place Countersign does not trust, so it was refused.',
    action: 'Restart Countersign.',
  },
  UNAUTHORIZED: {
    title: 'This session is not allowed to do that.',
    action: 'Open Countersign again from its own window or from the link it printed.',
  },
  NOT_FOUND: {
    title: 'What you asked for does not exist, or no longer exists.',
    action: 'Check the name or path, then try again.',
  },
  CONFLICT: {
    title: 'Someone or something changed this at the same time.',
    action: 'Refresh and try again.',
  },
  CANCELLED: {
    title: 'The operation was cancelled before it finished.',
    action: null,
  },
  NOT_AVAILABLE: {
    title: 'This is not available right now.',
    action: 'Try again in a moment.',
  },
  INTERNAL: {
    title: 'Something went wrong inside Countersign.',
    action: 'Try again; if it keeps happening, report it with the log.',
  },
  SETTINGS_CORRUPT: {
    title: 'The saved settings could not be read, so defaults are in use.',
    action: 'Your old settings file was kept as a backup; check your preferences and connections.',
  },
  KEYCHAIN_UNAVAILABLE: {
    title: "The operating system's keychain could not be reached, so no secret could be stored or read.",
    action: 'Unlock the keychain (or install a secret service on Linux) and try again.',
  },
  CONNECTION_UNREACHABLE: {
    title: 'The server could not be reached.',
    action: 'Check the address, your network and that the server is running.',
  },
  CONNECTION_AUTH_FAILED: {
    title: 'The server refused the stored credentials.',
    action: 'Edit the connection and enter the username and password or token again.',
  },
  CONNECTION_BAD_RESPONSE: {
    title: 'The server answered, but not the way this kind of server should.',
    action: 'Check that the address points at the right kind of server.',
  },
  REGISTRY_UNREACHABLE: {
    title: 'The model registry could not be reached.',
    action: 'Check the connection in Settings and that the registry is running.',
  },
  PATH_ESCAPE: {
    title: 'A file path points outside the model folder, so it was refused.',
    action: 'Treat this model as untrusted and ask its publisher why.',
  },
  BUNDLE_MALFORMED: {
    title: 'The signature file is damaged or is not a signature at all.',
    action: 'Ask the publisher for the signature file again.',
  },
  BUNDLE_UNSUPPORTED: {
    title: 'The signature is in a format this version of Countersign cannot check.',
    action: 'Ask the publisher to sign with a supported format, or update Countersign.',
  },
  SIGNATURE_INVALID: {
    title: 'The signature does not match: the signed content was changed or the signature is forged.',
    action: 'Do not use this model until its publisher re-signs it.',
  },
  SIGNATURE_IDENTITY_MISMATCH: {
    title: 'The model was signed, but not by anyone the policy trusts.',
    action: 'Check who signed it and whether the policy should trust them.',
  },
  SIGNATURE_KEY_MISMATCH: {
    title: 'The model was signed with a key the policy does not trust.',
    action: "Check that the policy holds the publisher's current public key.",
  },
  CERTIFICATE_CHAIN_INVALID: {
    title: "The signer's certificate does not lead back to a trusted authority, or it has expired.",
    action: 'Check the certificate authority chain in the policy.',
  },
  TLOG_INVALID: {
    title: 'The public transparency log does not confirm this signature.',
    action: 'Treat the signature as unproven; ask the publisher to sign again.',
  },
  TIMESTAMP_INVALID: {
    title: 'The time of signing could not be confirmed.',
    action: 'Treat the signature as unproven; ask the publisher to sign again.',
  },
  TRUSTED_ROOT_INVALID: {
    title: 'The list of trusted signing authorities is damaged or out of date.',
    action: 'Update Countersign or the custom trusted root in Settings.',
  },
  ARTIFACT_MISMATCH: {
    title: 'The signature belongs to different content than what was checked.',
    action: 'Check that the signature file belongs to this model.',
  },
  MODEL_SIGNATURE_MALFORMED: {
    title: "The model's signature file is damaged or not a model signature.",
    action: 'Ask the publisher for the signature file again.',
  },
  MODEL_FILES_MISMATCH: {
    title: "The model's files differ from what was signed: files were changed, added or removed.",
    action: 'See the file list for exactly which files differ; do not use this model as it is.',
  },
} as const satisfies Record<ErrorCode, ErrorText>;

/** Plain words for a code; unknown codes (from a newer main) fall back to INTERNAL's. */
export function errorText(code: string): ErrorText {
  return isErrorCode(code) ? ERROR_TEXT[code] : ERROR_TEXT.INTERNAL;
}

/** Words for anything a call threw, plus the technical detail to show beneath them. */
export function describeError(error: unknown): ErrorText & { code: ErrorCode; detail: string | null } {
  if (error instanceof CountersignError) {
    return { ...errorText(error.code), code: error.code, detail: error.message || null };
  }
  const detail = error instanceof Error ? error.message : null;
  return { ...ERROR_TEXT.INTERNAL, code: 'INTERNAL', detail };
}
