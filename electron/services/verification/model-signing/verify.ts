// Verifies one model folder against its OpenSSF model signature: the signature (through
// the Sigstore bundle verifier), then every file (re-hashed in the worker pool).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ModelVerificationReport, SignerPolicy } from '../../../../shared/contract/index.ts';
import { AppError, isAppError } from '../../../../shared/errors.ts';
import type { HashJobOptions, HashPool, HashProgress, HashRequest } from '../hashing/hash-pool.ts';
import { planShards } from '../hashing/shard-plan.ts';
import type { ArtifactInput, BundlePolicy, BundleVerificationResult } from '../sigstore/types.ts';
import type { HashedFile } from './compare.ts';
import { compareWithManifest } from './compare.ts';
import type { WalkEntry } from './model-walk.ts';
import { walkModel } from './model-walk.ts';
import { toRootRelative } from './paths.ts';
import type { SignedManifest } from './statement.ts';
import { itemAlgorithmName, parseModelSignaturePayload } from './statement.ts';

/**
 * The Sigstore bundle verifier, injected: sigstore/index.ts `verifyBundle` (in-thread), or
 * `BundleVerifierWorker.verify` (the same, in a worker thread; what the service uses).
 */
export type VerifyBundle = (bundle: unknown, artifact: ArtifactInput, policy: BundlePolicy) => Promise<BundleVerificationResult>;

/** Paths the reference signer leaves out by default (and records as ignored). */
export const GIT_PATHS = ['.git', '.gitattributes', '.github', '.gitignore'] as const;

/** A signature file larger than this is not a signature. */
const MAX_SIGNATURE_BYTES = 256 * 1024 * 1024;

/**
 * The smallest shard we verify: 1 MiB. The reference signer's default is 1,000,000,000
 * bytes; tiny shards buy a signer nothing, but a made-up signature with 1-byte shards turns
 * a report of which shard differs into a reading of the file byte by byte. At 1 MiB a
 * shard's digest cannot be guessed, and the cost of one extra digest per MiB is nil.
 */
export const MIN_SHARD_BYTES = 1024 * 1024;

export interface VerifyModelRequest {
  modelPath: string;
  signaturePath?: string | undefined;
  policy: SignerPolicy;
  ignorePaths?: readonly string[] | undefined;
  /** A parsed trusted_root.json for private Sigstore deployments. */
  trustedRoot?: unknown;
}

export interface VerifyModelDeps {
  verifyBundle: VerifyBundle;
  pool: HashPool;
  /** Milliseconds, for the report's duration. */
  now: () => number;
}

export interface VerifyModelOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: HashProgress) => void) | undefined;
}

/** The signature path used when the caller gives none: `model.sig` beside the model. */
export function defaultSignaturePath(modelPath: string, modelIsFile: boolean): string {
  return path.join(modelIsFile ? path.dirname(modelPath) : modelPath, 'model.sig');
}

/**
 * Checks a path that names something to read: it must be absolute and free of NUL bytes,
 * so nothing resolves against the process's working directory. Throws AppError INVALID_INPUT.
 */
export function checkInputPath(value: string, what: string): void {
  if (value.includes('\0') || !path.isAbsolute(value)) {
    throw new AppError('INVALID_INPUT', `The ${what} must be an absolute path.`);
  }
}

/**
 * Verifies a model. A model that fails verification is a report with `verified: false`
 * and a failure code, never a throw. Throws AppError INVALID_INPUT for a malformed path,
 * NOT_FOUND when the model or signature does not exist, CANCELLED when `signal` aborts.
 */
export async function verifyModelSignature(
  deps: VerifyModelDeps,
  request: VerifyModelRequest,
  options: VerifyModelOptions = {},
): Promise<ModelVerificationReport> {
  const started = deps.now();
  checkInputPath(request.modelPath, 'model path');
  if (request.signaturePath !== undefined) checkInputPath(request.signaturePath, 'signature path');
  const modelStat = await stat(request.modelPath).catch((error: unknown) => {
    throw new AppError('NOT_FOUND', `The model path does not exist: ${request.modelPath}`, { cause: error });
  });
  const signaturePath = request.signaturePath ?? defaultSignaturePath(request.modelPath, modelStat.isFile());
  const signatureStat = await stat(signaturePath).catch((error: unknown) => {
    throw new AppError('NOT_FOUND', `The signature file does not exist: ${signaturePath}`, { cause: error });
  });
  if (!signatureStat.isFile() || signatureStat.size > MAX_SIGNATURE_BYTES) {
    throw new AppError('INVALID_INPUT', `The signature path is not a signature file: ${signaturePath}`);
  }
  const report = (fields: Partial<ModelVerificationReport>): ModelVerificationReport => ({
    verified: false,
    failure: null,
    signer: null,
    format: null,
    hashAlgorithm: null,
    files: [],
    bytesHashed: 0,
    durationMs: Math.max(0, deps.now() - started),
    ...fields,
  });

  // 1. The signature: authentic, from a trusted signer, and well-formed.
  let bundle: unknown;
  try {
    bundle = JSON.parse(await readFile(signaturePath, 'utf8'));
  } catch {
    return report({ failure: { code: 'MODEL_SIGNATURE_MALFORMED', message: 'The signature file is not a JSON Sigstore bundle.' } });
  }
  let verified: BundleVerificationResult;
  let manifest: SignedManifest;
  try {
    const policy: BundlePolicy = request.trustedRoot === undefined ? { signer: request.policy } : { signer: request.policy, trustedRoot: request.trustedRoot };
    verified = await deps.verifyBundle(bundle, { kind: 'dsse-payload' }, policy);
    if (!verified.dsse) throw new AppError('MODEL_SIGNATURE_MALFORMED', 'The signature is not a DSSE envelope, as model signatures are.');
    manifest = parseModelSignaturePayload(verified.dsse.payloadType, verified.dsse.payload);
    const { method, shardSize } = manifest.serialization;
    if (method === 'shards' && (shardSize ?? 0) < MIN_SHARD_BYTES) {
      throw new AppError(
        'MODEL_SIGNATURE_MALFORMED',
        `The signature cuts files into shards of ${shardSize} bytes; shards smaller than ${MIN_SHARD_BYTES} bytes (1 MiB) are not accepted.`,
      );
    }
  } catch (error) {
    // A stopped verifier is not a verdict on the signature.
    if (!isAppError(error) || error.code === 'CANCELLED') throw error;
    return report({ failure: { code: error.code, message: error.message } });
  }
  const signer = verified.signer;
  const format = manifest.predicateType;
  const hashAlgorithm = itemAlgorithmName(manifest.serialization);
  options.signal?.throwIfAborted();

  // 2. The files: list, hash, compare.
  const ignores = ignoreList(request, manifest, signaturePath);
  const listing = await walkModel(request.modelPath, { allowSymlinks: manifest.serialization.allowSymlinks, ignores });
  const expectedPaths = new Set(manifest.items.map((i) => i.path));
  const { requests, owners } = planHashing(listing.entries, manifest, expectedPaths);
  const jobOptions: HashJobOptions = {};
  if (options.signal) jobOptions.signal = options.signal;
  if (options.onProgress) jobOptions.onProgress = options.onProgress;
  const outcomes = await deps.pool.hash(requests, jobOptions);
  const hashed = new Map<string, HashedFile>();
  for (const entry of listing.entries) {
    if (entry.kind === 'file') hashed.set(entry.rel, { rel: entry.rel, size: entry.size, ranges: [] });
  }
  let bytesHashed = 0;
  outcomes.forEach((outcome, i) => {
    const owner = owners[i];
    const request = requests[i];
    if (!owner || !request) return;
    if (outcome.ok) bytesHashed += outcome.bytes;
    hashed.get(owner)?.ranges.push({ start: request.start, end: request.end, outcome });
  });
  const compared = compareWithManifest(manifest, listing.entries, hashed, ignores);
  const displayName = listing.singleFile ? path.basename(listing.root) : null;
  const files = compared.map(({ escape: _escape, ...file }) => (displayName && file.path === '.' ? { ...file, path: displayName } : file));
  const failed = compared.filter((f) => f.status !== 'verified');
  const escape = compared.some((f) => f.escape);
  const failure =
    failed.length === 0
      ? null
      : {
          code: escape ? 'PATH_ESCAPE' : 'MODEL_FILES_MISMATCH',
          message: summarise(failed.length, compared.length, files.filter((f) => f.status !== 'verified')),
        };
  return report({ verified: failure === null, failure, signer, format, hashAlgorithm, files, bytesHashed });
}

function summarise(failed: number, total: number, files: Array<{ path: string; status: string }>): string {
  const shown = files.slice(0, 5).map((f) => `${f.path} (${f.status})`);
  const more = files.length > shown.length ? `, and ${files.length - shown.length} more` : '';
  return `${failed} of ${total} files did not verify: ${shown.join(', ')}${more}.`;
}

/** Every path left out: the signer's list, the caller's, git metadata, and the signature. */
function ignoreList(request: VerifyModelRequest, manifest: SignedManifest, signaturePath: string): string[] {
  const root = request.modelPath;
  const all = [...manifest.serialization.ignorePaths, ...(request.ignorePaths ?? []), ...GIT_PATHS, signaturePath];
  const relative = all.map((p) => toRootRelative(p, root)).filter((p): p is string => p !== null);
  return [...new Set(relative)];
}

function planHashing(
  entries: readonly WalkEntry[],
  manifest: SignedManifest,
  expectedPaths: ReadonlySet<string>,
): { requests: HashRequest[]; owners: string[] } {
  const { method, hashType, shardSize } = manifest.serialization;
  const requests: HashRequest[] = [];
  const owners: string[] = [];
  for (const entry of entries) {
    // Files the signature does not list are extra whatever their content: no need to read them.
    if (entry.kind !== 'file' || !expectedPaths.has(entry.rel)) continue;
    const ranges = method === 'shards' && shardSize !== null ? planShards(entry.size, shardSize) : [{ start: 0, end: null }];
    for (const range of ranges) {
      requests.push({
        path: entry.abs,
        start: range.start,
        end: range.end,
        algorithm: hashType,
        noFollow: !entry.viaSymlink,
        expected: entry.identity,
        bytes: range.end === null ? entry.size : range.end - range.start,
        file: entry.rel,
      });
      owners.push(entry.rel);
    }
  }
  return { requests, owners };
}
