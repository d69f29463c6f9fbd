import type { SignerInfo, SignerPolicy } from '../../../../shared/contract/index.ts';

/**
 * What was signed, as the caller has it.
 * - `bytes`: the artifact itself (message signatures, or an in-toto subject to match);
 * - `digest`: only its SHA-256 (the conformance CLI's `sha256:<hex>` form);
 * - `dsse-payload`: no artifact; the caller checks the verified DSSE payload itself
 *   (OpenSSF model signatures, whose subject is recomputed from the model's files).
 */
export type ArtifactInput =
  | { kind: 'bytes'; data: Uint8Array }
  | { kind: 'digest'; algorithm: 'sha256'; digest: Uint8Array }
  | { kind: 'dsse-payload' };

/** The signer policy plus the trust material it is checked against. */
export interface BundlePolicy {
  signer: SignerPolicy;
  /** A parsed trusted_root.json; absent means the Sigstore public-good root shipped with the app. */
  trustedRoot?: unknown;
}

/** What a successful verification proves. Failures throw AppError with a verification code. */
export interface BundleVerificationResult {
  signer: SignerInfo;
  /** Set for DSSE bundles: the payload, verified by the envelope signature. */
  dsse: { payloadType: string; payload: Uint8Array } | null;
}
