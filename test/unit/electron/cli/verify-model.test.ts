import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as signModel } from '../../../../electron/cli/sign-model.ts';
import { run } from '../../../../electron/cli/verify-model.ts';
import { ecKeyPair, makeModel } from '../services/verification/model-signing/model-fixtures.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out: () => out.join(''), err: () => err.join('') };
}

async function signedModel() {
  const dir = makeTempDir('cs-cli');
  const root = makeModel({ 'w.bin': 'weights', 'notes/readme.md': 'hi' }, dir);
  const keys = ecKeyPair('P-256');
  writeFileSync(path.join(dir, 'key.pem'), keys.privateKeyPem);
  writeFileSync(path.join(dir, 'pub.pem'), keys.publicKeyPem);
  const s = capture();
  expect(await signModel([root, '--private-key', path.join(dir, 'key.pem')], s.io)).toBe(0);
  return { dir, root, sig: path.join(root, 'model.sig'), pub: path.join(dir, 'pub.pem') };
}

describe('countersign verify-model', () => {
  it('exits 0 for a verified model and says who signed it', async () => {
    const m = await signedModel();
    const c = capture();
    expect(await run([m.root, '--signature', m.sig, '--public-key', m.pub], c.io)).toBe(0);
    expect(c.out()).toMatch(/^Verification succeeded: 2 files verified signed by SHA256:/);
  });

  it('exits 1 with the per-file report in --json when a file changed', async () => {
    const m = await signedModel();
    writeFileSync(path.join(m.root, 'w.bin'), 'tampered');
    const c = capture();
    expect(await run([m.root, '--signature', m.sig, '--public-key', m.pub, '--json'], c.io)).toBe(1);
    const report = JSON.parse(c.out());
    expect(report.verified).toBe(false);
    expect(report.failure.code).toBe('MODEL_FILES_MISMATCH');
    expect(report.files).toEqual([expect.objectContaining({ path: 'notes/readme.md', status: 'verified' }), expect.objectContaining({ path: 'w.bin', status: 'modified' })]);
  });

  it('lists failing files in words without --json, and honours --ignore-paths', async () => {
    const m = await signedModel();
    writeFileSync(path.join(m.root, 'extra.log'), 'log');
    const c = capture();
    expect(await run([m.root, '--signature', m.sig, '--public-key', m.pub], c.io)).toBe(1);
    expect(c.out()).toMatch(/extra\s+extra\.log: Not in the signature/);
    const ignored = capture();
    expect(await run([m.root, '--signature', m.sig, '--public-key', m.pub, '--ignore-paths', path.join(m.root, 'extra.log')], ignored.io)).toBe(0);
  });

  it('exits 2 on usage errors: no path, no signature, no trust anchor or two of them', async () => {
    const m = await signedModel();
    const cases = [[], [m.root, '--public-key', m.pub], [m.root, '--signature', m.sig], [m.root, '--signature', m.sig, '--public-key', m.pub, '--ca-chain', m.pub], [m.root, '--signature', m.sig, '--identity', 'me@example.com'], ['--bogus']];
    for (const argv of cases) expect(await run(argv, capture().io)).toBe(2);
  });

  it('exits 1 with the error code when the model does not exist', async () => {
    const m = await signedModel();
    const c = capture();
    expect(await run([path.join(m.dir, 'absent'), '--signature', m.sig, '--public-key', m.pub], c.io)).toBe(1);
    expect(c.err()).toMatch(/NOT_FOUND/);
  });

  it('leaves the signature file it is given out of the check, wherever it sits in the folder', async () => {
    const m = await signedModel();
    const renamed = path.join(m.root, 'renamed.sig');
    writeFileSync(renamed, readFileSync(m.sig));
    expect(await run([m.root, '--signature', renamed, '--public-key', m.pub], capture().io)).toBe(0);
    // The same file is an unsigned extra when another signature is verified.
    const c = capture();
    expect(await run([m.root, '--signature', m.sig, '--public-key', m.pub], c.io)).toBe(1);
    expect(c.out()).toMatch(/renamed\.sig/);
  });
});
