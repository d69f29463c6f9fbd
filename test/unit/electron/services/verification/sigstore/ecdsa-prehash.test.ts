import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  parseDerSignature,
  supportsPrehash,
  verifyEcdsaPrehashed,
} from '../../../../../../electron/services/verification/sigstore/ecdsa-prehash.ts';

const CURVES = [
  ['prime256v1', 'sha256'],
  ['secp384r1', 'sha384'],
  ['secp521r1', 'sha512'],
] as const;

describe('ECDSA verification over a ready digest', () => {
  for (const [curve, hash] of CURVES) {
    it(`accepts node:crypto signatures on ${curve} given only the ${hash} digest`, () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: curve });
      for (let i = 0; i < 5; i++) {
        const message = crypto.randomBytes(100 + i);
        const signature = crypto.sign(hash, message, privateKey);
        const digest = crypto.createHash(hash).update(message).digest();
        expect(verifyEcdsaPrehashed(publicKey, digest, signature)).toBe(true);
      }
    });

    it(`rejects a changed digest, a changed signature and another key on ${curve}`, () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: curve });
      const other = crypto.generateKeyPairSync('ec', { namedCurve: curve }).publicKey;
      const message = Buffer.from('the artifact');
      const signature = crypto.sign(hash, message, privateKey);
      const digest = crypto.createHash(hash).update(message).digest();
      const badDigest = Buffer.from(digest);
      badDigest[5] = (badDigest[5] ?? 0) ^ 1;
      const badSig = Buffer.from(signature);
      badSig[badSig.length - 2] = (badSig[badSig.length - 2] ?? 0) ^ 1;
      expect(verifyEcdsaPrehashed(publicKey, badDigest, signature)).toBe(false);
      expect(verifyEcdsaPrehashed(publicKey, digest, badSig)).toBe(false);
      expect(verifyEcdsaPrehashed(other, digest, signature)).toBe(false);
    });
  }

  it('truncates a digest longer than the curve order, as SEC 1 says (P-256 with SHA-512)', () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const message = Buffer.from('long digest');
    const signature = crypto.sign('sha512', message, privateKey);
    expect(verifyEcdsaPrehashed(publicKey, crypto.createHash('sha512').update(message).digest(), signature)).toBe(true);
  });

  it('rejects signatures whose r or s is zero or not below the group order', () => {
    const { publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const digest = crypto.randomBytes(32);
    const der = (r: Buffer, s: Buffer): Buffer =>
      Buffer.concat([
        Buffer.from([0x30, r.length + s.length + 4, 0x02, r.length]),
        r,
        Buffer.from([0x02, s.length]),
        s,
      ]);
    const n = Buffer.from('00ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex');
    expect(verifyEcdsaPrehashed(publicKey, digest, der(Buffer.from([0]), Buffer.from([1])))).toBe(false);
    expect(verifyEcdsaPrehashed(publicKey, digest, der(n, Buffer.from([1])))).toBe(false);
  });

  it('reads only strict DER signatures', () => {
    expect(parseDerSignature(Buffer.from([0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07]))).toEqual({ r: 5n, s: 7n });
    expect(parseDerSignature(Buffer.from([0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01]))).toBeNull(); // truncated
    expect(parseDerSignature(Buffer.from([0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07, 0x00]))).toBeNull(); // trailing
    expect(parseDerSignature(Buffer.from([0x30, 0x06, 0x02, 0x01, 0x85, 0x02, 0x01, 0x07]))).toBeNull(); // negative
    expect(parseDerSignature(Buffer.alloc(0))).toBeNull();
  });

  it('supports only the NIST curves Sigstore defines', () => {
    expect(supportsPrehash(crypto.generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey)).toBe(false);
    expect(supportsPrehash(crypto.generateKeyPairSync('ed25519').publicKey)).toBe(false);
    expect(supportsPrehash(crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey)).toBe(true);
  });
});
