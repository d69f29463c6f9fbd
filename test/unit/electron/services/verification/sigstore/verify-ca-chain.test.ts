// verifyWithCaChain: which instant the chain is judged at (the reference's choice), and that
// a CA's own key cannot stand in for a signing certificate.
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../../../../electron/services/verification/sigstore/parse-bundle.ts';
import { verifyWithCaChain } from '../../../../../../electron/services/verification/sigstore/verify-ca-chain.ts';
import { codeOf } from '../../../../../support/error-code.ts';
import { chainMaterial, messageBundle } from './support/bundles.ts';
import { YEAR, makeLeaf, makeRootCa, makeSubCa } from './support/x509.ts';

const artifact = Buffer.from('model weights');
const bytes = { kind: 'bytes' as const, data: artifact };
const DAY = 24 * 3600 * 1000;

describe('certificate-chain verification of a bundle', () => {
  it("judges the chain at the leaf's notBefore, as model_signing does: a long-expired chain still verifies", () => {
    const issued = new Date('2020-03-01T00:00:00Z');
    const root = makeRootCa('old-root', issued, { notAfter: new Date(issued.getTime() + YEAR / 2) });
    const leaf = makeLeaf(root, issued);
    const bundle = parseBundle(messageBundle(leaf.keys.privateKey, artifact, chainMaterial(leaf.der)));
    expect(verifyWithCaChain(bundle, bytes, root.cert.pem)).toMatchObject({
      mode: 'ca-chain',
      subject: 'CN=test-signer',
    });
  });

  it('still requires every certificate on the path to be valid at that instant', () => {
    const issued = new Date('2020-03-01T00:00:00Z');
    const root = makeRootCa('old-root', issued);
    const stale = makeSubCa(root, 'stale-ca', issued, { notAfter: new Date(issued.getTime() - DAY) });
    const leaf = makeLeaf(stale, issued);
    const bundle = parseBundle(messageBundle(leaf.keys.privateKey, artifact, chainMaterial(leaf.der, stale.cert.der)));
    expect(codeOf(() => verifyWithCaChain(bundle, bytes, root.cert.pem))).toBe('CERTIFICATE_CHAIN_INVALID');
  });

  it("refuses a signature made with an issuing CA's own key and certificate", () => {
    const now = new Date();
    const root = makeRootCa('policy-root', now);
    const issuing = makeSubCa(root, 'issuing-ca', now, { notBefore: new Date(now.getTime() - DAY) });
    const bundle = parseBundle(messageBundle(issuing.keys.privateKey, artifact, chainMaterial(issuing.cert.der)));
    expect(codeOf(() => verifyWithCaChain(bundle, bytes, root.cert.pem))).toBe('CERTIFICATE_CHAIN_INVALID');
    // The same CA's properly issued leaf is fine.
    const leaf = makeLeaf(issuing, new Date(now.getTime() - DAY / 2));
    const good = parseBundle(messageBundle(leaf.keys.privateKey, artifact, chainMaterial(leaf.der, issuing.cert.der)));
    expect(verifyWithCaChain(good, bytes, root.cert.pem).issuer).toBe('CN=issuing-ca');
  });
});
