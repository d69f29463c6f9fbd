// What a CA's certificate says about the certificates below it (path length, name
// constraints) and critical extensions: each rejection is paired with the same chain minus
// the breach, which verifies, so the test shows the breach is what was refused.
import { describe, expect, it } from 'vitest';
import { verifyCertificateChain } from '../../../../../../electron/services/verification/sigstore/cert-chain.ts';
import { codeOf } from '../../../../../support/error-code.ts';
import { makeLeaf, makeRootCa, makeSubCa } from './support/x509.ts';

const AT = new Date('2025-06-01T00:00:00Z');
const INVALID = 'CERTIFICATE_CHAIN_INVALID';

describe('basicConstraints path length', () => {
  it('refuses a sub-CA below an issuing CA limited to pathlen 0 (openssl: "path length constraint exceeded")', () => {
    const root = makeRootCa('policy-root', AT);
    const issuing = makeSubCa(root, 'issuing-ca', AT, { pathLen: 0 });
    const rogue = makeSubCa(issuing, 'rogue-sub-ca', AT);
    const leaf = makeLeaf(rogue, AT);
    expect(
      codeOf(() => verifyCertificateChain([leaf.x509, rogue.cert.x509, issuing.cert.x509], [root.cert.x509], AT)),
    ).toBe(INVALID);
    // The same issuing CA may still sign leaves directly.
    const direct = makeLeaf(issuing, AT);
    expect(verifyCertificateChain([direct.x509, issuing.cert.x509], [root.cert.x509], AT)).toHaveLength(3);
  });

  it('allows as many CAs below as pathlen says', () => {
    const root = makeRootCa('policy-root', AT);
    const issuing = makeSubCa(root, 'issuing-ca', AT, { pathLen: 1 });
    const sub = makeSubCa(issuing, 'sub-ca', AT);
    const leaf = makeLeaf(sub, AT);
    const chain = [leaf.x509, sub.cert.x509, issuing.cert.x509];
    expect(verifyCertificateChain(chain, [root.cert.x509], AT)).toHaveLength(4);
  });

  it("applies the trust anchor's own path length too", () => {
    const root = makeRootCa('policy-root', AT, { pathLen: 0 });
    const issuing = makeSubCa(root, 'issuing-ca', AT);
    const leaf = makeLeaf(issuing, AT);
    expect(codeOf(() => verifyCertificateChain([leaf.x509, issuing.cert.x509], [root.cert.x509], AT))).toBe(INVALID);
    expect(verifyCertificateChain([makeLeaf(root, AT).x509], [root.cert.x509], AT)).toHaveLength(2);
  });

  it('does not count a self-issued CA certificate (a key rollover) towards the limit, as RFC 5280 says', () => {
    const root = makeRootCa('policy-root', AT);
    const issuing = makeSubCa(root, 'issuing-ca', AT, { pathLen: 0 });
    const rolled = makeSubCa(issuing, 'issuing-ca', AT); // same name, new key
    const leaf = makeLeaf(rolled, AT);
    expect(verifyCertificateChain([leaf.x509, rolled.cert.x509, issuing.cert.x509], [root.cert.x509], AT)).toHaveLength(
      4,
    );
  });
});

describe('name constraints', () => {
  const emailOnly = { permitted: [{ email: 'example.com' }] };

  it("refuses a leaf whose e-mail is outside the issuing CA's permitted subtree", () => {
    const root = makeRootCa('policy-root', AT);
    const issuing = makeSubCa(root, 'issuing-ca', AT, { nameConstraints: emailOnly });
    const inside = makeLeaf(issuing, AT, { subjectAltNames: [{ email: 'alice@example.com' }] });
    const outside = makeLeaf(issuing, AT, { subjectAltNames: [{ email: 'mallory@evil.test' }] });
    expect(verifyCertificateChain([inside.x509, issuing.cert.x509], [root.cert.x509], AT)).toHaveLength(3);
    expect(codeOf(() => verifyCertificateChain([outside.x509, issuing.cert.x509], [root.cert.x509], AT))).toBe(INVALID);
  });

  it('checks the e-mail address in the subject name as well', () => {
    const root = makeRootCa('policy-root', AT, { nameConstraints: emailOnly });
    const outside = makeLeaf(root, AT, { subjectEmail: 'mallory@evil.test' });
    const inside = makeLeaf(root, AT, { subjectEmail: 'bob@example.com' });
    expect(codeOf(() => verifyCertificateChain([outside.x509], [root.cert.x509], AT))).toBe(INVALID);
    expect(verifyCertificateChain([inside.x509], [root.cert.x509], AT)).toHaveLength(2);
  });

  it('applies a constraint to every certificate below it, not just the next one', () => {
    const root = makeRootCa('policy-root', AT, { nameConstraints: { excluded: [{ uri: '.evil.test' }] } });
    const issuing = makeSubCa(root, 'issuing-ca', AT);
    const bad = makeLeaf(issuing, AT, { subjectAltNames: [{ uri: 'https://ci.evil.test/workflow' }] });
    const good = makeLeaf(issuing, AT, { subjectAltNames: [{ uri: 'https://ci.example.com/workflow' }] });
    expect(codeOf(() => verifyCertificateChain([bad.x509, issuing.cert.x509], [root.cert.x509], AT))).toBe(INVALID);
    expect(verifyCertificateChain([good.x509, issuing.cert.x509], [root.cert.x509], AT)).toHaveLength(3);
  });

  it('honours excluded DNS subtrees', () => {
    const root = makeRootCa('policy-root', AT, { nameConstraints: { excluded: [{ dns: 'evil.test' }] } });
    const bad = makeLeaf(root, AT, { subjectAltNames: [{ dns: 'build.evil.test' }] });
    const good = makeLeaf(root, AT, { subjectAltNames: [{ dns: 'build.example.com' }] });
    expect(codeOf(() => verifyCertificateChain([bad.x509], [root.cert.x509], AT))).toBe(INVALID);
    expect(verifyCertificateChain([good.x509], [root.cert.x509], AT)).toHaveLength(2);
  });

  it('fails closed on constraint forms it cannot evaluate (directoryName), even for a fitting leaf', () => {
    const root = makeRootCa('policy-root', AT);
    const issuing = makeSubCa(root, 'issuing-ca', AT, {
      nameConstraints: { permitted: [{ directoryName: 'test-signer' }] },
    });
    const leaf = makeLeaf(issuing, AT);
    expect(codeOf(() => verifyCertificateChain([leaf.x509, issuing.cert.x509], [root.cert.x509], AT))).toBe(INVALID);
  });
});

describe('critical extensions', () => {
  const policyConstraints = { oid: '2.5.29.36', value: Buffer.from([0x30, 0x03, 0x80, 0x01, 0x00]) };

  it('refuses a signing certificate with a critical extension it does not process', () => {
    const root = makeRootCa('policy-root', AT);
    const critical = makeLeaf(root, AT, { extraExtensions: [{ ...policyConstraints, critical: true }] });
    const plain = makeLeaf(root, AT, { extraExtensions: [{ ...policyConstraints, critical: false }] });
    expect(codeOf(() => verifyCertificateChain([critical.x509], [root.cert.x509], AT))).toBe(INVALID);
    expect(verifyCertificateChain([plain.x509], [root.cert.x509], AT)).toHaveLength(2);
  });

  it('refuses an intermediate with a critical extension it does not process', () => {
    const root = makeRootCa('policy-root', AT);
    const issuing = makeSubCa(root, 'issuing-ca', AT, { extraExtensions: [{ ...policyConstraints, critical: true }] });
    const leaf = makeLeaf(issuing, AT);
    expect(codeOf(() => verifyCertificateChain([leaf.x509, issuing.cert.x509], [root.cert.x509], AT))).toBe(INVALID);
  });
});
