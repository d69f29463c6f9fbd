import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  legacyModelSigningPae,
  preAuthEncoding,
} from '../../../../../../electron/services/verification/sigstore/pae.ts';
import { dsseContent } from '../../../../../../electron/services/verification/sigstore/signature-content.ts';

const IN_TOTO = 'application/vnd.in-toto+json';
const envelope = (payloadType: string, payload: Buffer, sig: Buffer) => ({
  payloadType,
  payload,
  signatures: [{ sig, keyid: '' }],
});

describe('DSSE signature content', () => {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
  const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');

  it('verifies a signature over the real PAE with the curve’s hash', () => {
    const sig = crypto.sign('sha384', preAuthEncoding(IN_TOTO, payload), privateKey);
    expect(dsseContent(envelope(IN_TOTO, payload, sig)).verifySignature(publicKey)).toBe(true);
  });

  it('accepts the model_signing 0.2.0 encoding (SHA-256, legacy bytes) only when asked to, and only for in-toto', () => {
    const sig = crypto.sign('sha256', legacyModelSigningPae(IN_TOTO, payload), privateKey);
    expect(dsseContent(envelope(IN_TOTO, payload, sig), { legacyModelSigning: true }).verifySignature(publicKey)).toBe(
      true,
    );
    expect(dsseContent(envelope(IN_TOTO, payload, sig)).verifySignature(publicKey)).toBe(false);
    const other = crypto.sign('sha256', legacyModelSigningPae('text/plain', payload), privateKey);
    expect(
      dsseContent(envelope('text/plain', payload, other), { legacyModelSigning: true }).verifySignature(publicKey),
    ).toBe(false);
  });

  it('matches log-entry digests of the payload and of the PAE', () => {
    const sig = crypto.sign('sha384', preAuthEncoding(IN_TOTO, payload), privateKey);
    const content = dsseContent(envelope(IN_TOTO, payload, sig));
    expect(content.compareDigest(crypto.createHash('sha256').update(payload).digest())).toBe(true);
    expect(
      content.compareSignedDigest(crypto.createHash('sha256').update(preAuthEncoding(IN_TOTO, payload)).digest()),
    ).toBe(true);
    expect(content.compareSignature(sig)).toBe(true);
    expect(content.compareSignature(Buffer.alloc(sig.length))).toBe(false);
  });
});
