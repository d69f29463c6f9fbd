import { describe, expect, it } from 'vitest';
import { createStreamingHasher, isHashAlgorithm } from '../../../../../../electron/services/verification/hashing/algorithms.ts';

const abc = new TextEncoder().encode('abc');

// Published test vectors (FIPS 180-2, RFC 7693, the BLAKE3 reference).
const VECTORS = {
  sha256: {
    empty: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    abc: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  },
  blake2b: {
    empty: '786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce',
    abc: 'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
  },
  blake3: {
    empty: 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262',
    abc: '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85',
  },
} as const;

describe('content hashes', () => {
  for (const [algorithm, vectors] of Object.entries(VECTORS)) {
    it(`computes ${algorithm} of the empty string and of "abc" as published`, async () => {
      if (!isHashAlgorithm(algorithm)) throw new Error('bad table');
      const empty = await createStreamingHasher(algorithm);
      expect(empty.digestHex()).toBe(vectors.empty);
      const h = await createStreamingHasher(algorithm);
      h.update(abc);
      expect(h.digestHex()).toBe(vectors.abc);
    });

    it(`gives the same ${algorithm} digest whether fed at once or in pieces`, async () => {
      if (!isHashAlgorithm(algorithm)) throw new Error('bad table');
      const data = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 31) & 0xff);
      const once = await createStreamingHasher(algorithm);
      once.update(data);
      const pieces = await createStreamingHasher(algorithm);
      for (let i = 0; i < data.length; i += 65_537) pieces.update(data.subarray(i, i + 65_537));
      expect(pieces.digestHex()).toBe(once.digestHex());
    });
  }

  it('recognises only the algorithm names the signature format uses', () => {
    expect(isHashAlgorithm('sha256')).toBe(true);
    expect(isHashAlgorithm('blake2b')).toBe(true);
    expect(isHashAlgorithm('blake3')).toBe(true);
    expect(isHashAlgorithm('blake2')).toBe(false);
    expect(isHashAlgorithm('md5')).toBe(false);
    expect(isHashAlgorithm(undefined)).toBe(false);
  });
});
