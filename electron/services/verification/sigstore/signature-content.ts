// The "what was signed" half of a signed entity, as sigstore-js's Verifier consumes it, but
// with our fixes: the hash follows the key (P-384 -> SHA-384, ...), Ed25519 is verified as
// pure Ed25519, DSSE uses our PAE, and a message signature can be checked against an
// artifact known only by its SHA-256 digest (prehashed ECDSA).
import crypto, { type KeyObject } from 'node:crypto';
import type { Envelope, MessageSignature } from '@sigstore/bundle';
import { HashAlgorithm } from '@sigstore/protobuf-specs';
import type { SignedEntity } from '@sigstore/verify';
import { supportsPrehash, verifyEcdsaPrehashed } from './ecdsa-prehash.ts';
import { signatureHashFor, verifyWithKey } from './key-algorithms.ts';
import { legacyModelSigningPae, preAuthEncoding } from './pae.ts';
import { IN_TOTO_PAYLOAD_TYPE } from './in-toto.ts';
import type { ArtifactInput } from './types.ts';
import { fail } from './verification-errors.ts';

/** sigstore-js's SignatureContent (not exported by name). */
export type SignatureContent = SignedEntity['signature'];

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

const sha256 = (data: Uint8Array): Buffer => crypto.createHash('sha256').update(data).digest();

/**
 * Signature content for a DSSE envelope (exactly one signature, checked by the parser).
 * With `legacyModelSigning`, an EC signature over an in-toto payload that fails against
 * the real PAE is retried against the encoding model_signing 0.2.0 signed (see
 * {@link legacyModelSigningPae}), with SHA-256 as that release hard-coded, or with the
 * curve's hash as the reference verifier also allows. Only the key and CA-chain modes,
 * where model_signing bundles come from, turn this on.
 */
export function dsseContent(envelope: Envelope, options: { legacyModelSigning?: boolean } = {}): SignatureContent {
  const sig = envelope.signatures[0]?.sig ?? Buffer.alloc(0);
  const pae = preAuthEncoding(envelope.payloadType, envelope.payload);
  const legacyAllowed = options.legacyModelSigning === true && envelope.payloadType === IN_TOTO_PAYLOAD_TYPE;
  const verifyLegacy = (key: KeyObject): boolean => {
    if (!legacyAllowed || key.asymmetricKeyType !== 'ec') return false;
    const legacy = legacyModelSigningPae(envelope.payloadType, envelope.payload);
    return verifyWithKey(key, legacy, sig, 'sha256') || verifyWithKey(key, legacy, sig);
  };
  return {
    signature: sig,
    compareSignature: (other) => equal(other, sig),
    compareDigest: (digest) => equal(digest, sha256(envelope.payload)),
    compareSignedDigest: (digest) => equal(digest, sha256(pae)),
    verifySignature: (key: KeyObject) => verifyWithKey(key, pae, sig) || verifyLegacy(key),
  };
}

const MESSAGE_HASHES: Partial<Record<HashAlgorithm, 'sha256' | 'sha384' | 'sha512'>> = {
  [HashAlgorithm.SHA2_256]: 'sha256',
  [HashAlgorithm.SHA2_384]: 'sha384',
  [HashAlgorithm.SHA2_512]: 'sha512',
};

/**
 * Throws ARTIFACT_MISMATCH when the bundle's message digest is not the artifact's. The
 * digest is only a hint (the signature is what binds), but a mismatch means the user is
 * checking the wrong file, and saying so plainly beats a bare "signature invalid".
 */
export function checkMessageDigest(message: MessageSignature, artifact: ArtifactInput): void {
  const declared = message.messageDigest;
  if (!declared) throw fail('BUNDLE_MALFORMED', 'The signature bundle has no message digest.');
  const hash = MESSAGE_HASHES[declared.algorithm];
  if (hash === undefined) {
    throw fail('BUNDLE_UNSUPPORTED', 'The signature bundle uses a message digest algorithm this app does not support.');
  }
  if (artifact.kind === 'dsse-payload') {
    throw fail(
      'BUNDLE_UNSUPPORTED',
      'This bundle signs a file directly, not a signed statement (DSSE), so it cannot be used here.',
    );
  }
  let actual: Uint8Array;
  if (artifact.kind === 'bytes') actual = crypto.createHash(hash).update(artifact.data).digest();
  else if (hash === artifact.algorithm) actual = artifact.digest;
  else
    throw fail(
      'BUNDLE_UNSUPPORTED',
      `This signature uses ${hash}; check it against the file itself, not a SHA-256 digest.`,
    );
  if (!equal(actual, declared.digest)) {
    throw fail(
      'ARTIFACT_MISMATCH',
      'The artifact is not the one that was signed: its digest differs from the signed digest.',
    );
  }
}

/** Signature content for a message signature over `artifact`. */
export function messageContent(message: MessageSignature, artifact: ArtifactInput): SignatureContent {
  const sig = message.signature;
  const declared = message.messageDigest?.digest ?? Buffer.alloc(0);
  return {
    signature: sig,
    compareSignature: (other) => equal(other, sig),
    compareDigest: (digest) => equal(digest, declared),
    compareSignedDigest: (digest) => equal(digest, declared),
    verifySignature: (key: KeyObject) => {
      if (artifact.kind === 'bytes') return verifyWithKey(key, artifact.data, sig);
      if (artifact.kind === 'dsse-payload') return false;
      // Only a digest is known: the signature must be over exactly that digest.
      if (!supportsPrehash(key) || signatureHashFor(key) !== artifact.algorithm) {
        throw fail(
          'BUNDLE_UNSUPPORTED',
          'This signature can only be checked against the file itself, not its SHA-256 digest (the key is not a P-256 key).',
        );
      }
      return verifyEcdsaPrehashed(key, artifact.digest, sig);
    },
  };
}
