import { createHash } from 'node:crypto';
import { appendFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../../shared/errors.ts';
import type { HashAlgorithm } from '../../../../../../electron/services/verification/hashing/algorithms.ts';
import { createStreamingHasher } from '../../../../../../electron/services/verification/hashing/algorithms.ts';
import { HashPool } from '../../../../../../electron/services/verification/hashing/hash-pool.ts';
import { planShards } from '../../../../../../electron/services/verification/hashing/shard-plan.ts';
import type { Serialization, SignedItem } from '../../../../../../electron/services/verification/model-signing/statement.ts';
import { buildStatement } from '../../../../../../electron/services/verification/model-signing/statement.ts';
import type { VerifyBundle } from '../../../../../../electron/services/verification/model-signing/verify.ts';
import { verifyModelSignature } from '../../../../../../electron/services/verification/model-signing/verify.ts';
import { makeModel, payloadOnlyVerifier, unsignedBundle } from './model-fixtures.ts';
import { makeTempDir } from '../../../../../support/temp-dir.ts';

const pool = new HashPool({ size: 2 });
afterAll(() => pool.dispose());
const policy = { mode: 'public-key' as const, publicKeyPem: 'unused by the stand-in verifier' };

async function digest(algorithm: HashAlgorithm, data: Uint8Array): Promise<string> {
  const h = await createStreamingHasher(algorithm);
  h.update(data);
  return h.digestHex();
}

/** Writes model.sig (an unsigned bundle) describing `files` with the given serialization. */
async function sign(root: string, files: Record<string, string>, s: Partial<Serialization> = {}, extra: SignedItem[] = []): Promise<string> {
  const serialization: Serialization = { method: 'files', hashType: 'sha256', shardSize: null, allowSymlinks: false, ignorePaths: [], ...s };
  const items: SignedItem[] = [...extra];
  for (const [rel, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    if (serialization.method === 'shards') {
      for (const r of planShards(data.length, serialization.shardSize ?? 1)) items.push({ path: rel, start: r.start, end: r.end, digestHex: await digest(serialization.hashType, data.subarray(r.start, r.end)) });
    } else {
      items.push({ path: rel, start: null, end: null, digestHex: await digest(serialization.hashType, data) });
    }
  }
  const sigPath = path.join(root, 'model.sig');
  writeFileSync(sigPath, JSON.stringify(unsignedBundle(buildStatement('model', serialization, items))));
  return sigPath;
}

const verify = (modelPath: string, extra: { ignorePaths?: string[]; signaturePath?: string; verifyBundle?: VerifyBundle } = {}) =>
  verifyModelSignature(
    { verifyBundle: extra.verifyBundle ?? payloadOnlyVerifier, pool, now: () => 0 },
    { modelPath, policy, ignorePaths: extra.ignorePaths, signaturePath: extra.signaturePath },
  );

const statuses = (r: Awaited<ReturnType<typeof verify>>) => Object.fromEntries(r.files.map((f) => [f.path, f.status]));

const FILES = { 'a.bin': 'alpha', 'sub/b.txt': 'bravo', 'sub/deeper/c': 'charlie' };

describe('verifying a model folder against its signature', () => {
  it('verifies an untouched model and lists every file with its digest', async () => {
    const root = makeModel(FILES);
    await sign(root, FILES);
    const r = await verify(root);
    expect(r).toMatchObject({ verified: true, failure: null, format: 'https://model_signing/signature/v1.0', hashAlgorithm: 'sha256', bytesHashed: 17 });
    expect(r.files).toEqual([
      { path: 'a.bin', status: 'verified', reason: null, expectedDigest: createHash('sha256').update('alpha').digest('hex'), actualDigest: createHash('sha256').update('alpha').digest('hex'), size: 5 },
      expect.objectContaining({ path: 'sub/b.txt', status: 'verified' }),
      expect.objectContaining({ path: 'sub/deeper/c', status: 'verified' }),
    ]);
  });

  it('names each changed, added, removed and escaping file with its own reason', async () => {
    const parent = makeTempDir('cs-verify');
    const root = makeModel(FILES, parent);
    await sign(root, FILES);
    appendFileSync(path.join(root, 'a.bin'), '!');
    writeFileSync(path.join(root, 'new.txt'), 'added');
    rmSync(path.join(root, 'sub/b.txt'));
    writeFileSync(path.join(parent, 'outside'), 'x');
    symlinkSync(path.join(parent, 'outside'), path.join(root, 'link-out'));
    const r = await verify(root);
    expect(r.verified).toBe(false);
    expect(r.failure?.code).toBe('PATH_ESCAPE');
    expect(statuses(r)).toEqual({ 'a.bin': 'modified', 'link-out': 'refused', 'new.txt': 'extra', 'sub/b.txt': 'missing', 'sub/deeper/c': 'verified' });
    const byPath = Object.fromEntries(r.files.map((f) => [f.path, f]));
    expect(byPath['a.bin']?.reason).toMatch(/content differs/);
    expect(byPath['a.bin']?.size).toBe(6);
    expect(byPath['new.txt']?.reason).toMatch(/Not in the signature/);
    expect(byPath['sub/b.txt']?.reason).toMatch(/not found/);
    expect(byPath['link-out']?.reason).toMatch(/outside the model folder/);
  });

  it('fails with MODEL_FILES_MISMATCH when nothing escapes', async () => {
    const root = makeModel(FILES);
    await sign(root, FILES);
    writeFileSync(path.join(root, 'a.bin'), 'ALPHA');
    const r = await verify(root);
    expect(r.failure).toEqual({ code: 'MODEL_FILES_MISMATCH', message: expect.stringContaining('a.bin (modified)') });
  });

  it('refuses a signature naming a path outside the model, without reading it', async () => {
    const root = makeModel(FILES);
    await sign(root, FILES, {}, [{ path: '../outside', start: null, end: null, digestHex: 'aa'.repeat(32) }]);
    const r = await verify(root);
    expect(r.failure?.code).toBe('PATH_ESCAPE');
    expect(r.files.find((f) => f.path === '../outside')).toMatchObject({ status: 'refused' });
  });

  it('honours the ignore paths recorded in the signature and given by the caller, and always skips the signature itself', async () => {
    const root = makeModel({ ...FILES, 'ignore-me': 'x', 'logs/run.txt': 'y', '.git/HEAD': 'ref' });
    await sign(root, FILES, { ignorePaths: ['ignore-me'] });
    const r = await verify(root, { ignorePaths: [path.join(root, 'logs')] });
    expect(r.verified).toBe(true);
    expect(r.files.map((f) => f.path)).toEqual(['a.bin', 'sub/b.txt', 'sub/deeper/c']);
    const without = await verify(root);
    expect(statuses(without)['logs/run.txt']).toBe('extra');
  });

  it('reports a signed file the caller chose to ignore as missing, not as verified', async () => {
    const root = makeModel(FILES);
    await sign(root, FILES);
    const r = await verify(root, { ignorePaths: ['a.bin'] });
    expect(r.files.find((f) => f.path === 'a.bin')).toMatchObject({ status: 'missing', reason: expect.stringMatching(/ignore paths/) });
  });

  it('refuses symbolic links unless the signature allowed them', async () => {
    const files = { 'real.bin': 'weights' };
    const root = makeModel(files);
    symlinkSync('real.bin', path.join(root, 'alias.bin'));
    await sign(root, { ...files, 'alias.bin': 'weights' });
    const refused = await verify(root);
    expect(refused.failure?.code).toBe('MODEL_FILES_MISMATCH');
    expect(refused.files.find((f) => f.path === 'alias.bin')).toMatchObject({ status: 'refused', reason: expect.stringMatching(/does not allow symbolic links/) });
    await sign(root, { ...files, 'alias.bin': 'weights' }, { allowSymlinks: true });
    expect((await verify(root)).verified).toBe(true);
  });

  for (const hashType of ['blake2b', 'blake3'] as const) {
    it(`verifies files hashed with ${hashType}`, async () => {
      const root = makeModel(FILES);
      await sign(root, FILES, { hashType });
      const r = await verify(root);
      expect(r).toMatchObject({ verified: true, hashAlgorithm: hashType });
      writeFileSync(path.join(root, 'sub/b.txt'), 'BRAVO');
      expect(statuses(await verify(root))['sub/b.txt']).toBe('modified');
    });
  }

  it('verifies the shards method shard by shard and says which bytes changed', async () => {
    const MiB = 1024 * 1024;
    const files = { 'big.bin': 'x'.repeat(2.5 * MiB), 'small.txt': 'abc', empty: '' };
    const root = makeModel(files);
    await sign(root, files, { method: 'shards', shardSize: MiB });
    const r = await verify(root);
    expect(r).toMatchObject({ verified: true, hashAlgorithm: `sha256-sharded-${MiB}` });
    expect(statuses(r)).toEqual({ 'big.bin': 'verified', empty: 'verified', 'small.txt': 'verified' });
    writeFileSync(path.join(root, 'big.bin'), `${'x'.repeat(1.5 * MiB)}Y${'x'.repeat(MiB - 1)}`);
    const changed = await verify(root);
    expect(changed.files.find((f) => f.path === 'big.bin')).toMatchObject({ status: 'modified', reason: `Bytes ${MiB} to ${2 * MiB} differ from what was signed.` });
    writeFileSync(path.join(root, 'big.bin'), 'x'.repeat(2.5 * MiB + 1));
    const grown = await verify(root);
    expect(grown.files.find((f) => f.path === 'big.bin')?.reason).toMatch(new RegExp(`${2.5 * MiB} bytes were signed, the file now has ${2.5 * MiB + 1}`));
  });

  it('verifies a single-file model signed under the name "."', async () => {
    const root = makeModel({ 'weights.bin': 'w' });
    const file = path.join(root, 'weights.bin');
    const sigPath = await sign(root, { '.': 'w' });
    const r = await verify(file, { signaturePath: sigPath });
    expect(r.verified).toBe(true);
    expect(r.files).toEqual([expect.objectContaining({ path: 'weights.bin', status: 'verified' })]);
  });

  it('returns the signature verifier’s failure as a report, with no files hashed', async () => {
    const root = makeModel(FILES);
    await sign(root, FILES);
    const rejecting: VerifyBundle = async () => {
      throw new AppError('SIGNATURE_KEY_MISMATCH', 'another key signed this');
    };
    const r = await verify(root, { verifyBundle: rejecting });
    expect(r).toMatchObject({ verified: false, failure: { code: 'SIGNATURE_KEY_MISMATCH' }, files: [], bytesHashed: 0 });
  });

  it('reports a signature file that is not JSON as malformed', async () => {
    const root = makeModel(FILES);
    writeFileSync(path.join(root, 'model.sig'), 'not json');
    expect((await verify(root)).failure?.code).toBe('MODEL_SIGNATURE_MALFORMED');
  });

  it('throws for malformed or missing input paths', async () => {
    await expect(verify('relative/path')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(verify(path.join(makeTempDir('cs-verify'), 'absent'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const root = makeModel(FILES);
    await expect(verify(root)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
