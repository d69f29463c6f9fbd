import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  verifyBundle,
  type ArtifactInput,
  type BundlePolicy,
} from '../../../../../../electron/services/verification/sigstore/index.ts';
import { requireFixture } from '../../../../../support/peers.ts';
import { chainMaterial, dsseBundle, messageBundle, pem, statementFor } from './support/bundles.ts';
import { makePki } from './support/x509.ts';

const BEACON =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const GITHUB = 'https://token.actions.githubusercontent.com';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'VERIFIED';
  } catch (error) {
    expect((error as Error).name).toBe('AppError');
    expect((error as Error).message.length).toBeGreaterThan(10);
    return (error as { code: string }).code;
  }
}
const sha256 = (data: Buffer): ArtifactInput => ({
  kind: 'digest',
  algorithm: 'sha256',
  digest: crypto.createHash('sha256').update(data).digest(),
});
const bytes = (data: Buffer): ArtifactInput => ({ kind: 'bytes', data });

describe('OpenSSF model signatures (model.sig) at the bundle level', () => {
  const dir = requireFixture('model-signing');
  const cases = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as {
    sigstoreIdentity: { identity: string; issuer: string };
    cases: { name: string; signature: string; mode: 'sigstore' | 'key' | 'certificate' }[];
  };
  const publicKeyPem = readFileSync(path.join(dir, 'keys', 'signing-key-pub.pem'), 'utf8');
  const caChainPem = readFileSync(path.join(dir, 'keys', 'ca-cert.pem'), 'utf8');
  const policyFor = (mode: string): BundlePolicy => ({
    signer:
      mode === 'key'
        ? { mode: 'public-key', publicKeyPem }
        : mode === 'certificate'
          ? { mode: 'ca-chain', caChainPem }
          : { mode: 'identity', ...cases.sigstoreIdentity },
  });

  for (const c of cases.cases) {
    it(`verifies ${c.name} (${c.mode}) and returns its signed in-toto statement`, async () => {
      const bundle = readFileSync(path.join(dir, c.signature), 'utf8');
      const result = await verifyBundle(bundle, { kind: 'dsse-payload' }, policyFor(c.mode));
      expect(result.signer.mode).toBe({ key: 'public-key', certificate: 'ca-chain', sigstore: 'identity' }[c.mode]);
      expect(result.dsse?.payloadType).toBe('application/vnd.in-toto+json');
      const statement = JSON.parse(Buffer.from(result.dsse!.payload).toString());
      expect(statement._type).toBe('https://in-toto.io/Statement/v1');
      if (c.mode === 'sigstore') {
        expect(result.signer.subject).toBe(cases.sigstoreIdentity.identity);
        expect(result.signer.signedAt).toMatch(/^20\d\d-/);
      }
    });

    it(`rejects ${c.name} once its signed statement is changed`, async () => {
      const bundle = JSON.parse(readFileSync(path.join(dir, c.signature), 'utf8'));
      const payload = Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString().replace('sha256', 'sha257');
      bundle.dsseEnvelope.payload = Buffer.from(payload).toString('base64');
      const code = await codeOf(verifyBundle(bundle, { kind: 'dsse-payload' }, policyFor(c.mode)));
      // Keyless bundles fail at the log entry (it records the original envelope); the others at the signature.
      expect(code).toBe(c.mode === 'sigstore' ? 'TLOG_INVALID' : 'SIGNATURE_INVALID');
    });
  }

  it('rejects key-mode signatures under a different trusted key', async () => {
    const other = pem(crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey);
    const policy: BundlePolicy = { signer: { mode: 'public-key', publicKeyPem: other } };
    // 0.3.1 embeds its key: a plain key mismatch. 1.1.0 only names a hint: the signature fails.
    expect(
      await codeOf(
        verifyBundle(
          readFileSync(path.join(dir, 'v0.3.1-elliptic-key', 'model.sig')),
          { kind: 'dsse-payload' },
          policy,
        ),
      ),
    ).toBe('SIGNATURE_KEY_MISMATCH');
    expect(
      await codeOf(
        verifyBundle(
          readFileSync(path.join(dir, 'v1.1.0-elliptic-key', 'model.sig')),
          { kind: 'dsse-payload' },
          policy,
        ),
      ),
    ).toBe('SIGNATURE_INVALID');
  });

  it('rejects certificate-mode signatures under a CA the chain does not lead to', async () => {
    const policy: BundlePolicy = { signer: { mode: 'ca-chain', caChainPem: makePki().root.pem } };
    expect(
      await codeOf(
        verifyBundle(readFileSync(path.join(dir, 'v1.1.0-certificate', 'model.sig')), { kind: 'dsse-payload' }, policy),
      ),
    ).toBe('CERTIFICATE_CHAIN_INVALID');
  });

  it('rejects sigstore-mode signatures for another identity or issuer', async () => {
    const bundle = readFileSync(path.join(dir, 'v1.1.0-sigstore', 'model.sig'));
    const wrongId: BundlePolicy = {
      signer: { mode: 'identity', identity: 'someone@us.ibm.com', issuer: cases.sigstoreIdentity.issuer },
    };
    const wrongIssuer: BundlePolicy = {
      signer: { mode: 'identity', identity: cases.sigstoreIdentity.identity, issuer: GITHUB },
    };
    expect(await codeOf(verifyBundle(bundle, { kind: 'dsse-payload' }, wrongId))).toBe('SIGNATURE_IDENTITY_MISMATCH');
    expect(await codeOf(verifyBundle(bundle, { kind: 'dsse-payload' }, wrongIssuer))).toBe(
      'SIGNATURE_IDENTITY_MISMATCH',
    );
  });
});

describe('key-based bundles on every curve', () => {
  const artifact = Buffer.from('fraud-scorer v14 weights');
  const keys = {
    'P-256': crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }),
    'P-384': crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' }),
    'P-521': crypto.generateKeyPairSync('ec', { namedCurve: 'secp521r1' }),
    Ed25519: crypto.generateKeyPairSync('ed25519'),
  };
  for (const [name, pair] of Object.entries(keys)) {
    const policy: BundlePolicy = { signer: { mode: 'public-key', publicKeyPem: pem(pair.publicKey) } };
    const material = { publicKey: { hint: 'any label' } };

    it(`verifies a ${name} message signature over the artifact, and refuses another artifact`, async () => {
      const bundle = messageBundle(pair.privateKey, artifact, material);
      const result = await verifyBundle(bundle, bytes(artifact), policy);
      expect(result.signer.subject).toMatch(/^SHA256:[0-9a-f]{64}$/);
      expect(result.dsse).toBeNull();
      expect(await codeOf(verifyBundle(bundle, bytes(Buffer.from('other')), policy))).toBe('ARTIFACT_MISMATCH');
    });

    it(`verifies a ${name} DSSE in-toto bundle whose subject is the artifact, by bytes and by digest`, async () => {
      const bundle = dsseBundle(pair.privateKey, statementFor(artifact), material);
      expect((await verifyBundle(bundle, bytes(artifact), policy)).dsse?.payloadType).toBe(
        'application/vnd.in-toto+json',
      );
      expect((await verifyBundle(bundle, sha256(artifact), policy)).signer.mode).toBe('public-key');
      expect(await codeOf(verifyBundle(bundle, sha256(Buffer.from('other')), policy))).toBe('ARTIFACT_MISMATCH');
    });

    it(`rejects a ${name} signature under another trusted key`, async () => {
      const other =
        name === 'Ed25519'
          ? crypto.generateKeyPairSync('ed25519')
          : crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const bundle = dsseBundle(pair.privateKey, statementFor(artifact), material);
      const otherPolicy: BundlePolicy = { signer: { mode: 'public-key', publicKeyPem: pem(other.publicKey) } };
      expect(await codeOf(verifyBundle(bundle, bytes(artifact), otherPolicy))).toBe('SIGNATURE_INVALID');
    });
  }

  it('checks a P-256 message signature against a bare SHA-256 digest (prehashed)', async () => {
    const bundle = messageBundle(keys['P-256'].privateKey, artifact, { publicKey: { hint: '' } });
    const policy: BundlePolicy = { signer: { mode: 'public-key', publicKeyPem: pem(keys['P-256'].publicKey) } };
    expect((await verifyBundle(bundle, sha256(artifact), policy)).signer.mode).toBe('public-key');
    expect(await codeOf(verifyBundle(bundle, sha256(Buffer.from('other')), policy))).toBe('ARTIFACT_MISMATCH');
  });

  it('asks for the file itself when a P-384 message signature is given only a SHA-256 digest', async () => {
    const bundle = messageBundle(keys['P-384'].privateKey, artifact, { publicKey: { hint: '' } });
    const policy: BundlePolicy = { signer: { mode: 'public-key', publicKeyPem: pem(keys['P-384'].publicKey) } };
    expect(await codeOf(verifyBundle(bundle, sha256(artifact), policy))).toBe('BUNDLE_UNSUPPORTED');
  });
});

describe('certificate-chain bundles from a private CA', () => {
  const artifact = Buffer.from('model card v3');
  const pki = makePki(new Date(Date.now() - 24 * 3600 * 1000));
  const policy: BundlePolicy = { signer: { mode: 'ca-chain', caChainPem: pki.root.pem } };

  it('verifies DSSE and message signatures whose chain leads to the named CA', async () => {
    const dsse = dsseBundle(
      pki.leafKeys.privateKey,
      statementFor(artifact),
      chainMaterial(pki.leaf.der, pki.intermediate.der),
    );
    const result = await verifyBundle(dsse, bytes(artifact), policy);
    expect(result.signer).toMatchObject({
      mode: 'ca-chain',
      subject: 'CN=test-signer',
      issuer: 'CN=test-intermediate',
    });
    const message = messageBundle(pki.leafKeys.privateKey, artifact, chainMaterial(pki.leaf.der, pki.intermediate.der));
    expect((await verifyBundle(message, bytes(artifact), policy)).signer.mode).toBe('ca-chain');
  });

  it('rejects a signature by a key other than the certificate’s', async () => {
    const stranger = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const bundle = dsseBundle(stranger, statementFor(artifact), chainMaterial(pki.leaf.der, pki.intermediate.der));
    expect(await codeOf(verifyBundle(bundle, bytes(artifact), policy))).toBe('SIGNATURE_INVALID');
  });

  it('rejects a chain to another CA, and a bare-key bundle, as CERTIFICATE_CHAIN_INVALID', async () => {
    const other = makePki();
    const bundle = dsseBundle(
      other.leafKeys.privateKey,
      statementFor(artifact),
      chainMaterial(other.leaf.der, other.intermediate.der, other.root.der),
    );
    expect(await codeOf(verifyBundle(bundle, bytes(artifact), policy))).toBe('CERTIFICATE_CHAIN_INVALID');
    const bare = dsseBundle(pki.leafKeys.privateKey, statementFor(artifact), { publicKey: { hint: '' } });
    expect(await codeOf(verifyBundle(bare, bytes(artifact), policy))).toBe('CERTIFICATE_CHAIN_INVALID');
  });
});

describe('keyless bundles (conformance vectors through the API)', () => {
  const base = requireFixture('sigstore-conformance', 'bundle-verify');
  const a = readFileSync(path.join(base, 'a.txt'));
  const bundleOf = (name: string) => readFileSync(path.join(base, name, 'bundle.sigstore.json'));
  const rootOf = (name: string) => JSON.parse(readFileSync(path.join(base, name, 'trusted_root.json'), 'utf8'));
  const identity: BundlePolicy = { signer: { mode: 'identity', identity: BEACON, issuer: GITHUB } };

  it('verifies v0.1, v0.2 and v0.3 message signatures offline with the shipped root, by bytes and by digest', async () => {
    for (const name of ['happy-path-v0.1', 'happy-path-v0.2', 'happy-path-v0.3', 'happy-path-v0.3-new-mediaType']) {
      const result = await verifyBundle(bundleOf(name), bytes(a), identity);
      expect(result.signer).toMatchObject({ mode: 'identity', subject: BEACON, issuer: GITHUB });
      expect(result.signer.signedAt).not.toBeNull();
      expect((await verifyBundle(bundleOf(name), sha256(a), identity)).signer.subject).toBe(BEACON);
    }
  });

  it('verifies a Rekor v2 DSSE bundle with a custom trusted root and returns its payload', async () => {
    const result = await verifyBundle(bundleOf('rekor2-dsse-happy-path'), bytes(a), {
      ...identity,
      trustedRoot: rootOf('rekor2-dsse-happy-path'),
    });
    expect(result.dsse?.payloadType).toBe('application/vnd.in-toto+json');
  });

  it('fails a bundle from another Sigstore instance under the shipped root', async () => {
    expect(await codeOf(verifyBundle(bundleOf('rekor2-happy-path'), bytes(a), identity))).not.toBe('VERIFIED');
  });

  it('matches the identity exactly unless the policy gives a pattern', async () => {
    const prefix = BEACON.slice(0, 40);
    expect(
      await codeOf(
        verifyBundle(bundleOf('happy-path-v0.3'), bytes(a), {
          signer: { mode: 'identity', identity: prefix, issuer: GITHUB },
        }),
      ),
    ).toBe('SIGNATURE_IDENTITY_MISMATCH');
    const pattern: BundlePolicy = {
      signer: {
        mode: 'identity',
        identity: 'https://github\\.com/sigstore-conformance/.*',
        issuer: GITHUB,
        identityIsPattern: true,
      },
    };
    expect((await verifyBundle(bundleOf('happy-path-v0.3'), bytes(a), pattern)).signer.subject).toBe(BEACON);
    expect(
      await codeOf(
        verifyBundle(bundleOf('happy-path-v0.3'), bytes(a), {
          signer: { mode: 'identity', identity: BEACON, issuer: 'https://accounts.google.com' },
        }),
      ),
    ).toBe('SIGNATURE_IDENTITY_MISMATCH');
  });

  it('rejects a trusted root with a malformed validity window before verifying anything', async () => {
    const name = 'trust-root-tlog-missing-validity-start_fail';
    expect(await codeOf(verifyBundle(bundleOf(name), bytes(a), { ...identity, trustedRoot: rootOf(name) }))).toBe(
      'TRUSTED_ROOT_INVALID',
    );
  });

  it('refuses a keyless bundle under a key policy, and a key bundle under an identity policy', async () => {
    const keyPolicy: BundlePolicy = {
      signer: {
        mode: 'public-key',
        publicKeyPem: pem(crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey),
      },
    };
    expect(await codeOf(verifyBundle(bundleOf('happy-path-v0.3'), bytes(a), keyPolicy))).toBe('SIGNATURE_KEY_MISMATCH');
    expect(await codeOf(verifyBundle(bundleOf('managed-key-happy-path'), bytes(a), identity))).toBe(
      'SIGNATURE_IDENTITY_MISMATCH',
    );
  });

  it('rejects a bundle carrying its own root certificate', async () => {
    const name = 'bundle-with-root-cert_fail';
    const artifact = readFileSync(path.join(base, name, 'artifact'));
    expect(await codeOf(verifyBundle(bundleOf(name), bytes(artifact), identity))).toBe('CERTIFICATE_CHAIN_INVALID');
  });

  it('rejects an artifact digest that is not 32 bytes as INVALID_INPUT', async () => {
    expect(
      await codeOf(
        verifyBundle(
          bundleOf('happy-path-v0.3'),
          { kind: 'digest', algorithm: 'sha256', digest: new Uint8Array(5) },
          identity,
        ),
      ),
    ).toBe('INVALID_INPUT');
  });
});
