import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseBundleCertificates,
  parseCertificatesPem,
  verifyCertificateChain,
} from '../../../../../../electron/services/verification/sigstore/cert-chain.ts';
import { codeOf } from '../../../../../support/error-code.ts';
import { requireFixture } from '../../../../../support/peers.ts';
import {
  EKU_CODE_SIGNING,
  EKU_SERVER_AUTH,
  YEAR,
  issueCertificate,
  makeLeaf,
  makePki,
  makeRootCa,
  makeSubCa,
} from './support/x509.ts';

const AT = new Date('2025-06-01T00:00:00Z');

describe('certificate chain verification against the CAs a policy names', () => {
  it('accepts leaf -> intermediate (from the bundle) -> root (from the policy), and returns the path', () => {
    const pki = makePki(AT);
    const path = verifyCertificateChain([pki.leaf.x509, pki.intermediate.x509], [pki.root.x509], AT);
    expect(path.map((c) => c.subject)).toEqual(['CN=test-signer', 'CN=test-intermediate', 'CN=test-root']);
  });

  it('accepts a policy that names the intermediate directly', () => {
    const pki = makePki(AT);
    expect(() => verifyCertificateChain([pki.leaf.x509], [pki.intermediate.x509], AT)).not.toThrow();
  });

  it('never trusts a root that only the bundle carries', () => {
    const pki = makePki(AT);
    const other = makePki(AT);
    const chain = [pki.leaf.x509, pki.intermediate.x509, pki.root.x509];
    expect(codeOf(() => verifyCertificateChain(chain, [other.root.x509], AT))).toBe('CERTIFICATE_CHAIN_INVALID');
  });

  it('rejects a chain missing its intermediate', () => {
    const pki = makePki(AT);
    expect(codeOf(() => verifyCertificateChain([pki.leaf.x509], [pki.root.x509], AT))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
  });

  it('checks every certificate at the given time', () => {
    const pki = makePki(AT);
    const chain = [pki.leaf.x509, pki.intermediate.x509];
    expect(codeOf(() => verifyCertificateChain(chain, [pki.root.x509], new Date(AT.getTime() - 1000)))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
    expect(codeOf(() => verifyCertificateChain(chain, [pki.root.x509], new Date(AT.getTime() + 2 * YEAR)))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
  });

  it('rejects an intermediate that had expired when the leaf was issued', () => {
    const pki = makePki(AT);
    const expired = issueCertificate({
      subject: 'test-intermediate',
      issuer: { name: 'test-root', key: pki.rootKeys.privateKey },
      publicKey: pki.interKeys.publicKey,
      ca: true,
      notBefore: new Date(AT.getTime() - 2 * YEAR),
      notAfter: new Date(AT.getTime() - YEAR),
    });
    expect(codeOf(() => verifyCertificateChain([pki.leaf.x509, expired.x509], [pki.root.x509], AT))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
  });

  it('rejects an "intermediate" that is not a CA', () => {
    const pki = makePki(AT);
    const notCa = issueCertificate({
      subject: 'test-intermediate',
      issuer: { name: 'test-root', key: pki.rootKeys.privateKey },
      publicKey: pki.interKeys.publicKey,
      ca: false,
      keyUsage: ['digitalSignature'],
      notBefore: new Date(AT.getTime() - YEAR),
      notAfter: new Date(AT.getTime() + YEAR),
    });
    expect(codeOf(() => verifyCertificateChain([pki.leaf.x509, notCa.x509], [pki.root.x509], AT))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
  });

  it('rejects a leaf signed by a different key than its named issuer', () => {
    const pki = makePki(AT);
    const forged = issueCertificate({
      subject: 'test-signer',
      issuer: {
        name: 'test-intermediate',
        key: crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey,
      },
      publicKey: pki.leafKeys.publicKey,
      ca: false,
      notBefore: AT,
      notAfter: new Date(AT.getTime() + YEAR),
    });
    expect(codeOf(() => verifyCertificateChain([forged.x509, pki.intermediate.x509], [pki.root.x509], AT))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
  });

  it('rejects a leaf whose extended key usage excludes code signing', () => {
    const pki = makePki(AT);
    const tls = issueCertificate({
      subject: 'test-signer',
      issuer: { name: 'test-intermediate', key: pki.interKeys.privateKey },
      publicKey: pki.leafKeys.publicKey,
      ca: false,
      extKeyUsage: [EKU_SERVER_AUTH],
      notBefore: AT,
      notAfter: new Date(AT.getTime() + YEAR),
    });
    expect(codeOf(() => verifyCertificateChain([tls.x509, pki.intermediate.x509], [pki.root.x509], AT))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
  });

  it('verifies the real model_signing chain, whose leaf confusingly names its issuer as its subject', () => {
    const dir = requireFixture('model-signing');
    const bundle = JSON.parse(readFileSync(path.join(dir, 'v1.1.0-certificate', 'model.sig'), 'utf8'));
    const ders = bundle.verificationMaterial.x509CertificateChain.certificates.map((c: { rawBytes: string }) =>
      Buffer.from(c.rawBytes, 'base64'),
    );
    const chain = parseBundleCertificates(ders);
    const anchors = parseCertificatesPem(readFileSync(path.join(dir, 'keys', 'ca-cert.pem'), 'utf8'));
    expect(chain[0]!.subject).toBe(chain[0]!.issuer); // "CN=intermediate-ca" both: not self-signed all the same
    expect(verifyCertificateChain(chain, anchors, chain[0]!.validFromDate)).toHaveLength(3);
    // The leaf alone, or the intermediate as the only anchor-less link, is not enough.
    expect(codeOf(() => verifyCertificateChain([chain[0]!], anchors, chain[0]!.validFromDate))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
  });

  it('reads PEM CA lists and reports unusable input with clear codes', () => {
    const pki = makePki(AT);
    expect(parseCertificatesPem(`${pki.root.pem}\n${pki.intermediate.pem}`)).toHaveLength(2);
    expect(codeOf(() => parseCertificatesPem('no certificates here'))).toBe('INVALID_INPUT');
    expect(codeOf(() => parseCertificatesPem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => parseBundleCertificates([Buffer.from('junk')]))).toBe('BUNDLE_MALFORMED');
    expect(codeOf(() => verifyCertificateChain([], [pki.root.x509], AT))).toBe('CERTIFICATE_CHAIN_INVALID');
  });
});

describe('what may be the signing certificate', () => {
  it('refuses a CA certificate (one that may issue certificates) as the signing certificate', () => {
    const root = makeRootCa('policy-root', AT);
    const issuing = makeSubCa(root, 'issuing-ca', AT, { notBefore: AT });
    // Chains fine as an intermediate, and would chain as a "leaf": but a CA may not sign models.
    expect(verifyCertificateChain([makeLeaf(issuing, AT).x509, issuing.cert.x509], [root.cert.x509], AT)).toHaveLength(
      3,
    );
    expect(codeOf(() => verifyCertificateChain([issuing.cert.x509], [root.cert.x509], AT))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
  });

  it('refuses a trusted anchor presented as the signing certificate', () => {
    const root = makeRootCa('policy-root', AT, { notBefore: AT });
    expect(codeOf(() => verifyCertificateChain([root.cert.x509], [root.cert.x509], AT))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
  });

  it('accepts cA:TRUE without keyCertSign (it cannot issue), as model_signing test certificates have', () => {
    const root = makeRootCa('policy-root', AT);
    const leaf = makeLeaf(root, AT, { ca: true, keyUsage: ['digitalSignature'] });
    expect(verifyCertificateChain([leaf.x509], [root.cert.x509], AT)).toHaveLength(2);
  });

  it('refuses a leaf whose key usage excludes digital signatures, even with code-signing EKU', () => {
    const root = makeRootCa('policy-root', AT);
    const leaf = makeLeaf(root, AT, { keyUsage: ['cRLSign'], extKeyUsage: [EKU_CODE_SIGNING] });
    expect(codeOf(() => verifyCertificateChain([leaf.x509], [root.cert.x509], AT))).toBe('CERTIFICATE_CHAIN_INVALID');
  });

  it('like model_signing, needs digitalSignature key usage or code-signing EKU', () => {
    const root = makeRootCa('policy-root', AT);
    const neither = makeLeaf(root, AT, { keyUsage: null, extKeyUsage: [] });
    const ekuOnly = makeLeaf(root, AT, { keyUsage: null, extKeyUsage: [EKU_CODE_SIGNING] });
    const kuOnly = makeLeaf(root, AT, { keyUsage: ['digitalSignature'], extKeyUsage: [] });
    expect(codeOf(() => verifyCertificateChain([neither.x509], [root.cert.x509], AT))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
    expect(verifyCertificateChain([ekuOnly.x509], [root.cert.x509], AT)).toHaveLength(2);
    expect(verifyCertificateChain([kuOnly.x509], [root.cert.x509], AT)).toHaveLength(2);
  });
});

describe('bounded path search', () => {
  it('gives up fast on many same-name CAs that never reach an anchor (was exponential: 9 took a minute)', () => {
    const root = makeRootCa('policy-root', AT);
    const evil = makeRootCa('evil', AT); // shared key: every "evil" CA issues every other
    const clones = Array.from({ length: 12 }, () => makeSubCa(evil, 'evil', AT, {}, evil.keys).cert.x509);
    const leaf = makeLeaf(evil, AT);
    const started = performance.now();
    expect(codeOf(() => verifyCertificateChain([leaf.x509, ...clones], [root.cert.x509], AT))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('caps the work when every branch reaches an anchor but breaks a constraint', () => {
    const root = makeRootCa('policy-root', AT, { pathLen: 0 });
    const evilKeys = makeRootCa('evil', AT).keys;
    const bridge = makeSubCa(root, 'evil', AT, {}, evilKeys); // the only link up to the root
    const evil = { name: 'evil', keys: evilKeys, cert: bridge.cert };
    // Self-issued clones do not count towards path length, so every ordering of them is a
    // candidate path that fails only at the root: n! orderings without a cap.
    const clones = Array.from({ length: 12 }, () => makeSubCa(evil, 'evil', AT, {}, evilKeys).cert.x509);
    const leaf = makeLeaf(evil, AT);
    const started = performance.now();
    expect(codeOf(() => verifyCertificateChain([leaf.x509, ...clones, bridge.cert.x509], [root.cert.x509], AT))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a bundle carrying an unreasonable number of certificates', () => {
    const pki = makePki(AT);
    const padding = Array.from({ length: 30 }, () => pki.intermediate.x509);
    expect(codeOf(() => verifyCertificateChain([pki.leaf.x509, ...padding], [pki.root.x509], AT))).toBe(
      'CERTIFICATE_CHAIN_INVALID',
    );
    expect(verifyCertificateChain([pki.leaf.x509, ...padding.slice(0, 5)], [pki.root.x509], AT)).toHaveLength(3);
  });
});
