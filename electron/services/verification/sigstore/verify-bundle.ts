// The one entry point for verifying a Sigstore bundle against a signer policy. It routes
// by policy mode (keyless identity, trusted key, trusted CA chain), then binds the verified
// content to the artifact. Every failure leaves as an AppError with a verification code.
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { checkDssePayloadCoversArtifact } from './in-toto.ts';
import { parseBundle } from './parse-bundle.ts';
import { parseTrustedRoot, publicGoodTrustedRoot } from './trusted-root.ts';
import type { ArtifactInput, BundlePolicy, BundleVerificationResult } from './types.ts';
import { verifyWithCaChain } from './verify-ca-chain.ts';
import { verifyKeyless, verifyWithKey } from './verify-with-sigstore.ts';
import { fail, toAppError } from './verification-errors.ts';

let shippedRoot: TrustedRoot | undefined;

function rootFor(policy: BundlePolicy): TrustedRoot {
  if (policy.trustedRoot !== undefined) return parseTrustedRoot(policy.trustedRoot);
  shippedRoot ??= publicGoodTrustedRoot();
  return shippedRoot;
}

function checkArtifact(artifact: ArtifactInput): void {
  if (artifact.kind === 'digest' && (artifact.algorithm !== 'sha256' || artifact.digest.length !== 32)) {
    throw fail('INVALID_INPUT', 'An artifact digest must be a SHA-256 digest of 32 bytes.');
  }
}

/**
 * Verifies a Sigstore bundle (v0.1-v0.3; message signature or DSSE) for `artifact` under
 * `policy`.
 *
 * - `policy.signer.mode === 'identity'`: keyless; Fulcio chain, SCT, transparency log and
 *   timestamps against `policy.trustedRoot` (default: the shipped public-good root); SAN
 *   and issuer matched exactly (a whole-string regex only when `identityIsPattern`).
 * - `'public-key'`: the signature must verify with that key (EC P-256/384/521 with its own
 *   hash, Ed25519, RSA); log entries present are verified, none are required.
 * - `'ca-chain'`: the bundle's certificate chain must lead to a CA in `caChainPem`.
 *
 * For DSSE bundles the verified payload is returned; with a `bytes` or `digest` artifact an
 * in-toto subject must carry the artifact's digest. `{kind: 'dsse-payload'}` leaves that
 * check to the caller.
 *
 * @throws AppError BUNDLE_MALFORMED, BUNDLE_UNSUPPORTED, SIGNATURE_INVALID,
 *   SIGNATURE_IDENTITY_MISMATCH, SIGNATURE_KEY_MISMATCH, CERTIFICATE_CHAIN_INVALID,
 *   TLOG_INVALID, TIMESTAMP_INVALID, TRUSTED_ROOT_INVALID, ARTIFACT_MISMATCH, or
 *   INVALID_INPUT for an unusable policy or artifact argument.
 */
export async function verifyBundle(
  bundle: unknown,
  artifact: ArtifactInput,
  policy: BundlePolicy,
): Promise<BundleVerificationResult> {
  try {
    checkArtifact(artifact);
    const parsed = parseBundle(bundle);
    const signer = policy.signer;
    const result =
      signer.mode === 'identity'
        ? verifyKeyless(parsed, artifact, signer, rootFor(policy))
        : signer.mode === 'public-key'
          ? verifyWithKey(parsed, artifact, signer.publicKeyPem, rootFor(policy))
          : verifyWithCaChain(parsed, artifact, signer.caChainPem);
    const content = parsed.bundle.content;
    if (content.$case === 'dsseEnvelope') {
      const { payloadType, payload } = content.dsseEnvelope;
      checkDssePayloadCoversArtifact(payloadType, payload, artifact);
      return { signer: result, dsse: { payloadType, payload: new Uint8Array(payload) } };
    }
    return { signer: result, dsse: null };
  } catch (error) {
    throw toAppError(error);
  }
}
