import type { VerificationProgress } from '../../../../shared/contract/schemas/verification.ts';

const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB'];

/** Bytes in decimal units with one decimal place, as file managers show them. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} ${value === 1 ? 'byte' : 'bytes'}` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** A count with thousands grouped the way the user's locale writes them: 20,000. */
export function formatCount(count: number): string {
  return count.toLocaleString();
}

/** Percent of bytes hashed, 0..100; by files when there are no bytes to hash. */
export function progressPercent(
  p: Pick<VerificationProgress, 'bytesDone' | 'bytesTotal' | 'filesDone' | 'filesTotal'>,
): number {
  const [done, total] = p.bytesTotal > 0 ? [p.bytesDone, p.bytesTotal] : [p.filesDone, p.filesTotal];
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, (done / total) * 100));
}

/** Milliseconds as `850 ms` or `12.3 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
