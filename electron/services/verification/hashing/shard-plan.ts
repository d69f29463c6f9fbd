// How files become hashing work: the reference signer's shard boundaries, and an order
// that keeps every worker busy until the end.

/** One byte range of one file. `end` null means "to the end of the file, however long". */
export interface ByteRange {
  start: number;
  end: number | null;
}

/**
 * The shards of a file of `size` bytes, exactly as model_signing cuts them: consecutive
 * `[start, end)` ranges of `shardSize` bytes, the last one shorter; an empty file has none.
 * Throws RangeError for a non-positive or non-integer shard size.
 */
export function planShards(size: number, shardSize: number): Array<{ start: number; end: number }> {
  if (!Number.isSafeInteger(shardSize) || shardSize <= 0) throw new RangeError(`Invalid shard size ${shardSize}`);
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`Invalid file size ${size}`);
  const shards: Array<{ start: number; end: number }> = [];
  for (let start = 0; start < size; start += shardSize) {
    shards.push({ start, end: Math.min(start + shardSize, size) });
  }
  return shards;
}

/**
 * Orders work largest first (longest-processing-time scheduling): a whole-file SHA-256
 * cannot be split, so the big files must start first or one worker finishes long after
 * the others. Ties keep their input order, so the plan is deterministic.
 */
export function scheduleLargestFirst<T extends { bytes: number }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.bytes - a.item.bytes || a.index - b.index)
    .map(({ item }) => item);
}
