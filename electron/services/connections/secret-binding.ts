// =====================================================================================
// SECURITY: a stored secret is bound to where, and how, it was saved to be sent. The
// renderer is untrusted: without this, a script in it could point a profile that has a
// stored password at its own server (`save({id, url: 'http://attacker'})`) and then
// `test({id})`, and the main process would send the password there; or switch bearer to
// basic and send a token as a password. So a save that changes the origin, the kind,
// the sign-in method or the username must bring a new secret, or drop the old one.
// =====================================================================================
import { AppError } from '../../../shared/errors.ts';
import type { ConnectionAuth, ConnectionKind } from '../../../shared/contract/schemas/connections.ts';

/** What a stored secret was saved for: the peer, and how the secret is presented to it. */
export interface SecretBinding {
  kind: ConnectionKind;
  /** The stored (normalised) URL, or the folder of a workspace. */
  url: string;
  auth: ConnectionAuth;
}

/** The message a caller sees when it tries to carry a secret to a new place. */
export const SECRET_REBIND_MESSAGE =
  'The address or sign-in changed: enter the password or token again, so it is never sent where it was not meant to go.';

// scheme, host and port; `null` for anything that is not an http(s) URL (a workspace
// folder, or a hand-edited value), which then never counts as "the same place".
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * True when a secret saved for `before` may be sent as `after` without being entered
 * again: same kind, same origin (scheme, host, port; the path may change), same sign-in
 * method and, for basic auth, the same username.
 */
export function keepsSecretBinding(before: SecretBinding, after: SecretBinding): boolean {
  if (before.kind !== after.kind || before.auth.type !== after.auth.type) return false;
  if (before.auth.type === 'basic' && after.auth.type === 'basic' && before.auth.username !== after.auth.username) {
    return false;
  }
  const origin = originOf(before.url);
  return origin !== null && origin === originOf(after.url);
}

/**
 * Checks a save of an existing profile. `secret` is the draft's: a string replaces the
 * stored secret and `null` deletes it, so both are fine; so is a move to no
 * authentication (which deletes it). Absent means "keep the stored one", which is only
 * allowed when {@link keepsSecretBinding}. Throws INVALID_INPUT otherwise.
 */
export function checkSecretBinding(before: SecretBinding, after: SecretBinding, secret: string | null | undefined): void {
  // A profile without authentication should have no secret, but an account left in the
  // keychain by other means must not be picked up either: no exemption for `before`.
  if (secret !== undefined || after.auth.type === 'none') return;
  if (!keepsSecretBinding(before, after)) throw new AppError('INVALID_INPUT', SECRET_REBIND_MESSAGE);
}
