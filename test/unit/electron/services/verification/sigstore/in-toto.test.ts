import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkDssePayloadCoversArtifact,
  IN_TOTO_PAYLOAD_TYPE,
} from '../../../../../../electron/services/verification/sigstore/in-toto.ts';
import { codeOf } from '../../../../../support/error-code.ts';

const artifact = Buffer.from('model weights');
const sha = (alg: string, data: Buffer) => crypto.createHash(alg).update(data).digest('hex');
const statement = (subjects: unknown) =>
  Buffer.from(
    JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: subjects, predicateType: 'x', predicate: {} }),
  );

describe('binding a signed in-toto statement to the artifact', () => {
  const payload = statement([
    { name: 'other', digest: { sha256: sha('sha256', Buffer.from('other')) } },
    { name: 'weights', digest: { sha512: sha('sha512', artifact).toUpperCase() } },
    { name: 'weights', digest: { sha256: sha('sha256', artifact) } },
  ]);

  it('accepts an artifact named by any subject, by bytes or by SHA-256 digest', () => {
    expect(
      codeOf(() => checkDssePayloadCoversArtifact(IN_TOTO_PAYLOAD_TYPE, payload, { kind: 'bytes', data: artifact })),
    ).toBeUndefined();
    const digest = crypto.createHash('sha256').update(artifact).digest();
    expect(
      codeOf(() =>
        checkDssePayloadCoversArtifact(IN_TOTO_PAYLOAD_TYPE, payload, { kind: 'digest', algorithm: 'sha256', digest }),
      ),
    ).toBeUndefined();
  });

  it('accepts a subject that names the artifact only by SHA-512 (hex case ignored) when the bytes are given', () => {
    const only512 = statement([{ digest: { sha512: sha('sha512', artifact).toUpperCase() } }]);
    expect(
      codeOf(() => checkDssePayloadCoversArtifact(IN_TOTO_PAYLOAD_TYPE, only512, { kind: 'bytes', data: artifact })),
    ).toBeUndefined();
  });

  it('rejects an artifact that no subject names as ARTIFACT_MISMATCH', () => {
    expect(
      codeOf(() =>
        checkDssePayloadCoversArtifact(IN_TOTO_PAYLOAD_TYPE, payload, { kind: 'bytes', data: Buffer.from('tampered') }),
      ),
    ).toBe('ARTIFACT_MISMATCH');
  });

  it('rejects payloads that are not statements as BUNDLE_MALFORMED', () => {
    for (const bad of [Buffer.from('{'), Buffer.from('[]'), statement([]), statement('x')]) {
      expect(
        codeOf(() => checkDssePayloadCoversArtifact(IN_TOTO_PAYLOAD_TYPE, bad, { kind: 'bytes', data: artifact })),
      ).toBe('BUNDLE_MALFORMED');
    }
  });

  it('leaves the check to the caller for dsse-payload artifacts', () => {
    expect(
      codeOf(() => checkDssePayloadCoversArtifact(IN_TOTO_PAYLOAD_TYPE, Buffer.from('{'), { kind: 'dsse-payload' })),
    ).toBeUndefined();
  });

  it('for other payload types, requires the payload to be the artifact itself', () => {
    expect(
      codeOf(() => checkDssePayloadCoversArtifact('text/plain', artifact, { kind: 'bytes', data: artifact })),
    ).toBeUndefined();
    expect(
      codeOf(() => checkDssePayloadCoversArtifact('text/plain', artifact, { kind: 'bytes', data: Buffer.from('x') })),
    ).toBe('ARTIFACT_MISMATCH');
  });
});
