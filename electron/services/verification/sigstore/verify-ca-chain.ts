// Certificate-chain verification (policy mode 'ca-chain'): a signing certificate issued by
// a CA the policy names, as model_signing's "certificate" mode produces. Everything here is
// our own code over node:crypto, because sigstore-js refuses these bundles.
import type { SignerInfo } from '../../../../shared/contract/index.ts';
import { parseBundleCertificates, parseCertificatesPem, verifyCertificateChain } from './cert-chain.ts';
import type { ParsedBundle } from './parse-bundle.ts';
import { checkMessageDigest, dsseContent, messageContent } from './signature-content.ts';
import type { ArtifactInput } from './types.ts';
import { fail } from './verification-errors.ts';

/**
 * Verifies the bundle's certificate chain against `caChainPem` and the signature with the
 * leaf's key. Transparency-log entries and timestamps in such a bundle are not checked
 * (they would need the private instance's trusted root) and are not reported: `signedAt`
 * stays null.
 *
 * Validity time: the chain is checked at the leaf's notBefore, exactly as the reference
 * verifier does (model_signing `_signing/sign_certificate.py`, Verifier._verify_certificates:
 * `self._store.set_time(signing_certificate.not_valid_before_utc)`, then OpenSSL checks
 * every certificate on the path, anchor included, at that instant). No trusted timestamp
 * says when the signature was made and the leaf could not sign before it existed, so that
 * instant is the one the bundle can vouch for. The consequence, shared with the reference:
 * a signature from a certificate that has since expired keeps verifying; expiry (and
 * revocation, which neither checks) is for the policy to manage by replacing its CAs.
 */
export function verifyWithCaChain(parsed: ParsedBundle, artifact: ArtifactInput, caChainPem: string): SignerInfo {
  const anchors = parseCertificatesPem(caChainPem);
  const material = parsed.bundle.verificationMaterial.content;
  let ders: Uint8Array[];
  if (material.$case === 'x509CertificateChain')
    ders = material.x509CertificateChain.certificates.map((c) => c.rawBytes);
  else if (material.$case === 'certificate') ders = [material.certificate.rawBytes];
  else {
    throw fail(
      'CERTIFICATE_CHAIN_INVALID',
      'The bundle was signed with a bare key, but the policy requires a certificate issued by a trusted CA.',
    );
  }
  const chain = parseBundleCertificates(ders);
  const leaf = chain[0];
  if (!leaf) throw fail('BUNDLE_MALFORMED', 'The signature bundle carries no signing certificate.');
  verifyCertificateChain(chain, anchors, leaf.validFromDate); // the reference's set_time: see above

  const { bundle } = parsed;
  let content;
  if (bundle.content.$case === 'dsseEnvelope')
    content = dsseContent(bundle.content.dsseEnvelope, { legacyModelSigning: true });
  else {
    checkMessageDigest(bundle.content.messageSignature, artifact);
    content = messageContent(bundle.content.messageSignature, artifact);
  }
  if (!content.verifySignature(leaf.publicKey)) {
    throw fail(
      'SIGNATURE_INVALID',
      'The signature does not verify with the signing certificate: the content was changed, or another key signed it.',
    );
  }
  return {
    mode: 'ca-chain',
    subject: leaf.subject.replace(/\n/g, ', '),
    issuer: leaf.issuer.replace(/\n/g, ', '),
    signedAt: null,
  };
}
