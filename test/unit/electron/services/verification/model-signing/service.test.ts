import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerificationProgress } from '../../../../../../shared/contract/index.ts';
import { createInThreadModelVerifier } from '../../../../../../electron/services/verification/model-signing/model-verifier.ts';
import { createModelVerificationService } from '../../../../../../electron/services/verification/model-signing/service.ts';
import { buildStatement, rootDigest } from '../../../../../../electron/services/verification/model-signing/statement.ts';
import { requireFixture } from '../../../../../support/peers.ts';
import { ecKeyPair, makeModel, payloadOnlyVerifier, serialization, sha256Items, signWithKey, unsignedBundle, writeUnsignedSignature } from './model-fixtures.ts';

const policy = { mode: 'public-key' as const, publicKeyPem: 'unused by the stand-in verifier' };

/** A model with a large file and a signature (whose digests need not match for these tests). */
function bigModel(megabytes: number): string {
  const root = makeModel({});
  writeFileSync(path.join(root, 'big.bin'), Buffer.alloc(megabytes * 1024 * 1024, 1));
  writeFileSync(path.join(root, 'small.txt'), 'small');
  const items = ['big.bin', 'small.txt'].map((p) => ({ path: p, start: null, end: null, digestHex: rootDigest([]) }));
  const serialization = { method: 'files' as const, hashType: 'sha256' as const, shardSize: null, allowSymlinks: false, ignorePaths: [] };
  writeFileSync(path.join(root, 'model.sig'), JSON.stringify(unsignedBundle(buildStatement('m', serialization, items))));
  return root;
}

describe('model verification service', () => {
  it('tags progress with the job id and ends at the totals', async () => {
    const events: VerificationProgress[] = [];
    const service = createModelVerificationService({ emitProgress: (p) => events.push(p), verifier: createInThreadModelVerifier({ verifyBundle: payloadOnlyVerifier }) });
    const root = bigModel(32);
    const report = await service.verifyModel({ jobId: 'job-1', modelPath: root, policy });
    await service.dispose();
    expect(report.files.map((f) => f.status)).toEqual(['modified', 'modified']);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.jobId === 'job-1')).toBe(true);
    expect(events.at(-1)).toMatchObject({ bytesDone: 32 * 1024 * 1024 + 5, bytesTotal: 32 * 1024 * 1024 + 5, filesDone: 2, filesTotal: 2 });
  });

  it('cancels a running job with CANCELLED and reports whether a job was running', async () => {
    const service = createModelVerificationService({ emitProgress: () => {}, verifier: createInThreadModelVerifier({ verifyBundle: payloadOnlyVerifier }) });
    const root = bigModel(256);
    const running = service.verifyModel({ jobId: 'slow', modelPath: root, policy });
    await expect(service.verifyModel({ jobId: 'slow', modelPath: root, policy })).rejects.toMatchObject({ code: 'CONFLICT' });
    await new Promise((r) => setTimeout(r, 30));
    expect(await service.cancel({ jobId: 'slow' })).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await service.cancel({ jobId: 'slow' })).toEqual({ cancelled: false });
    await service.dispose();
    await expect(service.verifyModel({ jobId: 'after', modelPath: root, policy })).rejects.toMatchObject({ code: 'NOT_AVAILABLE' });
  });
});

describe('model verification reports sent to the renderer', () => {
  it('carry no digest computed from the files, and a size only for modified files', async () => {
    const files = { 'a.bin': 'alpha', 'b.bin': 'bravo', 'c.bin': 'charlie' };
    const root = makeModel(files);
    writeUnsignedSignature(path.join(root, 'model.sig'), serialization(), sha256Items(files));
    writeFileSync(path.join(root, 'a.bin'), 'ALPHA!');
    writeFileSync(path.join(root, 'new.txt'), 'added');
    const service = createModelVerificationService({ emitProgress: () => {}, verifier: createInThreadModelVerifier({ verifyBundle: payloadOnlyVerifier }) });
    try {
      const report = await service.verifyModel({ jobId: 'redact', modelPath: root, policy });
      expect(report.files.map((f) => [f.path, f.status, f.actualDigest, f.size])).toEqual([
        ['a.bin', 'modified', null, 6],
        ['b.bin', 'verified', null, null],
        ['c.bin', 'verified', null, null],
        ['new.txt', 'extra', null, null],
      ]);
      // The reason the UI shows still says what changed.
      expect(report.files[0]?.reason).toBe('The content differs from what was signed (the file now has 6 bytes).');
      // Digests from the signature itself are the caller's own input, and stay.
      expect(report.files[1]?.expectedDigest).toBe(sha256Items({ b: 'bravo' })[0]?.digestHex);
    } finally {
      await service.dispose();
    }
  });

  it('carry no computed digest either when the verification ran in the worker thread, as in the app', async () => {
    const files = { 'a.bin': 'alpha', 'b.bin': 'bravo' };
    const root = makeModel(files);
    const keys = ecKeyPair('P-256');
    await signWithKey(root, keys.privateKeyPem);
    writeFileSync(path.join(root, 'a.bin'), 'ALPHA!');
    const service = createModelVerificationService({ emitProgress: () => {} });
    try {
      const report = await service.verifyModel({ jobId: 'worker-redact', modelPath: root, policy: { mode: 'public-key', publicKeyPem: keys.publicKeyPem } });
      expect(report.signer).toMatchObject({ mode: 'public-key' });
      expect(report.files.map((f) => [f.path, f.status, f.actualDigest, f.size])).toEqual([
        ['a.bin', 'modified', null, 6],
        ['b.bin', 'verified', null, null],
      ]);
    } finally {
      await service.dispose();
    }
  });

  it('refuses a relative trusted root path as INVALID_INPUT, before reading it', async () => {
    const service = createModelVerificationService({ emitProgress: () => {}, verifier: createInThreadModelVerifier({ verifyBundle: payloadOnlyVerifier }) });
    const root = makeModel({ 'a.bin': 'alpha' });
    try {
      for (const trustedRootPath of ['trusted_root.json', '../assets/trust/trusted_root.json', '/tmp/x\0.json']) {
        await expect(service.verifyModel({ jobId: 'rel', modelPath: root, policy, trustedRootPath })).rejects.toMatchObject({
          code: 'INVALID_INPUT',
          message: 'The trusted root path must be an absolute path.',
        });
      }
    } finally {
      await service.dispose();
    }
  });
});

describe('model verification service with its own signature verifier (a worker thread)', () => {
  const fixtures = requireFixture('model-signing');
  const identity = (JSON.parse(readFileSync(path.join(fixtures, 'cases.json'), 'utf8')) as { sigstoreIdentity: { identity: string; issuer: string } }).sigstoreIdentity;
  const model = path.join(fixtures, 'v1.1.0-sigstore');

  it('verifies a keyless model signature and reports a policy failure by its code', async () => {
    const service = createModelVerificationService({ emitProgress: () => {} });
    try {
      const good = await service.verifyModel({ jobId: 'keyless', modelPath: model, policy: { mode: 'identity', ...identity } });
      expect(good.failure).toBeNull();
      expect(good.signer).toMatchObject({ mode: 'identity', subject: identity.identity, issuer: identity.issuer });
      const wrong = await service.verifyModel({ jobId: 'wrong', modelPath: model, policy: { mode: 'identity', identity: 'mallory@example.com', issuer: identity.issuer } });
      expect(wrong).toMatchObject({ verified: false, failure: { code: 'SIGNATURE_IDENTITY_MISMATCH' }, signer: null, files: [] });
    } finally {
      await service.dispose();
    }
  });

  it('cancels, rather than fails, a verification whose signature check is cut short by dispose', async () => {
    const service = createModelVerificationService({ emitProgress: () => {} });
    const running = service.verifyModel({ jobId: 'cut', modelPath: model, policy: { mode: 'identity', ...identity } });
    const outcome = running.then(
      (report) => ({ report }),
      (error: unknown) => ({ error }),
    );
    await new Promise((r) => setTimeout(r, 20));
    await service.dispose();
    expect(await outcome).toMatchObject({ error: { code: 'CANCELLED' } });
  });
});

describe('model verification service with a private Sigstore trusted root', () => {
  const fixtures = requireFixture('model-signing');
  const identity = (JSON.parse(readFileSync(path.join(fixtures, 'cases.json'), 'utf8')) as { sigstoreIdentity: { identity: string; issuer: string } }).sigstoreIdentity;
  const model = path.join(fixtures, 'v1.1.0-sigstore');
  const keyless = { mode: 'identity' as const, ...identity };
  const otherRoot = path.join(
    requireFixture('sigstore-conformance', 'bundle-verify', 'intoto-with-custom-trust-root'),
    'trusted_root.json',
  );

  it('checks keyless signatures against the root the caller names, not the shipped one', async () => {
    const service = createModelVerificationService({ emitProgress: () => {} });
    try {
      const shipped = path.resolve(import.meta.dirname, '../../../../../../assets/trust/trusted_root.json');
      const good = await service.verifyModel({ jobId: 'a', modelPath: model, policy: keyless, trustedRootPath: shipped });
      expect(good.verified).toBe(true);
      // Another deployment's root does not vouch for the public-good Fulcio certificate.
      const other = await service.verifyModel({ jobId: 'b', modelPath: model, policy: keyless, trustedRootPath: otherRoot });
      expect(other.verified).toBe(false);
      // Which check trips first is sigstore-js's order; each is a failure of trust material.
      expect(other.failure?.code).toMatch(/^(TIMESTAMP_INVALID|CERTIFICATE_CHAIN_INVALID|TLOG_INVALID)$/);
    } finally {
      await service.dispose();
    }
  });

  it('says plainly when the named root is missing or is not a trusted root', async () => {
    const service = createModelVerificationService({ emitProgress: () => {} });
    const dir = makeModel({});
    const notJson = path.join(dir, 'root.json');
    writeFileSync(notJson, '{ nope');
    try {
      await expect(
        service.verifyModel({ jobId: 'c', modelPath: model, policy: keyless, trustedRootPath: path.join(dir, 'absent.json') }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(
        service.verifyModel({ jobId: 'd', modelPath: model, policy: keyless, trustedRootPath: notJson }),
      ).rejects.toMatchObject({ code: 'TRUSTED_ROOT_INVALID' });
    } finally {
      await service.dispose();
    }
  });
});
