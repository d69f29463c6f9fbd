// Signs a model folder with an elliptic-curve private key, producing the same signature
// the reference signer's `model_signing sign key` writes: a v1.0 statement over every
// file's SHA-256, in a DSSE envelope, in a Sigstore v0.3 bundle with a public-key hint.
import type { KeyObject } from 'node:crypto';
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../../shared/errors.ts';
import type { HashJobOptions, HashPool, HashRequest } from '../hashing/hash-pool.ts';
import { preAuthEncoding } from '../sigstore/index.ts';
import { walkModel } from './model-walk.ts';
import { comparePaths, toRootRelative } from './paths.ts';
import type { Serialization, SignedItem } from './statement.ts';
import { buildStatement, IN_TOTO_PAYLOAD_TYPE } from './statement.ts';
import { GIT_PATHS } from './verify.ts';

export const BUNDLE_V03_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** ECDSA curves the reference accepts, with the digest each signs with. */
const CURVE_HASH: Record<string, string> = { prime256v1: 'sha256', secp384r1: 'sha384', secp521r1: 'sha512' };

export interface SignModelRequest {
  /** Absolute path of the model folder or file. */
  modelPath: string;
  privateKeyPem: string;
  /** Absolute path the signature will be written to (left out of the signature). */
  signaturePath: string;
  /** Paths to leave out, relative to the model folder or absolute inside it. */
  ignorePaths?: readonly string[];
  /** Leave .git, .gitattributes, .github, .gitignore out (default true, as the reference). */
  ignoreGitPaths?: boolean;
}

export interface SignedModel {
  bundle: Record<string, unknown>;
  statement: Record<string, unknown>;
  files: number;
  bytesHashed: number;
}

function loadKey(pem: string): { key: KeyObject; hash: string } {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new AppError('INVALID_INPUT', 'The private key is not a PEM private key (an encrypted key is not supported).', { cause: error });
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const hash = key.asymmetricKeyType === 'ec' && curve !== undefined ? CURVE_HASH[curve] : undefined;
  if (!hash) throw new AppError('INVALID_INPUT', 'The private key must be an elliptic-curve key on P-256, P-384 or P-521.');
  return { key, hash };
}

/**
 * Hashes and signs a model. Throws AppError INVALID_INPUT for a bad key, a model with no
 * files, or one with unreadable or special entries, PATH_ESCAPE for a symbolic link out of the folder (and
 * refuses all symbolic links, as the reference does by default), CANCELLED on abort.
 */
export async function signModelWithKey(pool: HashPool, request: SignModelRequest, options: HashJobOptions = {}): Promise<SignedModel> {
  for (const p of [request.modelPath, request.signaturePath]) {
    if (!path.isAbsolute(p) || p.includes('\0')) throw new AppError('INVALID_INPUT', 'Paths must be absolute.');
  }
  const { key, hash } = loadKey(request.privateKeyPem);
  const rawIgnores = [...(request.ignorePaths ?? []), ...(request.ignoreGitPaths === false ? [] : GIT_PATHS), request.signaturePath];
  const ignores = [...new Set(rawIgnores.map((p) => toRootRelative(p, request.modelPath)).filter((p): p is string => p !== null))];
  const listing = await walkModel(request.modelPath, { allowSymlinks: false, ignores });
  const refused = listing.entries.find((e) => e.kind === 'refused');
  if (refused?.kind === 'refused') {
    throw new AppError(refused.code === 'PATH_ESCAPE' ? 'PATH_ESCAPE' : 'INVALID_INPUT', `Cannot sign ${refused.rel}: ${refused.reason}`);
  }
  const files = listing.entries.flatMap((e) => (e.kind === 'file' ? [e] : []));
  if (files.length === 0) throw new AppError('INVALID_INPUT', 'The model holds no files to sign.');
  const requests: HashRequest[] = files.map((f) => ({
    path: f.abs,
    start: 0,
    end: null,
    algorithm: 'sha256',
    noFollow: true,
    expected: f.identity,
    bytes: f.size,
    file: f.rel,
  }));
  const outcomes = await pool.hash(requests, options);
  const items: SignedItem[] = [];
  let bytesHashed = 0;
  outcomes.forEach((outcome, i) => {
    const file = files[i];
    if (!file) return;
    if (!outcome.ok) {
      const code = outcome.errorCode === 'PATH_ESCAPE' ? 'PATH_ESCAPE' : 'INVALID_INPUT';
      throw new AppError(code, `Cannot read ${file.rel}: ${outcome.errorCode === 'PATH_ESCAPE' ? outcome.message : outcome.errorCode}`);
    }
    bytesHashed += outcome.bytes;
    items.push({ path: file.rel, start: null, end: null, digestHex: outcome.digestHex });
  });
  items.sort((a, b) => comparePaths(a.path, b.path));

  const serialization: Serialization = { method: 'files', hashType: 'sha256', shardSize: null, allowSymlinks: false, ignorePaths: ignores };
  const modelName = path.basename(request.modelPath) || path.basename(listing.root);
  const statement = buildStatement(modelName, serialization, items);
  const payload = Buffer.from(JSON.stringify(statement, null, 2), 'utf8');
  const signature = sign(hash, preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, payload), key);
  // The reference identifies the key by the SHA-256 of its SPKI PEM text.
  const publicPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  const bundle = {
    mediaType: BUNDLE_V03_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint: createHash('sha256').update(publicPem).digest('hex') }, tlogEntries: [] },
    dsseEnvelope: {
      payload: payload.toString('base64'),
      payloadType: IN_TOTO_PAYLOAD_TYPE,
      signatures: [{ sig: signature.toString('base64'), keyid: '' }],
    },
  };
  return { bundle, statement, files: items.length, bytesHashed };
}
