import { generateKeyPairSync } from 'node:crypto';
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HashPool } from '../../../../../../electron/services/verification/hashing/hash-pool.ts';
import { signModelWithKey } from '../../../../../../electron/services/verification/model-signing/sign.ts';
import { verifyModelSignature } from '../../../../../../electron/services/verification/model-signing/verify.ts';
import { verifyBundle } from '../../../../../../electron/services/verification/sigstore/index.ts';
import { ecKeyPair, makeModel } from './model-fixtures.ts';
import { makeTempDir } from '../../../../../support/temp-dir.ts';

const pool = new HashPool({ size: 2 });
afterAll(() => pool.dispose());

async function signAndVerify(root: string, keys: { privateKeyPem: string; publicKeyPem: string }, verifyWith = keys.publicKeyPem) {
  const signaturePath = path.join(root, 'model.sig');
  const signed = await signModelWithKey(pool, { modelPath: root, privateKeyPem: keys.privateKeyPem, signaturePath });
  writeFileSync(signaturePath, JSON.stringify(signed.bundle));
  const report = await verifyModelSignature({ verifyBundle, pool, now: () => 0 }, { modelPath: root, policy: { mode: 'public-key', publicKeyPem: verifyWith } });
  return { signed, report };
}

describe('signing a model with a private key', () => {
  for (const curve of ['P-256', 'P-384', 'P-521'] as const) {
    it(`produces a bundle the real verifier accepts with the ${curve} public key`, async () => {
      const root = makeModel({ 'w.bin': 'weights', 'cfg/config.json': '{}' });
      const { signed, report } = await signAndVerify(root, ecKeyPair(curve));
      expect(signed.files).toBe(2);
      expect(report.verified).toBe(true);
      expect(report.signer?.mode).toBe('public-key');
    });
  }

  it('is rejected under another public key', async () => {
    const root = makeModel({ 'w.bin': 'weights' });
    const { report } = await signAndVerify(root, ecKeyPair(), ecKeyPair().publicKeyPem);
    expect(report.verified).toBe(false);
    expect(report.failure?.code).toMatch(/^SIGNATURE_/);
  });

  it('writes the reference layout: v1.0 predicate, files, sha256, sorted resources, recorded ignore paths', async () => {
    const root = makeModel({ 'a-b': '1', 'a/b': '2', '.gitignore': 'x', 'skip/me': '3' });
    const { privateKeyPem } = ecKeyPair();
    const signed = await signModelWithKey(pool, { modelPath: root, privateKeyPem, signaturePath: path.join(root, 'model.sig'), ignorePaths: ['skip'] });
    const predicate = signed.statement['predicate'] as { serialization: Record<string, unknown>; resources: Array<{ name: string; algorithm: string }> };
    expect(signed.statement['predicateType']).toBe('https://model_signing/signature/v1.0');
    expect(predicate.serialization).toMatchObject({ method: 'files', hash_type: 'sha256', allow_symlinks: false });
    expect(predicate.serialization['ignore_paths']).toEqual(expect.arrayContaining(['skip', '.git', '.gitignore', 'model.sig']));
    expect(predicate.resources.map((r) => r.name)).toEqual(['a/b', 'a-b']);
    expect(predicate.resources.every((r) => r.algorithm === 'sha256')).toBe(true);
    expect(signed.bundle).toMatchObject({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', verificationMaterial: { publicKey: { hint: expect.stringMatching(/^[0-9a-f]{64}$/) }, tlogEntries: [] } });
  });

  it('refuses keys that are not elliptic-curve keys on a supported curve', async () => {
    const root = makeModel({ a: 'a' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const k256 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const privateKeyPem of [rsa, k256, 'not a key']) {
      await expect(signModelWithKey(pool, { modelPath: root, privateKeyPem, signaturePath: path.join(root, 'model.sig') })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('refuses to sign a model with no files (nothing such a signature could vouch for)', async () => {
    const root = makeModel({});
    await expect(
      signModelWithKey(pool, { modelPath: root, privateKeyPem: ecKeyPair().privateKeyPem, signaturePath: path.join(root, 'model.sig') }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'The model holds no files to sign.' });
  });

  it('refuses to sign a folder with a link out of it (PATH_ESCAPE) or any link', async () => {
    const parent = makeTempDir('cs-sign');
    const root = makeModel({ a: 'a' }, parent);
    symlinkSync('/etc/hostname', path.join(root, 'out'));
    const { privateKeyPem } = ecKeyPair();
    await expect(signModelWithKey(pool, { modelPath: root, privateKeyPem, signaturePath: path.join(root, 'model.sig') })).rejects.toMatchObject({ code: 'PATH_ESCAPE' });
    const inner = makeModel({ a: 'a' });
    symlinkSync('a', path.join(inner, 'alias'));
    await expect(signModelWithKey(pool, { modelPath: inner, privateKeyPem, signaturePath: path.join(inner, 'model.sig') })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
