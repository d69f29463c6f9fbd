// Cross-checks our model signing with the reference signer (`model_signing`, from PyPI,
// installed in .peers/venv by scripts/peers/setup.sh --test): each tool verifies what the
// other signed, in key and certificate modes, and both agree on every tampered variant.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignerPolicy } from '../../shared/contract/index.ts';
import { run as signModel } from '../../electron/cli/sign-model.ts';
import { createModelVerificationService } from '../../electron/services/verification/model-signing/service.ts';
import { REPO_ROOT } from '../support/peers.ts';
import { makeModel } from '../unit/electron/services/verification/model-signing/model-fixtures.ts';
import { makeTempDir } from '../support/temp-dir.ts';

const REFERENCE = process.env['COUNTERSIGN_MODEL_SIGNING'] ?? path.join(REPO_ROOT, '.peers', 'venv', 'bin', 'model_signing');

function reference(args: string[], cwd: string): { code: number; output: string } {
  const r = spawnSync(REFERENCE, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

function openssl(args: string[], cwd: string): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
}

const service = createModelVerificationService({ emitProgress: () => {} });
afterAll(() => service.dispose());
let jobs = 0;
const ours = (modelPath: string, signaturePath: string, policy: SignerPolicy) => service.verifyModel({ jobId: `ref-${++jobs}`, modelPath, signaturePath, policy });

const FILES = { 'model.safetensors': 'w'.repeat(70_000), 'config.json': '{"layers":2}', 'tokenizer/vocab.txt': 'a\nb\nc\n', '.gitattributes': '* binary' };
let work: string;
const keys = { priv: '', pub: '', caKey: '', ca: '', leafKey: '', leaf: '' };

beforeAll(() => {
  if (!existsSync(REFERENCE)) {
    throw new Error(`The reference signer is not installed at ${REFERENCE}. Run \`bash scripts/peers/setup.sh --test\` (or set COUNTERSIGN_MODEL_SIGNING).`);
  }
  work = makeTempDir('cs-reference');
  // A P-384 key pair for key mode, and a CA with a code-signing leaf for certificate mode.
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', 'key.pem'], work);
  openssl(['pkey', '-in', 'key.pem', '-pubout', '-out', 'pub.pem'], work);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', 'ca-key.pem'], work);
  openssl(['req', '-x509', '-new', '-key', 'ca-key.pem', '-subj', '/CN=Countersign Test CA', '-days', '30', '-out', 'ca.pem',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], work);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'leaf-key.pem'], work);
  openssl(['req', '-new', '-key', 'leaf-key.pem', '-subj', '/CN=model-signer', '-out', 'leaf.csr'], work);
  writeFileSync(path.join(work, 'leaf.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n');
  openssl(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '10', '-extfile', 'leaf.ext', '-out', 'leaf.pem'], work);
  for (const [k, f] of Object.entries({ priv: 'key.pem', pub: 'pub.pem', caKey: 'ca-key.pem', ca: 'ca.pem', leafKey: 'leaf-key.pem', leaf: 'leaf.pem' })) {
    keys[k as keyof typeof keys] = path.join(work, f);
  }
});

const pem = (file: string): string => readFileSync(file, 'utf8');

describe('our signatures in the reference verifier', () => {
  it('`model_signing verify key` accepts what `countersign sign-model` signed', async () => {
    const root = makeModel(FILES, makeTempDir('cs-ours'));
    const out: string[] = [];
    expect(await signModel([root, '--private-key', keys.priv], { stdout: (t) => void out.push(t), stderr: (t) => void out.push(t) })).toBe(0);
    const r = reference(['verify', 'key', root, '--signature', path.join(root, 'model.sig'), '--public_key', keys.pub], work);
    expect(r.output).toMatch(/Verification succeeded/);
    expect(r.code).toBe(0);
  });
});

describe('reference signatures in our verifier', () => {
  it('verifies a fresh `model_signing sign key` signature', async () => {
    const root = makeModel(FILES, makeTempDir('cs-theirs'));
    const sig = path.join(root, 'model.sig');
    expect(reference(['sign', 'key', root, '--private_key', keys.priv, '--signature', sig], work).code).toBe(0);
    const report = await ours(root, sig, { mode: 'public-key', publicKeyPem: pem(keys.pub) });
    expect(report.failure).toBeNull();
    expect(report.files.map((f) => `${f.path}:${f.status}`)).toEqual(['config.json:verified', 'model.safetensors:verified', 'tokenizer/vocab.txt:verified']);
  });

  it('verifies a fresh `model_signing sign certificate` signature against the CA', async () => {
    const root = makeModel(FILES, makeTempDir('cs-theirs-cert'));
    const sig = path.join(root, 'model.sig');
    const signed = reference(['sign', 'certificate', root, '--private_key', keys.leafKey, '--signing_certificate', keys.leaf, '--certificate_chain', keys.ca, '--signature', sig], work);
    expect(signed.output).not.toMatch(/Error|failed/i);
    expect(signed.code).toBe(0);
    expect(reference(['verify', 'certificate', root, '--signature', sig, '--certificate_chain', keys.ca], work).code).toBe(0);
    const report = await ours(root, sig, { mode: 'ca-chain', caChainPem: pem(keys.ca) });
    expect(report.failure).toBeNull();
    expect(report.verified).toBe(true);
  });
});

describe('both tools agree on tampered models', () => {
  const variants: Array<{ name: string; tamper: (root: string, parent: string) => void; ourCode: string; status: string; file: string }> = [
    { name: 'one changed byte', tamper: (r) => writeFileSync(path.join(r, 'config.json'), '{"layers":3}'), ourCode: 'MODEL_FILES_MISMATCH', status: 'modified', file: 'config.json' },
    { name: 'an appended byte', tamper: (r) => appendFileSync(path.join(r, 'model.safetensors'), 'w'), ourCode: 'MODEL_FILES_MISMATCH', status: 'modified', file: 'model.safetensors' },
    { name: 'an added file', tamper: (r) => writeFileSync(path.join(r, 'tokenizer', 'merges.txt'), 'x'), ourCode: 'MODEL_FILES_MISMATCH', status: 'extra', file: 'tokenizer/merges.txt' },
    { name: 'a removed file', tamper: (r) => rmSync(path.join(r, 'tokenizer', 'vocab.txt')), ourCode: 'MODEL_FILES_MISMATCH', status: 'missing', file: 'tokenizer/vocab.txt' },
    {
      name: 'a symbolic link out of the folder',
      tamper: (r, parent) => {
        writeFileSync(path.join(parent, 'secret.txt'), 'secret');
        symlinkSync(path.join(parent, 'secret.txt'), path.join(r, 'leak.txt'));
      },
      ourCode: 'PATH_ESCAPE',
      status: 'refused',
      file: 'leak.txt',
    },
  ];

  let signedRoot: string;
  beforeAll(() => {
    signedRoot = makeModel(FILES, makeTempDir('cs-agree'));
    const r = reference(['sign', 'key', signedRoot, '--private_key', keys.priv, '--signature', path.join(signedRoot, 'model.sig')], work);
    if (r.code !== 0) throw new Error(`model_signing sign key failed: ${r.output}`);
  });

  it('both accept the untouched copy', async () => {
    const parent = makeTempDir('cs-agree-copy');
    const root = path.join(parent, 'model');
    cpSync(signedRoot, root, { recursive: true });
    expect(reference(['verify', 'key', root, '--signature', path.join(root, 'model.sig'), '--public_key', keys.pub], work).code).toBe(0);
    expect((await ours(root, path.join(root, 'model.sig'), { mode: 'public-key', publicKeyPem: pem(keys.pub) })).verified).toBe(true);
  });

  for (const v of variants) {
    it(`both reject ${v.name}`, async () => {
      const parent = makeTempDir('cs-agree-copy');
      const root = path.join(parent, 'model');
      mkdirSync(parent, { recursive: true });
      cpSync(signedRoot, root, { recursive: true });
      v.tamper(root, parent);
      const theirs = reference(['verify', 'key', root, '--signature', path.join(root, 'model.sig'), '--public_key', keys.pub], work);
      expect(theirs.code).not.toBe(0);
      expect(theirs.output).toMatch(/Verification failed/);
      const report = await ours(root, path.join(root, 'model.sig'), { mode: 'public-key', publicKeyPem: pem(keys.pub) });
      expect(report.verified).toBe(false);
      expect(report.failure?.code).toBe(v.ourCode);
      expect(report.files.find((f) => f.path === v.file)).toMatchObject({ status: v.status });
    });
  }
});
