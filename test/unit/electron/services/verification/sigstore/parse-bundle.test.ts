import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../../../../electron/services/verification/sigstore/parse-bundle.ts';
import { codeOf } from '../../../../../support/error-code.ts';
import { requireFixture } from '../../../../../support/peers.ts';

const conformance = (name: string) =>
  JSON.parse(
    readFileSync(
      path.join(requireFixture('sigstore-conformance', 'bundle-verify'), name, 'bundle.sigstore.json'),
      'utf8',
    ),
  );

describe('reading a bundle before any cryptography', () => {
  it('reads all three bundle versions, from JSON values, text or bytes', () => {
    expect(parseBundle(conformance('happy-path-v0.1')).version).toBe('0.1');
    expect(parseBundle(JSON.stringify(conformance('happy-path-v0.2'))).version).toBe('0.2');
    expect(parseBundle(Buffer.from(JSON.stringify(conformance('happy-path-v0.3')))).version).toBe('0.3');
    expect(parseBundle(conformance('happy-path-v0.3-new-mediaType')).version).toBe('0.3');
  });

  it('refuses an unknown version as BUNDLE_UNSUPPORTED, and a missing one as BUNDLE_MALFORMED', () => {
    const b = conformance('happy-path-v0.3');
    expect(codeOf(() => parseBundle({ ...b, mediaType: 'application/vnd.dev.sigstore.bundle.v0.4+json' }))).toBe(
      'BUNDLE_UNSUPPORTED',
    );
    expect(codeOf(() => parseBundle({ ...b, mediaType: undefined }))).toBe('BUNDLE_MALFORMED');
  });

  it('refuses ambiguous bundles that carry two kinds of key material or of content', () => {
    const b = conformance('happy-path-v0.3');
    const twoKeys = { ...b, verificationMaterial: { ...b.verificationMaterial, publicKey: { hint: 'x' } } };
    expect(codeOf(() => parseBundle(twoKeys))).toBe('BUNDLE_MALFORMED');
    const twoContents = { ...b, dsseEnvelope: { payload: 'e30=', payloadType: 't', signatures: [{ sig: 'AA==' }] } };
    expect(codeOf(() => parseBundle(twoContents))).toBe('BUNDLE_MALFORMED');
  });

  it('bounds list sizes so a hostile bundle cannot demand unbounded work', () => {
    const b = conformance('happy-path-v0.3');
    const entry = b.verificationMaterial.tlogEntries[0];
    const many = { ...b, verificationMaterial: { ...b.verificationMaterial, tlogEntries: Array(17).fill(entry) } };
    expect(codeOf(() => parseBundle(many))).toBe('BUNDLE_MALFORMED');
  });

  it('requires a checkpointed inclusion proof from v0.2 on (TLOG_INVALID)', () => {
    const b = conformance('happy-path-v0.2');
    const [entry] = b.verificationMaterial.tlogEntries;
    const noProof = {
      ...b,
      verificationMaterial: { ...b.verificationMaterial, tlogEntries: [{ ...entry, inclusionProof: undefined }] },
    };
    expect(codeOf(() => parseBundle(noProof))).toBe('TLOG_INVALID');
  });

  it('sets aside a v0.1 inclusion proof that has no checkpoint, keeping the signed promise', () => {
    const b = conformance('bundle-with-root-cert_fail'); // v0.1, proof without checkpoint
    const parsed = parseBundle(b);
    expect(parsed.bundle.verificationMaterial.tlogEntries[0]!.inclusionProof).toBeUndefined();
    expect(parsed.bundle.verificationMaterial.tlogEntries[0]!.inclusionPromise).toBeDefined();
  });

  it("keeps model_signing's embedded public key and flags a v0.3 certificate chain", () => {
    const dir = requireFixture('model-signing');
    const key = parseBundle(readFileSync(path.join(dir, 'v0.3.1-elliptic-key', 'model.sig')));
    expect(Buffer.from(key.embeddedKey!).toString()).toContain('BEGIN PUBLIC KEY');
    expect(parseBundle(readFileSync(path.join(dir, 'v1.1.0-certificate', 'model.sig'))).chainInV03).toBe(true);
  });
});
