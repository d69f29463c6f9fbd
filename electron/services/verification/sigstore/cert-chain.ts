// ========================================================================================
// SECURITY: certificate-chain trust (policy mode 'ca-chain').
// sigstore-js refuses `x509CertificateChain` bundles outside v0.1/v0.2 and only knows
// Fulcio-style roots, so chains from a private CA (model_signing's certificate mode) are
// checked here with node:crypto (signatures, names) and cert-profile.ts (extensions):
// every link's signature; every issuer a CA allowed to sign certificates; every
// pathLenConstraint and name constraint on the path honoured (RFC 5280 6.1); no critical
// extension we do not process; every certificate valid at the moment checked; ending at a
// certificate the POLICY names. The bundle's own certificates are never trusted as
// anchors, only as intermediates, and an anchor is never accepted as the signing
// certificate. Path search is bounded: dead ends are found once, by fingerprint, and the
// number of links tried is capped, so a hostile bundle cannot make verification slow.
// ========================================================================================
import { X509Certificate } from 'node:crypto';
import { profileCertificate, type CertProfile } from './cert-profile.ts';
import { nameConstraintViolation } from './name-constraints.ts';
import { fail } from './verification-errors.ts';

/** Most intermediates on one path. */
const MAX_DEPTH = 10;
const MAX_ANCHORS = 100;
/** Most certificates a bundle's chain may carry (leaf included). */
const MAX_BUNDLE_CERTS = 20;
/** Most candidate links tried in one path search; far above any honest chain's need. */
const MAX_LINKS_TRIED = 5000;
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

/** Refuses a signing certificate that is not an end entity allowed to sign. */
function checkSigningCertificate(leaf: CertProfile, anchorPrints: Set<string>, at: Date): void {
  const name = describe(leaf.cert);
  const refuse = (why: string) => fail('CERTIFICATE_CHAIN_INVALID', `The signing certificate (${name}) ${why}.`);
  if (anchorPrints.has(leaf.fingerprint))
    throw refuse('is one of the CA certificates the policy trusts; a trusted CA may not sign models itself');
  if (leaf.defect) throw refuse(`cannot be used: ${leaf.defect}`);
  // A certificate that may issue certificates is a CA, whatever else it says. (model_signing's
  // own test certificates carry cA:TRUE without keyCertSign: those cannot issue, and pass.)
  if (leaf.isCa) throw refuse('is a CA certificate (it may issue certificates); a CA may not sign models');
  if (leaf.keyUsage && !leaf.keyUsage.digitalSignature)
    throw refuse('is not allowed to make digital signatures (its key usage excludes them)');
  const eku = leaf.extKeyUsage;
  if (eku && eku.length > 0 && !eku.includes(CODE_SIGNING) && !eku.includes(ANY_EKU))
    throw refuse('is not allowed to sign code');
  // model_signing accepts a signing certificate only if it names digitalSignature key usage
  // or code-signing extended key usage; one naming neither is refused there, and here.
  if (!leaf.keyUsage?.digitalSignature && !eku?.includes(CODE_SIGNING))
    throw refuse('declares neither digital-signature key usage nor code-signing extended key usage');
  if (!validAt(leaf.cert, at)) throw refuse(`was not valid at ${at.toISOString()}`);
}

/**
 * Why `issuer` may not sit above `below` (leaf first) in a path, or null if it may:
 * RFC 5280 6.1.4 (l)/(m) path length and 6.1.3 (b)/(c) name constraints. Self-issued
 * intermediates neither count towards path length nor are name-checked; the leaf always is.
 */
function linkViolation(below: CertProfile[], issuer: CertProfile): string | null {
  if (issuer.pathLen !== null) {
    const intermediates = below.slice(1).filter((c) => !c.selfIssued).length;
    if (intermediates > issuer.pathLen)
      return `${describe(issuer.cert)} allows ${issuer.pathLen} CA certificate(s) below it and the path has ${intermediates} (path length constraint)`;
  }
  if (issuer.nameConstraints) {
    for (const [i, cert] of below.entries()) {
      if (i > 0 && cert.selfIssued) continue;
      const why = nameConstraintViolation(issuer.nameConstraints, cert.names);
      if (why) return `for ${describe(cert.cert)}, ${why} (${describe(issuer.cert)})`;
    }
  }
  return null;
}

interface Node {
  profile: CertProfile;
  anchor: boolean;
}

/**
 * Verifies that `chain[0]` (the signing certificate) chains, through the other bundle
 * certificates as needed, to one of `anchors`, with every certificate on the path valid at
 * `at` and every constraint on the path honoured. Returns the path, leaf first, anchor
 * last. Throws CERTIFICATE_CHAIN_INVALID with the reason.
 */
export function verifyCertificateChain(
  chain: X509Certificate[],
  anchors: X509Certificate[],
  at: Date,
): X509Certificate[] {
  const first = chain[0];
  if (!first) throw fail('CERTIFICATE_CHAIN_INVALID', 'The signature bundle carries no signing certificate.');
  if (chain.length > MAX_BUNDLE_CERTS) {
    throw fail('CERTIFICATE_CHAIN_INVALID', `The signature bundle carries more than ${MAX_BUNDLE_CERTS} certificates.`);
  }
  const leaf = profileCertificate(first);
  const anchorPrints = new Set(anchors.map((a) => a.fingerprint256));
  checkSigningCertificate(leaf, anchorPrints, at);

  // One node per distinct certificate; a bundle copy of an anchor is that anchor.
  const nodes = new Map<string, Node>();
  for (const cert of anchors) {
    if (!nodes.has(cert.fingerprint256))
      nodes.set(cert.fingerprint256, { profile: profileCertificate(cert), anchor: true });
  }
  for (const cert of chain.slice(1)) {
    const print = cert.fingerprint256;
    if (print !== leaf.fingerprint && !nodes.has(print))
      nodes.set(print, { profile: profileCertificate(cert), anchor: false });
  }
  const candidates = [...nodes.values()].sort((a, b) => Number(b.anchor) - Number(a.anchor)); // anchors first
  let sawExpired = false;
  let unusable: string | null = null;

  // Issuer links, each computed once (every signature is checked at most once).
  const issuerCache = new Map<CertProfile, Node[]>();
  const issuersOf = (child: CertProfile): Node[] => {
    let found = issuerCache.get(child);
    if (found) return found;
    found = [];
    for (const node of candidates) {
      const issuer = node.profile;
      if (issuer === child || !issuedBy(child.cert, issuer.cert)) continue;
      if (issuer.defect || !issuer.isCa) {
        unusable = `${describe(issuer.cert)}, which ${issuer.defect ? `cannot be used: ${issuer.defect}` : 'is not a CA allowed to sign certificates'}`;
      } else if (!validAt(issuer.cert, at)) sawExpired = true;
      else found.push(node);
    }
    issuerCache.set(child, found);
    return found;
  };

  // Dead ends, by fingerprint: certificates with no chain of issuers up to an anchor at all.
  // Found once as a fixpoint (at most one pass per intermediate), so the search below never
  // re-explores a branch that cannot end at an anchor.
  const live = new Set<string>([...nodes.values()].filter((n) => n.anchor).map((n) => n.profile.fingerprint));
  for (let grew = true; grew;) {
    grew = false;
    for (const node of nodes.values()) {
      if (live.has(node.profile.fingerprint)) continue;
      if (issuersOf(node.profile).some((i) => live.has(i.profile.fingerprint))) {
        live.add(node.profile.fingerprint);
        grew = true;
      }
    }
  }

  let tried = 0;
  let violation: string | null = null;
  const search = (path: CertProfile[]): CertProfile[] | null => {
    const last = path[path.length - 1]!;
    for (const next of issuersOf(last)) {
      if (!live.has(next.profile.fingerprint) || path.includes(next.profile)) continue;
      if (!next.anchor && path.length - 1 >= MAX_DEPTH) continue;
      if (++tried > MAX_LINKS_TRIED) {
        throw fail(
          'CERTIFICATE_CHAIN_INVALID',
          `The signing certificate (${describe(leaf.cert)}) has too many possible chains to check; the bundle's certificates look crafted.`,
        );
      }
      const why = linkViolation(path, next.profile);
      if (why) {
        violation = why;
        continue;
      }
      if (next.anchor) return [...path, next.profile];
      const found = search([...path, next.profile]);
      if (found) return found;
    }
    return null;
  };

  const path = search([leaf]);
  if (path) return path.map((p) => p.cert);
  const name = describe(leaf.cert);
  throw fail(
    'CERTIFICATE_CHAIN_INVALID',
    violation
      ? `The signing certificate (${name}) chains to a trusted CA only in breach of a CA's constraints: ${violation}.`
      : sawExpired
        ? `The signing certificate (${name}) chains to a trusted CA only through a certificate that was not valid at ${at.toISOString()}.`
        : unusable
          ? `The signing certificate (${name}) chains to a trusted CA only through ${unusable}.`
          : `The signing certificate (${name}) was not issued by any CA the policy trusts.`,
  );
}
