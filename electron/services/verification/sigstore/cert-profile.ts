// ========================================================================================
// SECURITY: what a certificate is allowed to do, read from its extensions.
// node:crypto verifies signatures but exposes neither pathLenConstraint, nor keyUsage bits,
// nor name constraints, nor which extensions are critical; @sigstore/core's DER parser
// (a direct dependency) gives us the extension list, read here strictly. Anything we
// cannot read, any duplicate extension, and any critical extension we do not process
// makes the certificate unusable (`defect`): fail closed, as RFC 5280 4.2 requires.
// ========================================================================================
import { X509Certificate as CoreCertificate, type ASN1Obj } from '@sigstore/core';
import type { X509Certificate } from 'node:crypto';
import {
  ia5,
  parseNameConstraints,
  readGeneralName,
  type CertNames,
  type NameConstraints,
} from './name-constraints.ts';

const OID = {
  subjectKeyId: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  authorityKeyId: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
} as const;
/** Extensions whose meaning this module processes (or which carry no constraint). */
const UNDERSTOOD = new Set<string>(Object.values(OID));
const EMAIL_ATTRIBUTE = '1.2.840.113549.1.9.1';
/** A pathLenConstraint above this is as good as none (our paths are far shorter). */
const PATH_LEN_CAP = 1000;

/** A certificate with the extension facts chain verification needs. */
export interface CertProfile {
  cert: X509Certificate;
  fingerprint: string;
  /** May issue certificates: basicConstraints cA, and keyCertSign when keyUsage is present. */
  isCa: boolean;
  /** basicConstraints pathLenConstraint, or null when absent. */
  pathLen: number | null;
  keyUsage: { digitalSignature: boolean; keyCertSign: boolean } | null;
  /** extendedKeyUsage purposes (OIDs), or null when absent. */
  extKeyUsage: string[] | null;
  /** Subject and issuer names are identical (RFC 5280 "self-issued"). */
  selfIssued: boolean;
  names: CertNames;
  nameConstraints: NameConstraints | null;
  /** Why the certificate may not be used at all, or null. */
  defect: string | null;
}

const isSequence = (obj: ASN1Obj | undefined): obj is ASN1Obj =>
  obj !== undefined && obj.tag.isUniversal() && obj.tag.number === 0x10 && obj.tag.constructed;

/** The single DER value inside an extension's extnValue OCTET STRING. */
function inner(ext: ASN1Obj): ASN1Obj {
  const octets = ext.subs[ext.subs.length - 1];
  if (!octets?.tag.isOctetString() || octets.subs.length !== 1 || !octets.subs[0])
    throw new Error('extnValue does not hold exactly one DER value');
  return octets.subs[0];
}

function readBasicConstraints(value: ASN1Obj): { ca: boolean; pathLen: number | null } {
  if (!isSequence(value)) throw new Error('basicConstraints is not a SEQUENCE');
  let i = 0;
  let ca = false;
  let pathLen: number | null = null;
  if (value.subs[i]?.tag.isBoolean()) ca = value.subs[i++]!.toBoolean();
  if (value.subs[i]?.tag.isInteger()) {
    const n = value.subs[i++]!.toInteger();
    if (n < 0n) throw new Error('negative pathLenConstraint');
    pathLen = Number(n > BigInt(PATH_LEN_CAP) ? BigInt(PATH_LEN_CAP) : n);
  }
  if (i !== value.subs.length) throw new Error('basicConstraints has unknown members');
  return { ca, pathLen };
}

function readNames(core: CoreCertificate, san: ASN1Obj | undefined): CertNames {
  const names: CertNames = { email: [], dns: [], uri: [], unreadable: false };
  if (san) {
    if (!isSequence(san)) throw new Error('subjectAltName is not a SEQUENCE');
    for (const entry of san.subs) {
      const name = readGeneralName(entry);
      if ('kind' in name) names[name.kind].push(name.value);
      else if ([1, 2, 6].includes(entry.tag.number)) names.unreadable = true;
    }
  }
  // RFC 5280 4.2.1.10: e-mail constraints also govern emailAddress attributes of the subject.
  const tbs = core.root.subs[0];
  const offset = tbs?.subs[0]?.tag.isContextSpecific(0) ? 1 : 0;
  const subject = tbs?.subs[offset + 4];
  if (!isSequence(subject)) throw new Error('subject is not a SEQUENCE');
  for (const rdn of subject.subs) {
    for (const attribute of rdn.subs) {
      const [type, value] = attribute.subs;
      if (type?.toOID() !== EMAIL_ATTRIBUTE) continue;
      const text = value ? ia5(value) : null;
      if (text === null) names.unreadable = true;
      else names.email.push(text);
    }
  }
  return names;
}

function readProfile(cert: X509Certificate, profile: CertProfile): void {
  const core = CoreCertificate.parse(Buffer.from(cert.raw));
  const byOid = new Map<string, ASN1Obj>();
  for (const ext of core.extensions) {
    const [oidObj, second] = ext.subs;
    if (!isSequence(ext) || ext.subs.length < 2 || ext.subs.length > 3 || !oidObj)
      throw new Error('malformed extension');
    const oid = oidObj.toOID();
    const critical = ext.subs.length === 3 && second !== undefined && second.toBoolean();
    if (byOid.has(oid)) {
      profile.defect = `it repeats the extension ${oid}`;
      return;
    }
    byOid.set(oid, ext);
    if (critical && !UNDERSTOOD.has(oid)) {
      profile.defect = `it has a critical extension this app does not process (${oid})`;
      return;
    }
  }
  const get = (oid: string): ASN1Obj | undefined => {
    const ext = byOid.get(oid);
    return ext ? inner(ext) : undefined;
  };
  const bc = get(OID.basicConstraints);
  const { ca, pathLen } = bc ? readBasicConstraints(bc) : { ca: false, pathLen: null };
  const ku = get(OID.keyUsage);
  if (ku) {
    const bits = ku.toBitString();
    profile.keyUsage = { digitalSignature: bits[0] === 1, keyCertSign: bits[5] === 1 };
  }
  const eku = get(OID.extKeyUsage);
  if (eku) {
    if (!isSequence(eku)) throw new Error('extKeyUsage is not a SEQUENCE');
    profile.extKeyUsage = eku.subs.map((o) => o.toOID());
  }
  profile.isCa = ca && (profile.keyUsage === null || profile.keyUsage.keyCertSign);
  profile.pathLen = pathLen;
  profile.selfIssued = core.subject.equals(core.issuer);
  profile.names = readNames(core, get(OID.subjectAltName));
  const nc = get(OID.nameConstraints);
  if (nc) profile.nameConstraints = parseNameConstraints(nc);
}

/** Reads what `cert` may do. Never throws: an unreadable certificate comes back with a `defect`. */
export function profileCertificate(cert: X509Certificate): CertProfile {
  const profile: CertProfile = {
    cert,
    fingerprint: cert.fingerprint256,
    isCa: false,
    pathLen: null,
    keyUsage: null,
    extKeyUsage: null,
    selfIssued: false,
    names: { email: [], dns: [], uri: [], unreadable: true },
    nameConstraints: null,
    defect: null,
  };
  try {
    readProfile(cert, profile);
  } catch {
    profile.defect = 'its extensions cannot be read';
  }
  if (profile.defect) profile.isCa = false;
  return profile;
}
