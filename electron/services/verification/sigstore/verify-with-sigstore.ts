// Keyless (Fulcio certificate) and key-based verification, driven by sigstore-js's Verifier
// for what it does well (certificate chains to the Fulcio roots, SCTs, transparency log
// promises, inclusion proofs and checkpoints for Rekor v1 and v2, RFC 3161 timestamps),
// with our own signature content (hash per key, PAE, digest-only artifacts) and our own
// identity check (exact, never an unanchored regex).
import { X509Certificate, type KeyObject } from 'node:crypto';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, type SignedEntity, type TrustMaterial } from '@sigstore/verify';
import type { SignerInfo } from '../../../../shared/contract/index.ts';
import { checkIdentity, type IdentityPolicy } from './identity.ts';
import { keyFingerprint, parsePublicKey } from './key-algorithms.ts';
import type { ParsedBundle } from './parse-bundle.ts';
import { checkMessageDigest, dsseContent, messageContent } from './signature-content.ts';
import { checkProofsMatchCheckpoints } from './tlog-consistency.ts';
import { trustMaterialFrom } from './trusted-root.ts';
import type { ArtifactInput } from './types.ts';
import { fail } from './verification-errors.ts';

function entityFor(parsed: ParsedBundle, artifact: ArtifactInput, legacyModelSigning: boolean): SignedEntity {
  const { bundle } = parsed;
  checkProofsMatchCheckpoints(bundle);
  // toSignedEntity parses the certificate and timestamps; its signature content is replaced.
  const entity = toSignedEntity(bundle, Buffer.alloc(0));
  if (bundle.content.$case === 'dsseEnvelope') {
    return { ...entity, signature: dsseContent(bundle.content.dsseEnvelope, { legacyModelSigning }) };
  }
  checkMessageDigest(bundle.content.messageSignature, artifact);
  return { ...entity, signature: messageContent(bundle.content.messageSignature, artifact) };
}

// The earliest time a verified witness (log promise or timestamp authority) vouches for.
function signedAt(entity: SignedEntity): string | null {
  const times: number[] = [];
  for (const ts of entity.timestamps) {
    if (ts.$case === 'timestamp-authority') times.push(ts.timestamp.signingTime.getTime());
    else if (ts.tlogEntry.inclusionPromise) times.push(Number(ts.tlogEntry.integratedTime) * 1000);
  }
  const finite = times.filter((t) => Number.isFinite(t) && t > 0);
  return finite.length ? new Date(Math.min(...finite)).toISOString() : null;
}

function isSelfSigned(cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(cert) && cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

// A bundle's chain must stop short of the root: a root shipped inside the bundle could be
// mistaken for a trust anchor by a careless verifier, so its presence is itself an error.
function rejectRootInChain(parsed: ParsedBundle): void {
  const material = parsed.bundle.verificationMaterial.content;
  if (material.$case !== 'x509CertificateChain') return;
  for (const { rawBytes } of material.x509CertificateChain.certificates) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(Buffer.from(rawBytes));
    } catch (error) {
      throw fail('BUNDLE_MALFORMED', 'A certificate in the signature bundle cannot be read.', error);
    }
    if (isSelfSigned(cert)) {
      throw fail(
        'CERTIFICATE_CHAIN_INVALID',
        'The signature bundle includes a root certificate; roots must come only from the trusted root, never from the bundle.',
      );
    }
  }
}

/** Keyless verification: a Fulcio certificate whose identity and issuer the policy names. */
export function verifyKeyless(
  parsed: ParsedBundle,
  artifact: ArtifactInput,
  policy: IdentityPolicy,
  root: TrustedRoot,
): SignerInfo {
  const material = parsed.bundle.verificationMaterial.content;
  if (material.$case === 'publicKey') {
    throw fail(
      'SIGNATURE_IDENTITY_MISMATCH',
      'The bundle was signed with a bare key, not a certificate naming a signer, so it cannot match the identity the policy requires.',
    );
  }
  if (parsed.chainInV03) {
    throw fail(
      'BUNDLE_MALFORMED',
      'A version 0.3 Sigstore bundle must carry a single signing certificate, not a chain.',
    );
  }
  rejectRootInChain(parsed);
  const verifier = new Verifier(trustMaterialFrom(root), {
    tlogThreshold: 1,
    ctlogThreshold: 1,
    timestampThreshold: 1,
  });
  const entity = entityFor(parsed, artifact, false);
  const signer = verifier.verify(entity);
  checkIdentity(policy, signer.identity?.subjectAlternativeName, signer.identity?.extensions?.issuer);
  return {
    mode: 'identity',
    subject: signer.identity?.subjectAlternativeName ?? '',
    issuer: signer.identity?.extensions?.issuer ?? null,
    signedAt: signedAt(entity),
  };
}

function embeddedKey(raw: Uint8Array): KeyObject {
  const text = Buffer.from(raw).toString('utf8');
  return parsePublicKey(text.startsWith('-----BEGIN') ? text : raw, 'bundle');
}

/**
 * Key-based verification: the signature must verify with the key the policy names. Log
 * entries and timestamps are optional, but any present are verified against `root`.
 */
export function verifyWithKey(
  parsed: ParsedBundle,
  artifact: ArtifactInput,
  publicKeyPem: string,
  root: TrustedRoot,
): SignerInfo {
  const policyKey = parsePublicKey(publicKeyPem, 'policy');
  if (parsed.bundle.verificationMaterial.content.$case !== 'publicKey') {
    throw fail(
      'SIGNATURE_KEY_MISMATCH',
      'The bundle was signed with a certificate, but the policy trusts only a specific public key.',
    );
  }
  // model_signing 0.3-1.0 embed the signing key; a different one is a plain key mismatch.
  if (parsed.embeddedKey && parsed.embeddedKey.length > 0 && !embeddedKey(parsed.embeddedKey).equals(policyKey)) {
    throw fail('SIGNATURE_KEY_MISMATCH', 'The bundle was signed with a different key than the one the policy trusts.');
  }
  // The hint is an unauthenticated label: whatever it says, only the policy's key is used.
  const trust: TrustMaterial = trustMaterialFrom(root, () => ({ publicKey: policyKey, validFor: () => true }));
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  const entity = entityFor(parsed, artifact, true);
  try {
    verifier.verify(entity);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SIGNATURE_ERROR') {
      throw fail(
        'SIGNATURE_INVALID',
        'The signature does not verify with the trusted key: the content was changed, or a different key signed it.',
        error,
      );
    }
    throw error;
  }
  return { mode: 'public-key', subject: keyFingerprint(policyKey), issuer: null, signedAt: signedAt(entity) };
}
