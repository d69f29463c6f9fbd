// Builds signed Sigstore bundles in tests, for the key and CA-chain modes (no log entry):
// real signatures from real keys, so the verifier is exercised end to end.
import crypto, { type KeyObject } from 'node:crypto';
import { preAuthEncoding } from '../../../../../../../electron/services/verification/sigstore/pae.ts';

export const V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const HASH_FOR_CURVE: Record<string, string> = { prime256v1: 'sha256', secp384r1: 'sha384', secp521r1: 'sha512' };
const DIGEST_NAME: Record<string, string> = { sha256: 'SHA2_256', sha384: 'SHA2_384', sha512: 'SHA2_512' };

/** The hash a key signs with (null for Ed25519). */
export function hashFor(key: KeyObject): string | null {
  if (key.asymmetricKeyType === 'ed25519') return null;
  return HASH_FOR_CURVE[key.asymmetricKeyDetails?.namedCurve ?? ''] ?? 'sha256';
}

export type Material =
  | { publicKey: { hint: string } }
  | { x509CertificateChain: { certificates: { rawBytes: string }[] } }
  | { certificate: { rawBytes: string } };

export const chainMaterial = (...ders: Buffer[]): Material => ({
  x509CertificateChain: { certificates: ders.map((d) => ({ rawBytes: d.toString('base64') })) },
});

/** A message-signature bundle over `artifact`. */
export function messageBundle(privateKey: KeyObject, artifact: Buffer, material: Material, mediaType = V03) {
  const hash = hashFor(privateKey) ?? 'sha256';
  return {
    mediaType,
    verificationMaterial: { ...material, tlogEntries: [] },
    messageSignature: {
      messageDigest: {
        algorithm: DIGEST_NAME[hash],
        digest: crypto.createHash(hash).update(artifact).digest('base64'),
      },
      signature: crypto.sign(hashFor(privateKey), artifact, privateKey).toString('base64'),
    },
  };
}

/** An in-toto statement naming `artifact` (by SHA-256) as its subject. */
export function statementFor(artifact: Buffer, name = 'artifact.bin'): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name, digest: { sha256: crypto.createHash('sha256').update(artifact).digest('hex') } }],
      predicateType: 'https://example.com/test/v1',
      predicate: {},
    }),
  );
}

/** A DSSE bundle over `payload`, signed over the PAE with the key's own hash. */
export function dsseBundle(
  privateKey: KeyObject,
  payload: Buffer,
  material: Material,
  payloadType = 'application/vnd.in-toto+json',
) {
  const sig = crypto.sign(hashFor(privateKey), preAuthEncoding(payloadType, payload), privateKey);
  return {
    mediaType: V03,
    verificationMaterial: { ...material, tlogEntries: [] },
    dsseEnvelope: {
      payload: payload.toString('base64'),
      payloadType,
      signatures: [{ sig: sig.toString('base64'), keyid: '' }],
    },
  };
}

/** PEM of a public key. */
export const pem = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();
