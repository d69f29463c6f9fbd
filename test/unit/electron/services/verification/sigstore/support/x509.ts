// Builds real X.509 certificates in tests (node:crypto can parse and verify them but not
// issue them): a minimal DER writer, enough for chains with the extensions the verifier
// reads (basic constraints, key usage, extended key usage).
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
const name = (cn: string): Buffer => seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn)))));

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
  keyUsage?: (keyof typeof KEY_USAGE)[];
  extKeyUsage?: string[];
  serial?: bigint;
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
  const extensions: Buffer[] = [seq(oid('2.5.29.19'), bool(true), octets(seq(...(o.ca ? [bool(true)] : []))))];
  const usage = (o.keyUsage ?? (o.ca ? ['keyCertSign', 'cRLSign'] : ['digitalSignature'])).reduce(
    (acc, u) => acc | KEY_USAGE[u],
    0,
  );
  let unused = 0;
  while (unused < 7 && !((usage >> unused) & 1)) unused++;
  extensions.push(seq(oid('2.5.29.15'), bool(true), octets(bits(Buffer.from([usage]), unused))));
  if (o.extKeyUsage) extensions.push(seq(oid('2.5.29.37'), octets(seq(...o.extKeyUsage.map(oid)))));
  const tbs = seq(
    tlv(0xa0, integer(2n)),
    integer(o.serial ?? BigInt(`0x${crypto.randomBytes(8).toString('hex')}`)),
    algId,
    name(o.issuer?.name ?? o.subject),
    seq(time(o.notBefore), time(o.notAfter)),
    name(o.subject),
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
