// ECDSA verification over a digest the caller already has (a "prehashed" message).
//
// Why this exists: the conformance CLI may name the artifact only as `sha256:<hex>`, and a
// message-signature bundle signs the artifact itself. node:crypto and WebCrypto only verify
// ECDSA over a message they hash themselves; neither accepts a ready digest. This is the
// textbook verification (SEC 1, section 4.1.4) over the NIST curves, in BigInt. It handles
// only public data (key, signature, digest), so constant time does not matter here.
import type { KeyObject } from 'node:crypto';

interface Curve {
  p: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
}

const P256: Curve = {
  p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
  n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
};
const P384: Curve = {
  p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
  n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
  gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
};
const P521: Curve = {
  p: 2n ** 521n - 1n,
  n: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
  gx: 0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
  gy: 0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
};

const CURVES: Record<string, Curve> = { prime256v1: P256, secp384r1: P384, secp521r1: P521 };

// Jacobian coordinates (X, Y, Z) stand for the affine point (X/Z^2, Y/Z^3); Z = 0 is infinity.
type Jacobian = [bigint, bigint, bigint];
const INFINITY: Jacobian = [0n, 1n, 0n];

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r >= 0n ? r : r + m;
}

function invert(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, m);
}

// All three curves have a = -3, which the doubling formula uses.
function double([x, y, z]: Jacobian, p: bigint): Jacobian {
  if (z === 0n || y === 0n) return INFINITY;
  const delta = mod(z * z, p);
  const gamma = mod(y * y, p);
  const beta = mod(x * gamma, p);
  const alpha = mod(3n * (x - delta) * (x + delta), p);
  const x3 = mod(alpha * alpha - 8n * beta, p);
  const z3 = mod((y + z) ** 2n - gamma - delta, p);
  const y3 = mod(alpha * (4n * beta - x3) - 8n * gamma * gamma, p);
  return [x3, y3, z3];
}

function add(a: Jacobian, b: Jacobian, p: bigint): Jacobian {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const z1z1 = mod(a[2] * a[2], p);
  const z2z2 = mod(b[2] * b[2], p);
  const u1 = mod(a[0] * z2z2, p);
  const u2 = mod(b[0] * z1z1, p);
  const s1 = mod(a[1] * b[2] * z2z2, p);
  const s2 = mod(b[1] * a[2] * z1z1, p);
  if (u1 === u2) return s1 === s2 ? double(a, p) : INFINITY;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = mod(h * h, p);
  const hhh = mod(h * hh, p);
  const v = mod(u1 * hh, p);
  const x3 = mod(r * r - hhh - 2n * v, p);
  const y3 = mod(r * (v - x3) - s1 * hhh, p);
  const z3 = mod(h * a[2] * b[2], p);
  return [x3, y3, z3];
}

// u1*G + u2*Q in one pass over the bits (Shamir's trick).
function twinMultiply(u1: bigint, g: Jacobian, u2: bigint, q: Jacobian, p: bigint): Jacobian {
  const gq = add(g, q, p);
  const bits = Math.max(u1.toString(2).length, u2.toString(2).length);
  let acc = INFINITY;
  for (let i = bits - 1; i >= 0; i--) {
    acc = double(acc, p);
    const b1 = (u1 >> BigInt(i)) & 1n;
    const b2 = (u2 >> BigInt(i)) & 1n;
    if (b1 && b2) acc = add(acc, gq, p);
    else if (b1) acc = add(acc, g, p);
    else if (b2) acc = add(acc, q, p);
  }
  return acc;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** Reads a DER `SEQUENCE { INTEGER r, INTEGER s }`; null when it is not exactly that. */
export function parseDerSignature(der: Uint8Array): { r: bigint; s: bigint } | null {
  let pos = 0;
  const readLength = (): number | null => {
    const first = der[pos++];
    if (first === undefined) return null;
    if (first < 0x80) return first;
    const count = first & 0x7f;
    if (count === 0 || count > 2) return null;
    let len = 0;
    for (let i = 0; i < count; i++) {
      const b = der[pos++];
      if (b === undefined) return null;
      len = len * 256 + b;
    }
    return len;
  };
  const readInteger = (): bigint | null => {
    if (der[pos++] !== 0x02) return null;
    const len = readLength();
    if (len === null || len === 0 || pos + len > der.length) return null;
    const value = der.subarray(pos, pos + len);
    pos += len;
    if ((value[0] ?? 0) & 0x80) return null; // negative
    return bytesToBigInt(value);
  };
  if (der[pos++] !== 0x30) return null;
  const seqLen = readLength();
  if (seqLen === null || pos + seqLen !== der.length) return null;
  const r = readInteger();
  const s = readInteger();
  if (r === null || s === null || pos !== der.length) return null;
  return { r, s };
}

/** True when the key is an EC key on a curve {@link verifyEcdsaPrehashed} supports. */
export function supportsPrehash(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'ec' && CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''] !== undefined;
}

/**
 * Verifies an ECDSA signature (DER) over `digest`, which the caller computed with the hash
 * that belongs to the key's curve. Returns false for any invalid signature; throws only
 * when the key is not a supported EC public key (a programming error: check
 * {@link supportsPrehash} first).
 */
export function verifyEcdsaPrehashed(key: KeyObject, digest: Uint8Array, signature: Uint8Array): boolean {
  const curve = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''];
  if (key.asymmetricKeyType !== 'ec' || curve === undefined) {
    throw new TypeError('verifyEcdsaPrehashed needs a P-256, P-384 or P-521 key');
  }
  const sig = parseDerSignature(signature);
  if (!sig) return false;
  const { r, s } = sig;
  const { n, p } = curve;
  if (r <= 0n || r >= n || s <= 0n || s >= n) return false;
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return false;
  const q: Jacobian = [
    bytesToBigInt(Buffer.from(jwk.x, 'base64url')),
    bytesToBigInt(Buffer.from(jwk.y, 'base64url')),
    1n,
  ];
  // Keep the leftmost bitlen(n) bits of the digest.
  const nBits = n.toString(2).length;
  let e = bytesToBigInt(digest);
  const digestBits = digest.length * 8;
  if (digestBits > nBits) e >>= BigInt(digestBits - nBits);
  const w = invert(s, n);
  const point = twinMultiply(mod(e * w, n), [curve.gx, curve.gy, 1n], mod(r * w, n), q, p);
  if (point[2] === 0n) return false;
  const zInv = invert(point[2], p);
  const x = mod(point[0] * zInv * zInv, p);
  return mod(x, n) === r;
}
