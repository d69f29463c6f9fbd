// Every real signature in ../shared/fixtures/model-signing (reference signer releases
// 0.2.0 to 1.1.0; sigstore, key and certificate modes), verified with the real Sigstore
// bundle verifier, and tampered copies of each in a temporary folder.
import { chmodSync, cpSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SignerPolicy } from '../../../../../../shared/contract/index.ts';
import { createModelVerificationService } from '../../../../../../electron/services/verification/model-signing/service.ts';
import { requireFixture } from '../../../../../support/peers.ts';
import { makeTempDir } from '../../../../../support/temp-dir.ts';

interface Case {
  name: string;
  model: string;
  signature: string;
  mode: 'certificate' | 'key' | 'sigstore';
  ignorePaths: string[];
}
const root = requireFixture('model-signing');
const index = JSON.parse(readFileSync(path.join(root, 'cases.json'), 'utf8')) as {
  keys: { publicKey: string; caChain: string };
  sigstoreIdentity: { identity: string; issuer: string };
  cases: Case[];
};

function policyFor(c: Case): SignerPolicy {
  if (c.mode === 'key') return { mode: 'public-key', publicKeyPem: readFileSync(path.join(root, index.keys.publicKey), 'utf8') };
  if (c.mode === 'certificate') return { mode: 'ca-chain', caChainPem: readFileSync(path.join(root, index.keys.caChain), 'utf8') };
  return { mode: 'identity', ...index.sigstoreIdentity };
}

const service = createModelVerificationService({ emitProgress: () => {} });
afterAll(() => service.dispose());
let job = 0;
const verify = (c: Case, modelPath: string, signaturePath: string) =>
  service.verifyModel({ jobId: `vector-${++job}`, modelPath, signaturePath, policy: policyFor(c), ignorePaths: c.ignorePaths.map((p) => path.join(modelPath, p)) });

/** A writable copy of a case: the model (folder or file) and its signature. */
function copyCase(c: Case): { model: string; signature: string } {
  const dir = makeTempDir('cs-vector');
  cpSync(path.join(root, c.name), path.join(dir, c.name), { recursive: true });
  const chmodAll = (p: string): void => {
    chmodSync(p, statSync(p).isDirectory() ? 0o755 : 0o644);
    if (statSync(p).isDirectory()) for (const child of readdirSync(p)) chmodAll(path.join(p, child));
  };
  chmodAll(path.join(dir, c.name));
  return { model: path.join(dir, c.model), signature: path.join(dir, c.signature) };
}

const firstSigned = (modelDir: string): string => readdirSync(modelDir).filter((n) => n.startsWith('signme')).sort()[0] ?? 'signme-1';

it('covers every release and mode the fixtures hold', () => {
  expect(new Set(index.cases.map((c) => c.mode))).toEqual(new Set(['certificate', 'key', 'sigstore']));
  expect(index.cases.map((c) => c.name.split('-')[0])).toEqual(expect.arrayContaining(['v0.2.0', 'v0.3.1', 'v1.0.0', 'v1.1.0']));
});

describe.each(index.cases)('reference signature $name ($mode)', (c) => {
  it('verifies as signed', async () => {
    const r = await verify(c, path.join(root, c.model), path.join(root, c.signature));
    expect(r.failure).toBeNull();
    expect(r.verified).toBe(true);
    expect(r.files.length).toBeGreaterThan(0);
    expect(r.files.every((f) => f.status === 'verified')).toBe(true);
  });

  it('fails on one changed byte, naming the file as modified', async () => {
    const copy = copyCase(c);
    const isFile = statSync(copy.model).isFile();
    const target = isFile ? copy.model : path.join(copy.model, firstSigned(copy.model));
    const bytes = readFileSync(target);
    bytes[0] = (bytes[0] ?? 0) ^ 0x01;
    writeFileSync(target, bytes);
    const r = await verify(c, copy.model, copy.signature);
    expect(r.verified).toBe(false);
    expect(r.failure?.code).toBe('MODEL_FILES_MISMATCH');
    expect(r.files.find((f) => f.path === path.basename(target))).toMatchObject({ status: 'modified', reason: expect.stringMatching(/differs/) });
  });

});

// Single-file models (v0.3.1 and v1.0.0 key mode) have no folder to add to or remove from.
const folderCases = index.cases.filter((c) => statSync(path.join(root, c.model)).isDirectory());

describe.each(folderCases)('tampered folder of reference signature $name ($mode)', (c) => {
  it('fails on an added file, a removed file, and a link out of the folder', async () => {
    const added = copyCase(c);
    writeFileSync(path.join(added.model, 'added.bin'), 'not signed');
    const r1 = await verify(c, added.model, added.signature);
    expect(r1.failure?.code).toBe('MODEL_FILES_MISMATCH');
    expect(r1.files.find((f) => f.path === 'added.bin')).toMatchObject({ status: 'extra' });

    const removed = copyCase(c);
    const victim = firstSigned(removed.model);
    rmSync(path.join(removed.model, victim));
    const r2 = await verify(c, removed.model, removed.signature);
    expect(r2.failure?.code).toBe('MODEL_FILES_MISMATCH');
    expect(r2.files.find((f) => f.path === victim)).toMatchObject({ status: 'missing' });

    const linked = copyCase(c);
    symlinkSync('/etc/hostname', path.join(linked.model, 'escape'));
    const r3 = await verify(c, linked.model, linked.signature);
    expect(r3.failure?.code).toBe('PATH_ESCAPE');
    expect(r3.files.find((f) => f.path === 'escape')).toMatchObject({ status: 'refused', reason: expect.stringMatching(/outside the model folder/) });
  });
});
