// ========================================================================================
// SECURITY: who may have signed (keyless mode).
// The certificate's identity (SAN) and OIDC issuer are compared EXACTLY with the policy.
// sigstore-js treats the expected identity as an unanchored regular expression, so
// "alice@example.com" would also accept "evil-alice@example.com.attacker.net"; we never
// pass the identity to it. A pattern is used only when the policy says so, and then it
// must match the whole identity. The issuer is always exact.
// ========================================================================================
import { fail } from './verification-errors.ts';

/** The identity policy, as SignerPolicy's `identity` mode states it. */
export interface IdentityPolicy {
  identity: string;
  issuer: string;
  identityIsPattern?: boolean | undefined;
}

// A pattern is compiled once per policy; bound its size so a policy cannot hand us a
// pathological one by accident.
const MAX_PATTERN = 1024;

function identityMatches(policy: IdentityPolicy, actual: string): boolean {
  if (!policy.identityIsPattern) return actual === policy.identity;
  if (policy.identity.length > MAX_PATTERN) {
    throw fail('INVALID_INPUT', `The policy's identity pattern is longer than ${MAX_PATTERN} characters.`);
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${policy.identity})$`, 'u');
  } catch (error) {
    throw fail('INVALID_INPUT', "The policy's identity pattern is not a valid regular expression.", error);
  }
  return pattern.test(actual);
}

/**
 * Checks a verified certificate's SAN and OIDC issuer against the policy. Throws
 * SIGNATURE_IDENTITY_MISMATCH naming what was expected and what was found.
 */
export function checkIdentity(policy: IdentityPolicy, san: string | undefined, issuer: string | undefined): void {
  if (san === undefined || san === '') {
    throw fail(
      'SIGNATURE_IDENTITY_MISMATCH',
      'The signing certificate names no identity, so it cannot match the policy.',
    );
  }
  if (!identityMatches(policy, san)) {
    const expected = policy.identityIsPattern ? `an identity matching ${policy.identity}` : policy.identity;
    throw fail('SIGNATURE_IDENTITY_MISMATCH', `Signed by ${san}, but the policy requires ${expected}.`);
  }
  if (issuer !== policy.issuer) {
    throw fail(
      'SIGNATURE_IDENTITY_MISMATCH',
      `The signer's identity was vouched for by ${issuer ?? 'no issuer'}, but the policy requires ${policy.issuer}.`,
    );
  }
}
