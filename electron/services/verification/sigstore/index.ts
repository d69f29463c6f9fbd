// Sigstore bundle verification: the public surface of this folder.
export { verifyBundle } from './verify-bundle.ts';
export { BundleVerifierWorker, type BundleVerifierWorkerOptions } from './bundle-verifier-worker.ts';
export { parseTrustedRoot, publicGoodTrustedRoot } from './trusted-root.ts';
export { refreshTrustedRoot, type TrustRefreshOptions, type TrustRefreshResult, type TrustedRootSource } from './trust-refresh.ts';
export { preAuthEncoding } from './pae.ts';
export { IN_TOTO_PAYLOAD_TYPE } from './in-toto.ts';
export type { ArtifactInput, BundlePolicy, BundleVerificationResult } from './types.ts';
