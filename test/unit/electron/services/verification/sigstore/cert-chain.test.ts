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
import { EKU_SERVER_AUTH, YEAR, issueCertificate, makePki } from './support/x509.ts';

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
