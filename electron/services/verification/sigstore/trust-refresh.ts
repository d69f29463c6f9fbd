// ========================================================================================
// SECURITY: an optional online refresh of the Sigstore trusted root, through TUF.
// The app ships the public-good trusted root (assets/trust/) so keyless verification works
// offline. This refresh fetches a newer one from a TUF repository (@sigstore/tuf: signed,
// versioned, expiring metadata, so a mirror cannot forge, roll back or freeze it), and then
// checks it the way every trusted root is checked (trusted-root.ts). A root that fails
// either check is rejected, never used and never cached: no silent downgrade. The last
// root that passed both is kept in the caller's folder and used while its TUF metadata has
// not expired; otherwise the shipped root is used. The result always says which.
// ========================================================================================
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_MIRROR_URL, initTUF } from '@sigstore/tuf';
import { AppError, isAppError, type ErrorInfo } from '../../../../shared/errors.ts';
import { PUBLIC_GOOD_TRUSTED_ROOT } from './public-good-root.ts';
import { parseTrustedRoot, trustMaterialFrom } from './trusted-root.ts';

/** Where the trusted root in a {@link TrustRefreshResult} came from. */
export type TrustedRootSource = 'tuf' | 'cache' | 'shipped';

/** The trusted root to verify against, and how fresh it is. */
export interface TrustRefreshResult {
  source: TrustedRootSource;
  /** The trusted_root.json (parsed JSON, already checked): pass it as `BundlePolicy.trustedRoot`. */
  trustedRoot: unknown;
  /** When this root was fetched through TUF (ISO 8601); null for the shipped root. */
  fetchedAt: string | null;
  /** When the TUF metadata vouching for it expires (ISO 8601); null for the shipped root. */
  expires: string | null;
  /** Why a fresh root is not in use, when a refresh was attempted and failed. */
  error?: ErrorInfo;
}

export interface TrustRefreshOptions {
  /** An absolute folder the caller owns (the app's user data); created when missing. */
  cacheDir: string;
  /** The TUF repository; defaults to the Sigstore public-good one. */
  mirrorURL?: string;
  /**
   * The TUF root.json that anchors trust in `mirrorURL`, used the first time only (later
   * runs trust the root chain kept in the cache). Optional for the public-good mirror,
   * whose root @sigstore/tuf carries.
   */
  tufRootPath?: string;
  /** False: no network; the cached root or the shipped one. Default true. */
  online?: boolean;
  /** Network time-out per request in milliseconds (default 5000). */
  timeoutMs?: number;
  /** The clock, for `fetchedAt` and for expiry of the cache. */
  now?: () => Date;
}

interface CacheRecord {
  mirrorURL: string;
  fetchedAt: string;
  expires: string;
  trustedRoot: unknown;
}

const TRUSTED_ROOT_TARGET = 'trusted_root.json';
const TUF_METADATA = ['root.json', 'timestamp.json', 'snapshot.json', 'targets.json'];
// One refresh per cache folder at a time: two TUF clients writing one cache would race.
const inFlight = new Map<string, Promise<TrustRefreshResult>>();

/**
 * Returns the freshest trusted root that passes every check: fetched now through TUF,
 * else the last one fetched (while its TUF metadata is unexpired), else the shipped
 * public-good root. Never throws for network or repository failures: they are reported in
 * `error` (CONNECTION_UNREACHABLE when the repository cannot be reached,
 * TRUSTED_ROOT_INVALID when its metadata or the root it serves fails verification).
 * Throws AppError INVALID_INPUT when `cacheDir` is not an absolute path.
 */
export function refreshTrustedRoot(options: TrustRefreshOptions): Promise<TrustRefreshResult> {
  if (!path.isAbsolute(options.cacheDir) || options.cacheDir.includes('\0')) {
    return Promise.reject(new AppError('INVALID_INPUT', 'The trust cache folder must be an absolute path.'));
  }
  const key = path.resolve(options.cacheDir);
  const running = inFlight.get(key);
  if (running) return running;
  const work = refresh(options).finally(() => inFlight.delete(key));
  inFlight.set(key, work);
  return work;
}

async function refresh(options: TrustRefreshOptions): Promise<TrustRefreshResult> {
  const now = options.now ?? (() => new Date());
  const mirrorURL = options.mirrorURL ?? DEFAULT_MIRROR_URL;
  const cacheFile = path.join(options.cacheDir, `trusted-root-${createHash('sha256').update(mirrorURL).digest('hex').slice(0, 16)}.json`);
  let error: ErrorInfo | undefined;
  if (options.online !== false) {
    try {
      const record = await fetchThroughTuf(options, mirrorURL, now);
      // A root that passed every check is used even if it cannot be kept for next time.
      await writeAtomically(cacheFile, `${JSON.stringify(record)}\n`).catch(() => undefined);
      return { source: 'tuf', trustedRoot: record.trustedRoot, fetchedAt: record.fetchedAt, expires: record.expires };
    } catch (caught) {
      error = describeFailure(caught);
    }
  }
  const cached = await readCache(cacheFile, mirrorURL, now());
  const fallback: TrustRefreshResult = cached
    ? { source: 'cache', trustedRoot: cached.trustedRoot, fetchedAt: cached.fetchedAt, expires: cached.expires }
    : { source: 'shipped', trustedRoot: PUBLIC_GOOD_TRUSTED_ROOT, fetchedAt: null, expires: null };
  return error ? { ...fallback, error } : fallback;
}

async function fetchThroughTuf(options: TrustRefreshOptions, mirrorURL: string, now: () => Date): Promise<CacheRecord> {
  const tufDir = path.join(options.cacheDir, 'tuf');
  await mkdir(tufDir, { recursive: true });
  // initTUF verifies the whole chain (root rotation, timestamp, snapshot, targets) before
  // getTarget checks the target's length and hashes against the signed targets metadata.
  const client = await initTUF({
    mirrorURL,
    cachePath: tufDir,
    ...(options.tufRootPath === undefined ? {} : { rootPath: options.tufRootPath }),
    retry: false,
    timeout: options.timeoutMs ?? 5000,
  });
  const text = await client.getTarget(TRUSTED_ROOT_TARGET);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AppError('TRUSTED_ROOT_INVALID', 'The trusted root served by the trust repository is not JSON.', { cause });
  }
  checkRoot(json);
  const expires = await tufExpiry(tufDir, mirrorURL);
  if (expires === null) throw new AppError('TRUSTED_ROOT_INVALID', 'The trust repository metadata has no readable expiry.');
  return { mirrorURL, fetchedAt: now().toISOString(), expires, trustedRoot: json };
}

/** The same checks as every trusted root gets, plus every key and certificate must parse. */
function checkRoot(json: unknown): void {
  trustMaterialFrom(parseTrustedRoot(json));
}

/** The earliest expiry of the TUF metadata @sigstore/tuf keeps for `mirrorURL`. */
async function tufExpiry(tufDir: string, mirrorURL: string): Promise<string | null> {
  // @sigstore/tuf keeps each mirror's metadata in a folder named after its host and path.
  const url = new URL(mirrorURL);
  const repoDir = path.join(tufDir, encodeURIComponent(url.host + url.pathname.replace(/\/$/, '')));
  let earliest: number | null = null;
  for (const name of TUF_METADATA) {
    const meta = JSON.parse(await readFile(path.join(repoDir, name), 'utf8')) as { signed?: { expires?: unknown } };
    const expires = meta.signed?.expires;
    const at = typeof expires === 'string' ? Date.parse(expires) : Number.NaN;
    if (Number.isNaN(at)) return null;
    earliest = earliest === null ? at : Math.min(earliest, at);
  }
  return earliest === null ? null : new Date(earliest).toISOString();
}

/** The cached root, when it is for this mirror, unexpired, and still passes every check. */
async function readCache(file: string, mirrorURL: string, now: Date): Promise<CacheRecord | null> {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheRecord>;
    if (record.mirrorURL !== mirrorURL || typeof record.fetchedAt !== 'string' || typeof record.expires !== 'string') return null;
    // Expired TUF metadata no longer vouches for the root (it may have been replaced since).
    if (!(Date.parse(record.expires) > now.getTime())) return null;
    checkRoot(record.trustedRoot);
    return { mirrorURL, fetchedAt: record.fetchedAt, expires: record.expires, trustedRoot: record.trustedRoot };
  } catch {
    return null;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await rename(temp, file);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

/** True when the failure is the repository being unreachable rather than untrustworthy. */
function isNetworkFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth += 1) {
    const { name, message } = current;
    const code = (current as { code?: unknown }).code;
    if (name === 'AbortError' || name === 'TimeoutError') return true;
    if (current instanceof TypeError && message === 'fetch failed') return true;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    // tuf-js's DownloadHTTPError: the server answered, but not with the file.
    if (typeof (current as { statusCode?: unknown }).statusCode === 'number') return true;
    current = current.cause;
  }
  return false;
}

function describeFailure(error: unknown): ErrorInfo {
  if (isAppError(error)) return { code: error.code, message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  if ((error as { code?: unknown }).code === 'TUF_INIT_CACHE_ERROR') {
    return { code: 'INVALID_INPUT', message: `No TUF root is known for this trust repository: ${detail}` };
  }
  if (isNetworkFailure(error)) {
    return { code: 'CONNECTION_UNREACHABLE', message: `The trust repository could not be reached: ${detail}` };
  }
  return { code: 'TRUSTED_ROOT_INVALID', message: `The trust repository's signed metadata did not verify: ${detail}` };
}
