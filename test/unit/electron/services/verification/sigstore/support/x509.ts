// Builds real X.509 certificates in tests (node:crypto can parse and verify them but not
// issue them): a minimal DER writer, enough for chains with the extensions the verifier
// reads (basic constraints with path length, key usage, extended key usage, subject
// alternative names, name constraints) and arbitrary further extensions.
import crypto, { X509Certificate, type KeyObject } from 'node:crypto';

function length(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag, ...length(body.length)]), body]);
};
const seq = (...parts: Buffer[]): Buffer => tlv(0x30, ...parts);
const set = (...parts: Buffer[]): Buffer => tlv(0x31, ...parts);
function integer(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}
function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
const bool = (v: boolean): Buffer => Buffer.from([0x01, 0x01, v ? 0xff : 0x00]);
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bits = (b: Buffer, unused = 0): Buffer => tlv(0x03, Buffer.from([unused]), b);
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  const year = d.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}
function name(cn: string, email?: string): Buffer {
  const rdns = [set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn))))];
  if (email !== undefined) rdns.push(set(seq(oid('1.2.840.113549.1.9.1'), tlv(0x16, Buffer.from(email)))));
  return seq(...rdns);
}

/** A GeneralName (RFC 5280 4.2.1.6), of the forms the tests need. */
export type GeneralNameSpec =
  { email: string } | { dns: string } | { uri: string } | { directoryName: string } | { ip: number[] };
function generalName(n: GeneralNameSpec): Buffer {
  if ('email' in n) return tlv(0x81, Buffer.from(n.email));
  if ('dns' in n) return tlv(0x82, Buffer.from(n.dns));
  if ('uri' in n) return tlv(0x86, Buffer.from(n.uri));
  if ('directoryName' in n) return tlv(0xa4, name(n.directoryName));
  return tlv(0x87, Buffer.from(n.ip));
}
const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

function signatureAlgorithm(key: KeyObject): { algId: Buffer; hash: string | null } {
  if (key.asymmetricKeyType === 'ed25519') return { algId: seq(oid('1.3.101.112')), hash: null };
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve === 'secp384r1') return { algId: seq(oid('1.2.840.10045.4.3.3')), hash: 'sha384' };
  if (curve === 'secp521r1') return { algId: seq(oid('1.2.840.10045.4.3.4')), hash: 'sha512' };
  return { algId: seq(oid('1.2.840.10045.4.3.2')), hash: 'sha256' };
}

const KEY_USAGE = { digitalSignature: 0x80, keyCertSign: 0x04, cRLSign: 0x02 } as const;
export const EKU_CODE_SIGNING = '1.3.6.1.5.5.7.3.3';
export const EKU_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

export interface CertOptions {
  subject: string;
  issuer?: { name: string; key: KeyObject };
  publicKey: KeyObject;
  /** Signs with this key instead (self-signed when no issuer). */
  signingKey?: KeyObject;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  /** Key usage bits; defaults by `ca`. `null` leaves the extension out. */
  keyUsage?: (keyof typeof KEY_USAGE)[] | null;
  extKeyUsage?: string[];
  serial?: bigint;
  /** basicConstraints pathLenConstraint (only meaningful with `ca`). */
  pathLen?: number;
  /** An emailAddress attribute in the subject name. */
  subjectEmail?: string;
  subjectAltNames?: GeneralNameSpec[];
  nameConstraints?: { permitted?: GeneralNameSpec[]; excluded?: GeneralNameSpec[] };
  /** Further extensions, DER value given as is. */
  extraExtensions?: { oid: string; critical: boolean; value: Buffer }[];
}

export interface IssuedCert {
  der: Buffer;
  pem: string;
  x509: X509Certificate;
}

/** Issues a certificate: self-signed unless `issuer` is given. */
export function issueCertificate(o: CertOptions): IssuedCert {
  const signer = o.issuer?.key ?? o.signingKey;
  if (!signer) throw new Error('a self-signed certificate needs signingKey');
  const { algId, hash } = signatureAlgorithm(signer);
  const basic = [...(o.ca ? [bool(true)] : []), ...(o.pathLen !== undefined ? [integer(BigInt(o.pathLen))] : [])];
  const extensions: Buffer[] = [extension('2.5.29.19', true, seq(...basic))];
  if (o.keyUsage !== null) {
    const usage = (o.keyUsage ?? (o.ca ? ['keyCertSign', 'cRLSign'] : ['digitalSignature'])).reduce(
      (acc, u) => acc | KEY_USAGE[u],
      0,
    );
    let unused = 0;
    while (unused < 7 && !((usage >> unused) & 1)) unused++;
    extensions.push(extension('2.5.29.15', true, bits(Buffer.from([usage]), unused)));
  }
  if (o.extKeyUsage) extensions.push(extension('2.5.29.37', false, seq(...o.extKeyUsage.map(oid))));
  if (o.subjectAltNames) extensions.push(extension('2.5.29.17', false, seq(...o.subjectAltNames.map(generalName))));
  if (o.nameConstraints) {
    const subtrees = (list: GeneralNameSpec[]) => list.map((n) => seq(generalName(n)));
    const { permitted, excluded } = o.nameConstraints;
    extensions.push(
      extension(
        '2.5.29.30',
        true,
        seq(
          ...(permitted ? [tlv(0xa0, ...subtrees(permitted))] : []),
          ...(excluded ? [tlv(0xa1, ...subtrees(excluded))] : []),
        ),
      ),
    );
  }
  for (const e of o.extraExtensions ?? []) extensions.push(extension(e.oid, e.critical, e.value));
  const tbs = seq(
    tlv(0xa0, integer(2n)),
    integer(o.serial ?? BigInt(`0x${crypto.randomBytes(8).toString('hex')}`)),
    algId,
    name(o.issuer?.name ?? o.subject),
    seq(time(o.notBefore), time(o.notAfter)),
    name(o.subject, o.subjectEmail),
    o.publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(...extensions)),
  );
  const der = seq(tbs, algId, bits(crypto.sign(hash, tbs, signer)));
  const x509 = new X509Certificate(der);
  return { der, pem: x509.toString(), x509 };
}

export const YEAR = 365 * 24 * 3600 * 1000;

/** A three-level PKI (root, intermediate, leaf) with EC keys, valid around `at`. */
export function makePki(at = new Date('2025-06-01T00:00:00Z'), leafCurve = 'prime256v1') {
  const rootKeys = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const interKeys = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const leafKeys = crypto.generateKeyPairSync('ec', { namedCurve: leafCurve });
  const window = { notBefore: new Date(at.getTime() - YEAR), notAfter: new Date(at.getTime() + YEAR) };
  const root = issueCertificate({
    subject: 'test-root',
    publicKey: rootKeys.publicKey,
    signingKey: rootKeys.privateKey,
    ca: true,
    ...window,
  });
  const intermediate = issueCertificate({
    subject: 'test-intermediate',
    issuer: { name: 'test-root', key: rootKeys.privateKey },
    publicKey: interKeys.publicKey,
    ca: true,
    ...window,
  });
  const leaf = issueCertificate({
    subject: 'test-signer',
    issuer: { name: 'test-intermediate', key: interKeys.privateKey },
    publicKey: leafKeys.publicKey,
    ca: false,
    extKeyUsage: [EKU_CODE_SIGNING],
    notBefore: at,
    notAfter: new Date(at.getTime() + 24 * 3600 * 1000),
  });
  return { root, intermediate, leaf, rootKeys, interKeys, leafKeys };
}

type KeyPair = crypto.KeyPairKeyObjectResult;

/** A CA for tests that build their own chains: its name, keys and certificate. */
export interface TestCa {
  name: string;
  keys: KeyPair;
  cert: IssuedCert;
}

type Extra = Partial<Omit<CertOptions, 'subject' | 'issuer' | 'publicKey' | 'signingKey'>>;
const aroundYear = (at: Date) => ({
  notBefore: new Date(at.getTime() - YEAR),
  notAfter: new Date(at.getTime() + YEAR),
});
const ecKeys = (): KeyPair => crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

/** A self-signed root CA valid a year either side of `at`; `extra` overrides any option. */
export function makeRootCa(name: string, at: Date, extra: Extra = {}): TestCa {
  const keys = ecKeys();
  const cert = issueCertificate({
    subject: name,
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    ca: true,
    ...aroundYear(at),
    ...extra,
  });
  return { name, keys, cert };
}

/** A CA issued by `parent` (its own key unless `keys` is given). */
export function makeSubCa(parent: TestCa, name: string, at: Date, extra: Extra = {}, keys = ecKeys()): TestCa {
  const cert = issueCertificate({
    subject: name,
    issuer: { name: parent.name, key: parent.keys.privateKey },
    publicKey: keys.publicKey,
    ca: true,
    ...aroundYear(at),
    ...extra,
  });
  return { name, keys, cert };
}

/** A code-signing leaf issued by `parent`, valid from `at` for a day, with its keys. */
export function makeLeaf(
  parent: TestCa,
  at: Date,
  extra: Extra = {},
  subject = 'test-signer',
): IssuedCert & { keys: KeyPair } {
  const keys = ecKeys();
  const cert = issueCertificate({
    subject,
    issuer: { name: parent.name, key: parent.keys.privateKey },
    publicKey: keys.publicKey,
    ca: false,
    extKeyUsage: [EKU_CODE_SIGNING],
    notBefore: at,
    notAfter: new Date(at.getTime() + 24 * 3600 * 1000),
    ...extra,
  });
  return { ...cert, keys };
}
