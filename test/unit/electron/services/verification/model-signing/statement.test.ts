import { describe, expect, it } from 'vitest';
import {
  buildStatement,
  parseModelSignaturePayload,
  PREDICATE_V01,
  PREDICATE_V1,
  rootDigest,
} from '../../../../../../electron/services/verification/model-signing/statement.ts';

const TYPE = 'application/vnd.in-toto+json';
const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));

// A statement the reference signer produced (shards of 1024 bytes; its JSON writes the
// shard size as a double).
const SHARDED = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'm', digest: { sha256: '469fd0586a1683ad645fcc55ace15961c4bc925fd0185465a927693bfb88b808' } }],
  predicateType: PREDICATE_V1,
  predicate: {
    serialization: { ignore_paths: ['.gitattributes', '.git', '.gitignore', '.github'], hash_type: 'sha256', allow_symlinks: false, method: 'shards', shard_size: 1024.0 },
    resources: [
      { name: 'a.bin:0:1024', algorithm: 'sha256-sharded-1024', digest: '0fac68a06626938dcded90340fb09c459bf285c0e6f96b157f83ed9f85103a98' },
      { name: 'a.bin:1024:2048', algorithm: 'sha256-sharded-1024', digest: 'cfe673b5c1fd2201c6097a8c3ca4c2dfeb745694e115ab392fe6bffd25c2f5c4' },
      { name: 'a.bin:2048:3000', algorithm: 'sha256-sharded-1024', digest: 'c469b75b60202a213ce5670bd2d592a52a4069bc5c54bcf0fbe0e3eb374fe4d5' },
      { name: 'sub/b.txt:0:3', algorithm: 'sha256-sharded-1024', digest: '98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4' },
    ],
  },
};

function v1(resources: Array<{ name: string; digest: string; algorithm?: string }>, serialization: Record<string, unknown> = { method: 'files', hash_type: 'sha256', allow_symlinks: false }) {
  const withAlg = resources.map((r) => ({ algorithm: 'sha256', ...r }));
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'model', digest: { sha256: rootDigest(withAlg.map((r) => r.digest)) } }],
    predicateType: PREDICATE_V1,
    predicate: { serialization, resources: withAlg },
  };
}

const D1 = 'aa'.repeat(32);
const D2 = 'bb'.repeat(32);

describe('model signature statements', () => {
  it('reads a sharded v1.0 statement from the reference signer, subject digest included', () => {
    const m = parseModelSignaturePayload(TYPE, enc(SHARDED));
    expect(m.serialization).toEqual({ method: 'shards', hashType: 'sha256', shardSize: 1024, allowSymlinks: false, ignorePaths: ['.gitattributes', '.git', '.gitignore', '.github'] });
    expect(m.items[2]).toEqual({ path: 'a.bin', start: 2048, end: 3000, digestHex: 'c469b75b60202a213ce5670bd2d592a52a4069bc5c54bcf0fbe0e3eb374fe4d5' });
    expect(m.modelName).toBe('m');
  });

  it('rejects a statement whose subject digest does not match its resources', () => {
    const tampered = structuredClone(SHARDED);
    tampered.predicate.resources[0]!.digest = D1;
    expect(() => parseModelSignaturePayload(TYPE, enc(tampered))).toThrow(expect.objectContaining({ code: 'MODEL_SIGNATURE_MALFORMED' }));
  });

  it('recomputes the subject digest in the order the resources are listed', () => {
    const s = v1([{ name: 'a', digest: D1 }, { name: 'b', digest: D2 }]);
    s.predicate.resources.reverse();
    expect(() => parseModelSignaturePayload(TYPE, enc(s))).toThrow(/inconsistent/);
  });

  it('reads the v0.2 Digests/v0.1 layout: one subject per file, SHA-256, nothing ignored', () => {
    const old = {
      _type: 'https://in-toto.io/Statement/v1',
      subject: [
        { name: 'signme-1', digest: { sha256: D1 }, annotations: { actual_hash_algorithm: 'file-sha256' } },
        { name: 'dir/signme-2', digest: { sha256: D2.toUpperCase() } },
      ],
      predicateType: PREDICATE_V01,
      predicate: { unused: 'Unused, just passed due to API requirements' },
    };
    const m = parseModelSignaturePayload(TYPE, enc(old));
    expect(m.predicateType).toBe(PREDICATE_V01);
    expect(m.serialization).toMatchObject({ method: 'files', hashType: 'sha256', allowSymlinks: false, ignorePaths: [] });
    expect(m.items.map((i) => [i.path, i.digestHex])).toEqual([
      ['signme-1', D1],
      ['dir/signme-2', D2],
    ]);
  });

  it('sets aside names that would leave the model folder instead of trusting them', () => {
    const m = parseModelSignaturePayload(TYPE, enc(v1([{ name: '../../etc/passwd', digest: D1 }, { name: 'ok', digest: D2 }])));
    expect(m.items.map((i) => i.path)).toEqual(['ok']);
    expect(m.refused).toEqual([{ name: '../../etc/passwd', reason: expect.stringContaining("'..'") }]);
  });

  it('rejects what the reference rejects: other payload types, predicates, methods, hashes, and mixed algorithms', () => {
    const good = v1([{ name: 'a', digest: D1 }]);
    const bad = (mutate: (s: ReturnType<typeof v1>) => unknown) => {
      const s = structuredClone(good);
      return () => parseModelSignaturePayload(TYPE, enc(mutate(s) ?? s));
    };
    expect(() => parseModelSignaturePayload('text/plain', enc(good))).toThrow(expect.objectContaining({ code: 'MODEL_SIGNATURE_MALFORMED' }));
    expect(() => parseModelSignaturePayload(TYPE, new TextEncoder().encode('{not json'))).toThrow(expect.objectContaining({ code: 'MODEL_SIGNATURE_MALFORMED' }));
    expect(bad((s) => ({ ...s, predicateType: 'https://example.com/other' }))).toThrow(/Unknown model signature predicate/);
    expect(bad((s) => ({ ...s, _type: 'https://in-toto.io/Statement/v0.1' }))).toThrow(/in-toto/);
    expect(bad((s) => void (s.predicate.serialization = { method: 'tensors', hash_type: 'sha256', allow_symlinks: false }))).toThrow(/method/);
    expect(bad((s) => void (s.predicate.serialization = { method: 'files', hash_type: 'md5', allow_symlinks: false }))).toThrow(/hash type/);
    expect(bad((s) => void (s.predicate.resources[0]!.algorithm = 'blake2b'))).toThrow(/hashed with blake2b/);
    expect(bad((s) => void s.subject.push(s.subject[0]!))).toThrow(/exactly one subject/);
    expect(bad((s) => void (s.predicate.resources[0]!.digest = 'xyz'))).toThrow(/hexadecimal/);
  });

  it('rejects a statement that covers no files, in either layout', () => {
    expect(() => parseModelSignaturePayload(TYPE, enc(v1([])))).toThrow(
      expect.objectContaining({ code: 'MODEL_SIGNATURE_MALFORMED', message: 'The signature covers no files.' }),
    );
    const old = { _type: 'https://in-toto.io/Statement/v1', subject: [], predicateType: PREDICATE_V01, predicate: {} };
    expect(() => parseModelSignaturePayload(TYPE, enc(old))).toThrow(
      expect.objectContaining({ code: 'MODEL_SIGNATURE_MALFORMED', message: 'The signature covers no files.' }),
    );
  });

  it('rejects a resource listed twice', () => {
    expect(() => parseModelSignaturePayload(TYPE, enc(v1([{ name: 'a', digest: D1 }, { name: './a', digest: D1 }])))).toThrow(/twice/);
  });

  it('builds a statement that reads back to the same items', () => {
    const serialization = { method: 'files' as const, hashType: 'blake2b' as const, shardSize: null, allowSymlinks: false, ignorePaths: ['model.sig'] };
    const items = [{ path: 'a', start: null, end: null, digestHex: 'cc'.repeat(64) }];
    const m = parseModelSignaturePayload(TYPE, enc(buildStatement('model', serialization, items)));
    expect(m.items).toEqual(items);
    expect(m.serialization).toEqual(serialization);
  });
});
