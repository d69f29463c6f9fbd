import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { envelopeFromJSON } from '@sigstore/bundle';
import { describe, expect, it } from 'vitest';
import {
  keyFingerprint,
  parsePublicKey,
  signatureHashFor,
  verifyWithKey,
} from '../../../../../../electron/services/verification/sigstore/key-algorithms.ts';
import { dsseContent } from '../../../../../../electron/services/verification/sigstore/signature-content.ts';
import { requireFixture } from '../../../../../support/peers.ts';

describe('the hash that belongs to each key', () => {
  it('is SHA-256 for P-256, SHA-384 for P-384, SHA-512 for P-521 and none for Ed25519', () => {
    const ec = (namedCurve: string) => crypto.generateKeyPairSync('ec', { namedCurve }).publicKey;
    expect(signatureHashFor(ec('prime256v1'))).toBe('sha256');
    expect(signatureHashFor(ec('secp384r1'))).toBe('sha384');
    expect(signatureHashFor(ec('secp521r1'))).toBe('sha512');
    expect(signatureHashFor(crypto.generateKeyPairSync('ed25519').publicKey)).toBeNull();
  });

  it('refuses curves Sigstore does not define, as BUNDLE_UNSUPPORTED', () => {
    const k1 = crypto.generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey;
    expect(() => signatureHashFor(k1)).toThrow(expect.objectContaining({ code: 'BUNDLE_UNSUPPORTED' }));
    const ed448 = crypto.generateKeyPairSync('ed448').publicKey;
    expect(() => signatureHashFor(ed448)).toThrow(expect.objectContaining({ code: 'BUNDLE_UNSUPPORTED' }));
  });

  for (const [curve, hash] of [
    ['prime256v1', 'sha256'],
    ['secp384r1', 'sha384'],
    ['secp521r1', 'sha512'],
  ] as const) {
    it(`verifies a ${curve} signature made with ${hash} and refuses one made with another hash`, () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: curve });
      const data = Buffer.from('signed bytes');
      expect(verifyWithKey(publicKey, data, crypto.sign(hash, data, privateKey))).toBe(true);
      const wrongHash = hash === 'sha256' ? 'sha512' : 'sha256';
      expect(verifyWithKey(publicKey, data, crypto.sign(wrongHash, data, privateKey))).toBe(false);
    });
  }

  it('verifies pure Ed25519 signatures', () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    const data = Buffer.from('ed25519 data');
    expect(verifyWithKey(publicKey, data, crypto.sign(null, data, privateKey))).toBe(true);
    expect(verifyWithKey(publicKey, Buffer.from('other'), crypto.sign(null, data, privateKey))).toBe(false);
  });

  it('returns false, never throws, for garbage signatures', () => {
    const { publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    expect(verifyWithKey(publicKey, Buffer.from('x'), Buffer.from([1, 2, 3]))).toBe(false);
    expect(verifyWithKey(publicKey, Buffer.from('x'), Buffer.alloc(0))).toBe(false);
  });
});

describe('the P-384 fix over sigstore-js, on a real model_signing signature', () => {
  const dir = requireFixture('model-signing');
  const bundle = JSON.parse(readFileSync(path.join(dir, 'v1.1.0-elliptic-key', 'model.sig'), 'utf8'));
  const key = crypto.createPublicKey(readFileSync(path.join(dir, 'keys', 'signing-key-pub.pem')));
  const envelope = envelopeFromJSON(bundle.dsseEnvelope);

  it('fails with the SHA-256 that sigstore-js assumes', () => {
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    // What sigstore-js's DSSESignatureContent.verifySignature does: node's default digest.
    const pae = Buffer.concat([
      Buffer.from(`DSSEv1 ${envelope.payloadType.length} ${envelope.payloadType} ${envelope.payload.length} `),
      envelope.payload,
    ]);
    expect(crypto.verify(undefined, pae, key, envelope.signatures[0]!.sig)).toBe(false);
  });

  it('verifies with our signature content, which hashes with SHA-384', () => {
    expect(dsseContent(envelope).verifySignature(key)).toBe(true);
  });
});

describe('public key parsing', () => {
  it('reads PEM and DER SPKI and names keys by the SHA-256 of their SPKI', () => {
    const { publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pemKey = parsePublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'policy');
    const derKey = parsePublicKey(publicKey.export({ type: 'spki', format: 'der' }), 'bundle');
    expect(pemKey.equals(derKey)).toBe(true);
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    expect(keyFingerprint(pemKey)).toBe(`SHA256:${crypto.createHash('sha256').update(spki).digest('hex')}`);
  });

  it('reports an unreadable policy key as INVALID_INPUT and an unreadable bundle key as BUNDLE_MALFORMED', () => {
    expect(() => parsePublicKey('not a key', 'policy')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => parsePublicKey(Buffer.from([1, 2, 3]), 'bundle')).toThrow(
      expect.objectContaining({ code: 'BUNDLE_MALFORMED' }),
    );
  });
});
