// Reads the in-toto statement inside an OpenSSF model signature into the list of signed
// items, for every predicate the reference signer has written (v0.2's Digests/v0.1 and
// v1.0's signature/v1.0), and rebuilds the statement for signing.
import { createHash } from 'node:crypto';
import { AppError } from '../../../../shared/errors.ts';
import type { HashAlgorithm } from '../hashing/algorithms.ts';
import { isHashAlgorithm } from '../hashing/algorithms.ts';
import { checkSignedName } from './paths.ts';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_V1 = 'https://model_signing/signature/v1.0';
export const PREDICATE_V01 = 'https://model_signing/Digests/v0.1';

/** How the signer turned the model into items. */
export interface Serialization {
  method: 'files' | 'shards';
  hashType: HashAlgorithm;
  shardSize: number | null;
  allowSymlinks: boolean;
  /** Paths relative to the model root, as the signer recorded them. */
  ignorePaths: string[];
}

/** One signed item: a whole file, or a `[start, end)` shard of one. */
export interface SignedItem {
  /** Canonical relative path ('.' for a single-file model). */
  path: string;
  start: number | null;
  end: number | null;
  digestHex: string;
}

/** What a signature says the model is. */
export interface SignedManifest {
  predicateType: string;
  modelName: string;
  serialization: Serialization;
  items: SignedItem[];
  /** Names refused because they would leave the model folder. */
  refused: Array<{ name: string; reason: string }>;
}

const NO_FILES = 'The signature covers no files.';

function malformed(message: string): AppError {
  return new AppError('MODEL_SIGNATURE_MALFORMED', message);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(`${what} is not an object.`);
  return value as Record<string, unknown>;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw malformed(`${what} is not a string.`);
  return value;
}

function hex(value: unknown, what: string): string {
  const s = text(value, what);
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(s)) throw malformed(`${what} is not a hexadecimal digest.`);
  return s.toLowerCase();
}

/** The digest name the reference gives an item: `sha256`, or `sha256-sharded-<size>`. */
export function itemAlgorithmName(s: Pick<Serialization, 'method' | 'hashType' | 'shardSize'>): string {
  return s.method === 'shards' ? `${s.hashType}-sharded-${s.shardSize}` : s.hashType;
}

/** The in-toto subject digest: SHA-256 over the raw item digests in the order given. */
export function rootDigest(digestsHex: readonly string[]): string {
  const hash = createHash('sha256');
  for (const d of digestsHex) hash.update(Buffer.from(d, 'hex'));
  return hash.digest('hex');
}

function parseSerialization(value: unknown): Serialization {
  const s = record(value, 'The serialization section');
  const method = s['method'];
  if (method !== 'files' && method !== 'shards') throw malformed(`Unknown serialization method ${JSON.stringify(method)}.`);
  const hashType = s['hash_type'];
  if (!isHashAlgorithm(hashType)) throw malformed(`Unsupported hash type ${JSON.stringify(hashType)}.`);
  const allow = s['allow_symlinks'];
  if (typeof allow !== 'boolean') throw malformed('allow_symlinks is not true or false.');
  let shardSize: number | null = null;
  if (method === 'shards') {
    // Protobuf JSON writes every number as a double (1000000000.0): accept whole values.
    const size = s['shard_size'];
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size <= 0) throw malformed('shard_size is not a positive whole number.');
    shardSize = size;
  }
  const rawIgnore = s['ignore_paths'] ?? [];
  if (!Array.isArray(rawIgnore) || rawIgnore.length > 100_000) throw malformed('ignore_paths is not a list.');
  const ignorePaths = rawIgnore.map((p, i) => text(p, `ignore_paths[${i}]`));
  return { method, hashType, shardSize, allowSymlinks: allow, ignorePaths };
}

function splitShardName(name: string): { file: string; start: number; end: number } {
  const last = name.lastIndexOf(':');
  const mid = last > 0 ? name.lastIndexOf(':', last - 1) : -1;
  const start = Number(name.slice(mid + 1, last));
  const end = Number(name.slice(last + 1));
  if (mid < 0 || !/^\d+$/.test(name.slice(mid + 1, last)) || !/^\d+$/.test(name.slice(last + 1)) || !(end > start)) {
    throw malformed(`The shard name ${JSON.stringify(name)} is not <path>:<start>:<end>.`);
  }
  return { file: name.slice(0, mid), start, end };
}

function parseV1(statement: Record<string, unknown>): SignedManifest {
  const subjects = statement['subject'];
  if (!Array.isArray(subjects) || subjects.length !== 1) throw malformed('The statement must have exactly one subject.');
  const subject = record(subjects[0], 'The subject');
  const modelName = text(subject['name'], 'The subject name');
  const expectedRoot = text(record(subject['digest'], 'The subject digest')['sha256'], 'The subject sha256 digest');
  const predicate = record(statement['predicate'], 'The predicate');
  const serialization = parseSerialization(predicate['serialization']);
  const resources = predicate['resources'];
  if (!Array.isArray(resources) || resources.length > 10_000_000) throw malformed('The predicate has no resources list.');
  // Fail closed: a statement over nothing would "verify" any folder whatsoever.
  if (resources.length === 0) throw malformed(NO_FILES);
  const algorithm = itemAlgorithmName(serialization);
  const items: SignedItem[] = [];
  const refused: SignedManifest['refused'] = [];
  const digests: string[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of resources.entries()) {
    const resource = record(raw, `resources[${i}]`);
    const name = text(resource['name'], `resources[${i}].name`);
    const digestHex = hex(resource['digest'], `resources[${i}].digest`);
    const itemAlgorithm = text(resource['algorithm'], `resources[${i}].algorithm`);
    if (itemAlgorithm !== algorithm) {
      throw malformed(`resources[${i}] was hashed with ${itemAlgorithm}, but the serialization says ${algorithm}.`);
    }
    digests.push(digestHex);
    const shard = serialization.method === 'shards' ? splitShardName(name) : null;
    const check = checkSignedName(shard ? shard.file : name);
    if (!check.ok) {
      refused.push({ name: shard ? shard.file : name, reason: check.reason });
      continue;
    }
    const key = shard ? `${check.path}:${shard.start}:${shard.end}` : check.path;
    if (seen.has(key)) throw malformed(`The signature lists ${JSON.stringify(key)} twice.`);
    seen.add(key);
    items.push({ path: check.path, start: shard?.start ?? null, end: shard?.end ?? null, digestHex });
  }
  // The subject digest binds the resource list: recompute it exactly as the signer did.
  const actualRoot = rootDigest(digests);
  if (actualRoot !== expectedRoot) {
    throw malformed(`The signature is inconsistent: its subject digest is ${expectedRoot}, but its resources hash to ${actualRoot}.`);
  }
  return { predicateType: PREDICATE_V1, modelName, serialization, items, refused };
}

function parseV01(statement: Record<string, unknown>): SignedManifest {
  // v0.2 of the signer put one subject per file and nothing else: SHA-256, whole files,
  // no symbolic links, nothing recorded as ignored.
  const subjects = statement['subject'];
  if (!Array.isArray(subjects) || subjects.length > 10_000_000) throw malformed('The statement has no subject list.');
  if (subjects.length === 0) throw malformed(NO_FILES);
  const items: SignedItem[] = [];
  const refused: SignedManifest['refused'] = [];
  const seen = new Set<string>();
  for (const [i, raw] of subjects.entries()) {
    const subject = record(raw, `subject[${i}]`);
    const name = text(subject['name'], `subject[${i}].name`);
    const digestHex = hex(record(subject['digest'], `subject[${i}].digest`)['sha256'], `subject[${i}].digest.sha256`);
    const check = checkSignedName(name);
    if (!check.ok) {
      refused.push({ name, reason: check.reason });
      continue;
    }
    if (seen.has(check.path)) throw malformed(`The signature lists ${JSON.stringify(check.path)} twice.`);
    seen.add(check.path);
    items.push({ path: check.path, start: null, end: null, digestHex });
  }
  return {
    predicateType: PREDICATE_V01,
    modelName: '',
    serialization: { method: 'files', hashType: 'sha256', shardSize: null, allowSymlinks: false, ignorePaths: [] },
    items,
    refused,
  };
}

/**
 * Parses a verified DSSE payload into the signed manifest. Throws AppError
 * MODEL_SIGNATURE_MALFORMED for anything the reference verifier would reject.
 */
export function parseModelSignaturePayload(payloadType: string, payload: Uint8Array): SignedManifest {
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE) throw malformed(`Expected an in-toto payload, got ${JSON.stringify(payloadType)}.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (error) {
    throw new AppError('MODEL_SIGNATURE_MALFORMED', 'The signed statement is not valid JSON.', { cause: error });
  }
  const statement = record(parsed, 'The statement');
  if (statement['_type'] !== IN_TOTO_STATEMENT_TYPE) throw malformed(`Expected an in-toto ${IN_TOTO_STATEMENT_TYPE} statement.`);
  const predicateType = statement['predicateType'];
  if (predicateType === PREDICATE_V1) return parseV1(statement);
  if (predicateType === PREDICATE_V01) return parseV01(statement);
  throw malformed(`Unknown model signature predicate ${JSON.stringify(predicateType)}.`);
}

/** Builds the v1.0 statement the reference signer would write for these items. */
export function buildStatement(modelName: string, serialization: Serialization, items: readonly SignedItem[]): Record<string, unknown> {
  const algorithm = itemAlgorithmName(serialization);
  const resources = items.map((item) => ({
    name: item.start === null ? item.path : `${item.path}:${item.start}:${item.end}`,
    algorithm,
    digest: item.digestHex,
  }));
  const params: Record<string, unknown> = {
    method: serialization.method,
    hash_type: serialization.hashType,
    allow_symlinks: serialization.allowSymlinks,
  };
  if (serialization.shardSize !== null) params['shard_size'] = serialization.shardSize;
  if (serialization.ignorePaths.length > 0) params['ignore_paths'] = serialization.ignorePaths;
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: [{ name: modelName, digest: { sha256: rootDigest(items.map((i) => i.digestHex)) } }],
    predicateType: PREDICATE_V1,
    predicate: { serialization: params, resources },
  };
}
