// ========================================================================================
// SECURITY: which hash a signature is verified with.
// Each key type has exactly one hash that goes with it (Sigstore's PublicKeyDetails:
// PKIX_ECDSA_P256_SHA_256, PKIX_ECDSA_P384_SHA_384, PKIX_ECDSA_P521_SHA_512, PKIX_ED25519).
// sigstore-js verifies DSSE signatures with node's default digest (SHA-256) whatever the
// curve, so a P-384 signature over SHA-384 (what model_signing writes) fails there. We pick
// the hash from the key itself, never from the bundle, so a bundle cannot downgrade it.
// ========================================================================================
import crypto, { type KeyObject } from 'node:crypto';
import { fail } from './verification-errors.ts';

/** A hash name node:crypto accepts, or null for Ed25519 (which hashes internally). */
export type SignatureHash = 'sha256' | 'sha384' | 'sha512' | null;

const EC_HASH: Record<string, SignatureHash> = {
  prime256v1: 'sha256',
  secp384r1: 'sha384',
  secp521r1: 'sha512',
};

/**
 * The hash that belongs to `key`. Throws BUNDLE_UNSUPPORTED for a key type Sigstore does
 * not define (for example secp256k1 or Ed448).
 */
export function signatureHashFor(key: KeyObject): SignatureHash {
  switch (key.asymmetricKeyType) {
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
      const hash = EC_HASH[curve];
      if (hash === undefined) {
        throw fail(
          'BUNDLE_UNSUPPORTED',
          `Signatures made with elliptic curve "${curve}" are not supported (P-256, P-384 and P-521 are).`,
        );
      }
      return hash;
    }
    case 'ed25519':
      return null;
    case 'rsa':
    case 'rsa-pss':
      return 'sha256';
    default:
      throw fail(
        'BUNDLE_UNSUPPORTED',
        `Signatures made with a "${String(key.asymmetricKeyType)}" key are not supported.`,
      );
  }
}

/**
 * Verifies `signature` over `data` with `key` and the hash that belongs to the key.
 * `hashOverride` exists for one documented legacy format only (model_signing 0.2.0).
 */
export function verifyWithKey(
  key: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
  hashOverride?: SignatureHash,
): boolean {
  const hash = hashOverride === undefined ? signatureHashFor(key) : hashOverride;
  try {
    return crypto.verify(hash, data, key, signature);
  } catch {
    // OpenSSL throws on some malformed signatures instead of returning false.
    return false;
  }
}

/** Parses a PEM (or DER SPKI) public key; BUNDLE_MALFORMED or INVALID_INPUT when unreadable. */
export function parsePublicKey(material: string | Uint8Array, where: 'bundle' | 'policy'): KeyObject {
  try {
    const key =
      typeof material === 'string'
        ? crypto.createPublicKey(material)
        : crypto.createPublicKey({ key: Buffer.from(material), format: 'der', type: 'spki' });
    if (key.type !== 'public') throw new TypeError('not a public key');
    return key;
  } catch (error) {
    throw where === 'policy'
      ? fail('INVALID_INPUT', 'The public key named by the policy cannot be read (expected a PEM public key).', error)
      : fail('BUNDLE_MALFORMED', 'The public key inside the signature bundle cannot be read.', error);
  }
}

/** A stable, printable name for a key: SHA-256 of its DER SubjectPublicKeyInfo. */
export function keyFingerprint(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return `SHA256:${crypto.createHash('sha256').update(der).digest('hex')}`;
}

/** True when two public keys are the same key. */
export function sameKey(a: KeyObject, b: KeyObject): boolean {
  return a.equals(b);
}
