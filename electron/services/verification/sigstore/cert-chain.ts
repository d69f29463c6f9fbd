// ========================================================================================
// SECURITY: certificate-chain trust (policy mode 'ca-chain').
// sigstore-js refuses `x509CertificateChain` bundles outside v0.1/v0.2 and only knows
// Fulcio-style roots, so chains from a private CA (model_signing's certificate mode) are
// checked here with node:crypto: every link's signature, every issuer a CA, every
// certificate valid at the moment checked, ending at a certificate the POLICY names. The
// bundle's own certificates are never trusted as anchors, only as intermediates.
// ========================================================================================
import { X509Certificate } from 'node:crypto';
import { fail } from './verification-errors.ts';

const MAX_DEPTH = 10;
const MAX_ANCHORS = 100;
const CODE_SIGNING = '1.3.6.1.5.5.7.3.3';
const ANY_EKU = '2.5.29.37.0';

/** Parses every certificate in a PEM text (the policy's CA list). Throws INVALID_INPUT. */
export function parseCertificatesPem(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0)
    throw fail('INVALID_INPUT', 'The policy names no CA certificate (expected PEM certificates).');
  if (blocks.length > MAX_ANCHORS)
    throw fail('INVALID_INPUT', `The policy names more than ${MAX_ANCHORS} CA certificates.`);
  return blocks.map((block) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      throw fail('INVALID_INPUT', 'A CA certificate named by the policy cannot be read.', error);
    }
  });
}

/** Parses the DER certificates of a bundle's chain (leaf first). Throws BUNDLE_MALFORMED. */
export function parseBundleCertificates(ders: Uint8Array[]): X509Certificate[] {
  return ders.map((der, i) => {
    try {
      return new X509Certificate(Buffer.from(der));
    } catch (error) {
      throw fail('BUNDLE_MALFORMED', `Certificate ${i + 1} in the signature bundle cannot be read.`, error);
    }
  });
}

function validAt(cert: X509Certificate, at: Date): boolean {
  return cert.validFromDate.getTime() <= at.getTime() && at.getTime() <= cert.validToDate.getTime();
}

function issuedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function describe(cert: X509Certificate): string {
  return cert.subject.replace(/\n/g, ', ') || '(no subject)';
}

/**
 * Verifies that `chain[0]` (the signing certificate) chains, through the other bundle
 * certificates as needed, to one of `anchors`, with every certificate on the path valid at
 * `at`. Returns the path, leaf first, anchor last. Throws CERTIFICATE_CHAIN_INVALID with
 * the reason.
 */
export function verifyCertificateChain(
  chain: X509Certificate[],
  anchors: X509Certificate[],
  at: Date,
): X509Certificate[] {
  const leaf = chain[0];
  if (!leaf) throw fail('CERTIFICATE_CHAIN_INVALID', 'The signature bundle carries no signing certificate.');
  const eku = leaf.keyUsage as string[] | undefined;
  if (eku !== undefined && eku.length > 0 && !eku.includes(CODE_SIGNING) && !eku.includes(ANY_EKU)) {
    throw fail('CERTIFICATE_CHAIN_INVALID', `The signing certificate (${describe(leaf)}) is not allowed to sign code.`);
  }
  if (!validAt(leaf, at)) {
    throw fail(
      'CERTIFICATE_CHAIN_INVALID',
      `The signing certificate (${describe(leaf)}) was not valid at ${at.toISOString()}.`,
    );
  }
  const anchorPrints = new Set(anchors.map((a) => a.fingerprint256));
  const intermediates = chain.slice(1);
  let sawExpired = false;

  // Depth-first path building; bounded by MAX_DEPTH and by never reusing a certificate.
  const build = (cert: X509Certificate, path: X509Certificate[]): X509Certificate[] | null => {
    if (anchorPrints.has(cert.fingerprint256)) return path;
    if (path.length > MAX_DEPTH) return null;
    for (const anchor of anchors) {
      if (anchor.ca && issuedBy(cert, anchor)) {
        if (validAt(anchor, at)) return [...path, anchor];
        sawExpired = true;
      }
    }
    for (const next of intermediates) {
      if (path.includes(next) || !next.ca || !issuedBy(cert, next)) continue;
      if (!validAt(next, at)) {
        sawExpired = true;
        continue;
      }
      const found = build(next, [...path, next]);
      if (found) return found;
    }
    return null;
  };

  const path = build(leaf, [leaf]);
  if (path) return path;
  throw fail(
    'CERTIFICATE_CHAIN_INVALID',
    sawExpired
      ? `The signing certificate (${describe(leaf)}) chains to a trusted CA only through a certificate that was not valid at ${at.toISOString()}.`
      : `The signing certificate (${describe(leaf)}) was not issued by any CA the policy trusts.`,
  );
}
