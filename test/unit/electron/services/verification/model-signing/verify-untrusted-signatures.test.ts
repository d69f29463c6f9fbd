// Signatures made by someone hostile: the renderer can sign any statement with a key of its
// own, so nothing in a statement may turn verification into a way to read or skip files.
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HashJobOptions, HashOutcome, HashRequest } from '../../../../../../electron/services/verification/hashing/hash-pool.ts';
import { HashPool } from '../../../../../../electron/services/verification/hashing/hash-pool.ts';
import type { SignedItem } from '../../../../../../electron/services/verification/model-signing/statement.ts';
import { MIN_SHARD_BYTES, verifyModelSignature } from '../../../../../../electron/services/verification/model-signing/verify.ts';
import { makeModel, payloadOnlyVerifier, serialization, sha256Items, writeUnsignedSignature } from './model-fixtures.ts';
import { makeTempDir } from '../../../../../support/temp-dir.ts';

const pool = new HashPool({ size: 2 });
afterAll(() => pool.dispose());
const policy = { mode: 'public-key' as const, publicKeyPem: 'unused by the stand-in verifier' };
const sha = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

const verify = (modelPath: string, signaturePath: string, ignorePaths?: string[], hashPool: HashPool = pool) =>
  verifyModelSignature({ verifyBundle: payloadOnlyVerifier, pool: hashPool, now: () => 0 }, { modelPath, signaturePath, policy, ignorePaths });

const FILES = { 'a.bin': 'alpha', 'sub/b.txt': 'bravo', 'sub/deeper/c': 'charlie' };

describe('shard sizes in an untrusted signature', () => {
  it('refuses shards below 1 MiB as malformed, before reading any file', async () => {
    const parent = makeTempDir('cs-tiny-shards');
    const root = makeModel({ 'secret.txt': 'hunter2' }, parent);
    const sigPath = path.join(parent, 'model.sig');
    for (const shardSize of [1, MIN_SHARD_BYTES - 1]) {
      // What a file-reading oracle signs: one-byte shards with made-up digests.
      const items: SignedItem[] = [0, 1, 2].map((i) => ({ path: 'secret.txt', start: i, end: i + 1, digestHex: '00'.repeat(32) }));
      writeUnsignedSignature(sigPath, serialization({ method: 'shards', shardSize }), items);
      const r = await verify(root, sigPath);
      expect(r).toMatchObject({ verified: false, failure: { code: 'MODEL_SIGNATURE_MALFORMED' }, files: [], bytesHashed: 0 });
      expect(r.failure?.message).toMatch(/shards smaller than 1048576 bytes \(1 MiB\) are not accepted/);
    }
  });

  it('accepts shards of exactly 1 MiB', async () => {
    const parent = makeTempDir('cs-mib-shards');
    const root = makeModel({ 'w.bin': 'w' }, parent);
    const sigPath = writeUnsignedSignature(path.join(parent, 'model.sig'), serialization({ method: 'shards', shardSize: MIN_SHARD_BYTES }), [
      { path: 'w.bin', start: 0, end: 1, digestHex: sha('w') },
    ]);
    expect(await verify(root, sigPath)).toMatchObject({ verified: true, failure: null });
  });

  it('names the first shard that differs in file order, so a guess at a short last shard learns nothing', async () => {
    const parent = makeTempDir('cs-shard-order');
    const data = Buffer.alloc(MIN_SHARD_BYTES + 1, 7);
    data[MIN_SHARD_BYTES] = 42; // the byte a hostile signature tries to guess
    const root = makeModel({ 'secret.bin': data }, parent);
    const sigPath = path.join(parent, 'model.sig');
    const reasons: Array<string | null | undefined> = [];
    for (const guess of [42, 43]) {
      // The last shard first, then a first shard the guesser cannot know.
      const items: SignedItem[] = [
        { path: 'secret.bin', start: MIN_SHARD_BYTES, end: MIN_SHARD_BYTES + 1, digestHex: sha(Buffer.from([guess])) },
        { path: 'secret.bin', start: 0, end: MIN_SHARD_BYTES, digestHex: '00'.repeat(32) },
      ];
      writeUnsignedSignature(sigPath, serialization({ method: 'shards', shardSize: MIN_SHARD_BYTES }), items);
      const r = await verify(root, sigPath);
      reasons.push(r.files.find((f) => f.path === 'secret.bin')?.reason);
    }
    expect(reasons).toEqual([`Bytes 0 to ${MIN_SHARD_BYTES} differ from what was signed.`, `Bytes 0 to ${MIN_SHARD_BYTES} differ from what was signed.`]);
  });
});

describe('ignore paths in an untrusted signature', () => {
  it('drops ignore entries that name the model root, from the signature and from the caller', async () => {
    const parent = makeTempDir('cs-ignore-root');
    const root = makeModel({ ...FILES, 'added.txt': 'not signed' }, parent);
    const sigPath = writeUnsignedSignature(path.join(parent, 'model.sig'), serialization({ ignorePaths: ['.', '', './', 'sub/..'] }), sha256Items(FILES));
    const r = await verify(root, sigPath, ['.', root, `${root}/sub/..`]);
    expect(r.verified).toBe(false);
    expect(Object.fromEntries(r.files.map((f) => [f.path, f.status]))).toEqual({
      'a.bin': 'verified',
      'added.txt': 'extra',
      'sub/b.txt': 'verified',
      'sub/deeper/c': 'verified',
    });
  });

  it('fails closed on a signature that covers no files, whatever the folder holds', async () => {
    const parent = makeTempDir('cs-no-resources');
    const root = makeModel(FILES, parent);
    const sigPath = writeUnsignedSignature(path.join(parent, 'model.sig'), serialization({ ignorePaths: ['.'] }), []);
    const r = await verify(root, sigPath);
    expect(r).toMatchObject({ verified: false, failure: { code: 'MODEL_SIGNATURE_MALFORMED', message: 'The signature covers no files.' }, files: [] });
  });
});

/** A real pool that, once the folder has been listed, swaps `sub` for a link out of the model. */
class SwappingPool extends HashPool {
  readonly #swap: () => void;
  constructor(swap: () => void) {
    super({ size: 1 });
    this.#swap = swap;
  }

  override hash(requests: readonly HashRequest[], options?: HashJobOptions): Promise<HashOutcome[]> {
    this.#swap();
    return super.hash(requests, options);
  }
}

describe('a folder swapped between listing and hashing', () => {
  it('refuses the files reached through the swapped folder as PATH_ESCAPE, without reading them', async () => {
    const parent = makeTempDir('cs-swap');
    const root = makeModel(FILES, parent);
    // Outside the model, the very content that was signed: read, it would "verify".
    const outside = path.join(parent, 'outside');
    mkdirSync(path.join(outside, 'deeper'), { recursive: true });
    writeFileSync(path.join(outside, 'b.txt'), 'bravo');
    writeFileSync(path.join(outside, 'deeper', 'c'), 'charlie');
    const sigPath = writeUnsignedSignature(path.join(parent, 'model.sig'), serialization(), sha256Items(FILES));
    const swapping = new SwappingPool(() => {
      renameSync(path.join(root, 'sub'), path.join(parent, 'sub-was-here'));
      symlinkSync(outside, path.join(root, 'sub'));
    });
    try {
      const r = await verify(root, sigPath, undefined, swapping);
      expect(r.verified).toBe(false);
      expect(r.failure?.code).toBe('PATH_ESCAPE');
      expect(r.bytesHashed).toBe(5);
      const byPath = Object.fromEntries(r.files.map((f) => [f.path, f]));
      expect(byPath['a.bin']?.status).toBe('verified');
      for (const p of ['sub/b.txt', 'sub/deeper/c']) {
        expect(byPath[p]).toMatchObject({ status: 'refused', reason: expect.stringMatching(/replaced while it was being checked/), actualDigest: null });
      }
    } finally {
      await swapping.dispose();
    }
  });
});
