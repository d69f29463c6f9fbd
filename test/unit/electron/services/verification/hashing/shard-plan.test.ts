import { describe, expect, it } from 'vitest';
import { planShards, scheduleLargestFirst } from '../../../../../../electron/services/verification/hashing/shard-plan.ts';

describe('shard plan', () => {
  it('cuts a file into equal shards with a shorter last one, as the reference signer does', () => {
    expect(planShards(8, 2)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
      { start: 4, end: 6 },
      { start: 6, end: 8 },
    ]);
    expect(planShards(9, 2).at(-1)).toEqual({ start: 8, end: 9 });
    expect(planShards(3000, 1024)).toEqual([
      { start: 0, end: 1024 },
      { start: 1024, end: 2048 },
      { start: 2048, end: 3000 },
    ]);
  });

  it('gives one shard to a file no larger than the shard size and none to an empty file', () => {
    expect(planShards(2, 2)).toEqual([{ start: 0, end: 2 }]);
    expect(planShards(1, 1_000_000_000)).toEqual([{ start: 0, end: 1 }]);
    expect(planShards(0, 2)).toEqual([]);
  });

  it('rejects a shard size that is not a positive whole number', () => {
    expect(() => planShards(10, 0)).toThrow(RangeError);
    expect(() => planShards(10, 1.5)).toThrow(RangeError);
    expect(() => planShards(-1, 10)).toThrow(RangeError);
  });

  it('schedules the largest work first and keeps input order between equals', () => {
    const items = [
      { bytes: 1, id: 'a' },
      { bytes: 100, id: 'b' },
      { bytes: 5, id: 'c' },
      { bytes: 100, id: 'd' },
    ];
    expect(scheduleLargestFirst(items).map((i) => i.id)).toEqual(['b', 'd', 'c', 'a']);
  });
});
