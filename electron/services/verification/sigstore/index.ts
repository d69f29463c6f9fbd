// Sigstore bundle verification: the public surface of this folder.
export { verifyBundle } from './verify-bundle.ts';
export { parseTrustedRoot, publicGoodTrustedRoot } from './trusted-root.ts';
export { preAuthEncoding } from './pae.ts';
export { IN_TOTO_PAYLOAD_TYPE } from './in-toto.ts';
export type { ArtifactInput, BundlePolicy, BundleVerificationResult } from './types.ts';
