import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../../electron/cli/sign-model.ts';
import { run as verifyModel } from '../../../../electron/cli/verify-model.ts';
import { ecKeyPair, makeModel } from '../services/verification/model-signing/model-fixtures.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const quiet = { stdout: () => {}, stderr: () => {} };

describe('countersign sign-model', () => {
  it('writes model.sig inside the folder by default, leaving it out of what it signs', async () => {
    const dir = makeTempDir('cs-sign-cli');
    const root = makeModel({ 'a.bin': 'a' }, dir);
    const keys = ecKeyPair();
    writeFileSync(path.join(dir, 'k.pem'), keys.privateKeyPem);
    writeFileSync(path.join(dir, 'p.pem'), keys.publicKeyPem);
    const out: string[] = [];
    expect(await run([root, '--private-key', path.join(dir, 'k.pem')], { stdout: (t) => void out.push(t), stderr: () => {} })).toBe(0);
    expect(out.join('')).toMatch(/^Signed 1 files \(1 bytes\): .*model\.sig/);
    const bundle = JSON.parse(readFileSync(path.join(root, 'model.sig'), 'utf8'));
    expect(bundle.dsseEnvelope.payloadType).toBe('application/vnd.in-toto+json');
    expect(await verifyModel([root, '--signature', path.join(root, 'model.sig'), '--public-key', path.join(dir, 'p.pem')], quiet)).toBe(0);
  });

  it('writes to --signature and leaves out --ignore-paths', async () => {
    const dir = makeTempDir('cs-sign-cli');
    const root = makeModel({ 'a.bin': 'a', 'cache/tmp': 't' }, dir);
    const keys = ecKeyPair();
    writeFileSync(path.join(dir, 'k.pem'), keys.privateKeyPem);
    const out = path.join(dir, 'out.sig');
    expect(await run([root, '--private-key', path.join(dir, 'k.pem'), '--signature', out, '--ignore-paths', path.join(root, 'cache')], quiet)).toBe(0);
    const payload = JSON.parse(Buffer.from(JSON.parse(readFileSync(out, 'utf8')).dsseEnvelope.payload, 'base64').toString());
    expect(payload.predicate.resources.map((r: { name: string }) => r.name)).toEqual(['a.bin']);
    expect(payload.predicate.serialization.ignore_paths).toContain('cache');
    expect(existsSync(`${out}.${process.pid}.tmp`)).toBe(false);
  });

  it('exits 2 without a key and 1 with a key that is not an EC private key', async () => {
    const dir = makeTempDir('cs-sign-cli');
    const root = makeModel({ a: 'a' }, dir);
    expect(await run([root], quiet)).toBe(2);
    writeFileSync(path.join(dir, 'bad.pem'), 'nope');
    const err: string[] = [];
    expect(await run([root, '--private-key', path.join(dir, 'bad.pem')], { stdout: () => {}, stderr: (t) => void err.push(t) })).toBe(1);
    expect(err.join('')).toMatch(/INVALID_INPUT/);
  });
});
