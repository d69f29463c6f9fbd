import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileCertificate } from '../../../../../../electron/services/verification/sigstore/cert-profile.ts';
import { requireFixture } from '../../../../../support/peers.ts';
import { EKU_CODE_SIGNING, makeLeaf, makeRootCa, makeSubCa } from './support/x509.ts';

const AT = new Date('2025-06-01T00:00:00Z');

describe('reading what a certificate may do', () => {
  it('reads basic constraints, path length, key usage and extended key usage', () => {
    const root = makeRootCa('root', AT);
    const issuing = makeSubCa(root, 'issuing', AT, { pathLen: 2 });
    const ca = profileCertificate(issuing.cert.x509);
    expect(ca).toMatchObject({ isCa: true, pathLen: 2, selfIssued: false, defect: null });
    expect(ca.keyUsage).toEqual({ digitalSignature: false, keyCertSign: true });
    const leaf = profileCertificate(makeLeaf(issuing, AT).x509);
    expect(leaf).toMatchObject({ isCa: false, pathLen: null, extKeyUsage: [EKU_CODE_SIGNING], defect: null });
    expect(leaf.keyUsage?.digitalSignature).toBe(true);
    expect(profileCertificate(root.cert.x509).selfIssued).toBe(true);
  });

  it('does not count cA:TRUE as a CA when key usage withholds keyCertSign (the model_signing test leaf)', () => {
    const dir = requireFixture('model-signing');
    const cert = new X509Certificate(readFileSync(path.join(dir, 'keys', 'signing-key-cert.pem')));
    const p = profileCertificate(cert);
    expect(p).toMatchObject({ isCa: false, selfIssued: true, defect: null, extKeyUsage: [EKU_CODE_SIGNING] });
    expect(p.keyUsage?.digitalSignature).toBe(true);
  });

  it('collects subjectAltName and subject e-mail names, and marks non-ASCII ones unreadable', () => {
    const root = makeRootCa('root', AT);
    const leaf = makeLeaf(root, AT, {
      subjectEmail: 'ops@example.com',
      subjectAltNames: [
        { email: 'alice@example.com' },
        { uri: 'https://ci.example.com/x' },
        { dns: 'build.example.com' },
      ],
    });
    expect(profileCertificate(leaf.x509).names).toEqual({
      email: ['alice@example.com', 'ops@example.com'],
      dns: ['build.example.com'],
      uri: ['https://ci.example.com/x'],
      unreadable: false,
    });
    const odd = makeLeaf(root, AT, { subjectAltNames: [{ email: 'al\u00efce@example.com' }] });
    expect(profileCertificate(odd.x509).names.unreadable).toBe(true);
  });

  it('reads name constraints, marking forms it cannot evaluate', () => {
    const root = makeRootCa('root', AT, {
      nameConstraints: {
        permitted: [{ email: 'example.com' }],
        excluded: [{ dns: 'evil.test' }, { ip: [10, 0, 0, 0, 255, 0, 0, 0] }],
      },
    });
    expect(profileCertificate(root.cert.x509).nameConstraints).toEqual({
      permitted: [{ kind: 'email', base: 'example.com' }],
      excluded: [{ kind: 'dns', base: 'evil.test' }],
      unsupported: 'iPAddress',
    });
  });

  it('marks a certificate unusable for an unknown critical extension, a repeated extension, or an unreadable one', () => {
    const root = makeRootCa('root', AT);
    const unknownCritical = makeLeaf(root, AT, {
      extraExtensions: [{ oid: '1.3.6.1.4.1.99999.1', critical: true, value: Buffer.from([0x05, 0x00]) }],
    });
    expect(profileCertificate(unknownCritical.x509).defect).toMatch(/1\.3\.6\.1\.4\.1\.99999\.1/);
    const unknownPlain = makeLeaf(root, AT, {
      extraExtensions: [{ oid: '1.3.6.1.4.1.99999.1', critical: false, value: Buffer.from([0x05, 0x00]) }],
    });
    expect(profileCertificate(unknownPlain.x509).defect).toBeNull();
    const repeated = makeLeaf(root, AT, {
      extraExtensions: [{ oid: '2.5.29.19', critical: false, value: Buffer.from([0x30, 0x03, 0x01, 0x01, 0xff]) }],
    });
    expect(profileCertificate(repeated.x509)).toMatchObject({ isCa: false });
    expect(profileCertificate(repeated.x509).defect).not.toBeNull();
    const garbled = makeLeaf(root, AT, {
      keyUsage: null,
      extraExtensions: [{ oid: '2.5.29.15', critical: true, value: Buffer.from([0x02, 0x01, 0x05]) }],
    });
    expect(profileCertificate(garbled.x509).defect).not.toBeNull();
  });
});
