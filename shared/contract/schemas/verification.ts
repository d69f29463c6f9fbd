import { z } from 'zod';

// Bounds on what the renderer may send: generous for real input, small enough that no
// request can make main parse or hold megabytes of text.
const Path = z.string().min(1).max(4096);
const Pem = (maxBytes: number) => z.string().min(1).max(maxBytes);

/** Who may have signed: exactly one of these trust anchors, as the policy names it. */
export const SignerPolicy = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('identity'),
    identity: z.string().min(1).max(1024),
    issuer: z.string().min(1).max(1024),
    /** Treat `identity` as a regular expression. Only when the policy says so. */
    identityIsPattern: z.boolean().optional(),
  }),
  z.object({ mode: z.literal('public-key'), publicKeyPem: Pem(64 * 1024) }),
  z.object({ mode: z.literal('ca-chain'), caChainPem: Pem(256 * 1024) }),
]);
export type SignerPolicy = z.infer<typeof SignerPolicy>;

export const FileStatus = z.enum(['verified', 'modified', 'missing', 'extra', 'refused']);
export type FileStatus = z.infer<typeof FileStatus>;

export const FileResult = z.object({
  path: z.string(),
  status: FileStatus,
  reason: z.string().nullable(),
  expectedDigest: z.string().nullable(),
  actualDigest: z.string().nullable(),
  size: z.number().nullable(),
});
export type FileResult = z.infer<typeof FileResult>;

export const SignerInfo = z.object({
  mode: z.enum(['identity', 'public-key', 'ca-chain']),
  /** Certificate SAN, key fingerprint, or leaf subject. */
  subject: z.string(),
  issuer: z.string().nullable(),
  signedAt: z.string().nullable(),
});
export type SignerInfo = z.infer<typeof SignerInfo>;

export const ModelVerificationReport = z.object({
  verified: z.boolean(),
  /** Set when `verified` is false: an error code and plain-words reason. */
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  signer: SignerInfo.nullable(),
  format: z.string().nullable(),
  hashAlgorithm: z.string().nullable(),
  files: z.array(FileResult),
  bytesHashed: z.number(),
  durationMs: z.number(),
});
export type ModelVerificationReport = z.infer<typeof ModelVerificationReport>;

export const VerifyModelInput = z.object({
  jobId: z.string().min(1).max(64),
  modelPath: Path,
  signaturePath: Path.optional(),
  policy: SignerPolicy,
  ignorePaths: z.array(z.string().max(4096)).max(1000).optional(),
  /** A private Sigstore deployment's trusted_root.json; absent: the app's current root. */
  trustedRootPath: Path.optional(),
});
export type VerifyModelInput = z.infer<typeof VerifyModelInput>;

export const VerificationProgress = z.object({
  jobId: z.string(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  filesDone: z.number(),
  filesTotal: z.number(),
  currentFile: z.string().nullable(),
});
export type VerificationProgress = z.infer<typeof VerificationProgress>;

/** Which Sigstore trusted root verification uses now, and why. */
export const TrustStatus = z.object({
  /** `shipped`: the public-good root built into the app; `cache`/`tuf`: a root refreshed through TUF. */
  source: z.enum(['tuf', 'cache', 'shipped']),
  fetchedAt: z.string().nullable(),
  expires: z.string().nullable(),
  /** Why a refreshed root is not in use, when a refresh was tried and failed. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type TrustStatus = z.infer<typeof TrustStatus>;
