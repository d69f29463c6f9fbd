// The three content hashes the OpenSSF model_signing format uses, behind one streaming
// interface, so the worker and the signer never branch on the algorithm.
import { createHash } from 'node:crypto';
import { createBLAKE3 } from 'hash-wasm';

/** A content hash named as model_signing's `hash_type` names it. */
export type HashAlgorithm = 'sha256' | 'blake2b' | 'blake3';

/** The algorithms we can compute, in the spelling the signature uses. */
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['sha256', 'blake2b', 'blake3'];

/** True when `value` names a supported {@link HashAlgorithm}. */
export function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  return typeof value === 'string' && (HASH_ALGORITHMS as readonly string[]).includes(value);
}

/** An incremental hash: feed bytes, then read the lowercase hex digest once. */
export interface StreamingHasher {
  update(data: Uint8Array): void;
  digestHex(): string;
}

/**
 * Creates a fresh hasher. `blake2b` is BLAKE2b with a 64-byte digest (Python's
 * `hashlib.blake2b()` default, Node's `blake2b512`); `blake3` is the 32-byte default.
 */
export async function createStreamingHasher(algorithm: HashAlgorithm): Promise<StreamingHasher> {
  if (algorithm === 'blake3') {
    // hash-wasm instances are cheap once the module is compiled (it caches it).
    const hasher = await createBLAKE3();
    hasher.init();
    return {
      update: (data) => {
        hasher.update(data);
      },
      digestHex: () => hasher.digest('hex'),
    };
  }
  const hash = createHash(algorithm === 'sha256' ? 'sha256' : 'blake2b512');
  return {
    update: (data) => {
      hash.update(data);
    },
    digestHex: () => hash.digest('hex'),
  };
}
