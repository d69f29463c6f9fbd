// The TUF refresh of the trusted root against a local mock TUF repository (@tufjs/repo-mock:
// a freshly generated, signed repository served through nock; no network). The mirror is
// 127.0.0.1:1, so once the mock is cleared every request is refused on this machine: that
// is "offline".
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clearMock, mockRepo } from '@tufjs/repo-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { PUBLIC_GOOD_TRUSTED_ROOT } from '../../../../../../electron/services/verification/sigstore/public-good-root.ts';
import { refreshTrustedRoot, type TrustRefreshOptions } from '../../../../../../electron/services/verification/sigstore/trust-refresh.ts';
import { verifyBundle } from '../../../../../../electron/services/verification/sigstore/index.ts';
import { requireFixture } from '../../../../../support/peers.ts';
import { makeTempDir } from '../../../../../support/temp-dir.ts';

const MIRROR = 'http://127.0.0.1:1';
const SHIPPED = readFileSync(path.resolve(import.meta.dirname, '../../../../../../assets/trust/trusted_root.json'), 'utf8');
const NOW = new Date('2026-01-15T10:00:00.000Z');

afterEach(() => clearMock());

/** Serves `trustedRoot` from a new signed mock repository; returns the repository's TUF root.json path. */
function serve(trustedRoot: string, dir: string): string {
  const rootJson = mockRepo(MIRROR, [{ name: 'trusted_root.json', content: trustedRoot }], { metadataPathPrefix: '' });
  const rootPath = path.join(dir, `tuf-root-${readdirSync(dir).length}.json`);
  writeFileSync(rootPath, rootJson);
  return rootPath;
}

function fresh(): { dir: string; cacheDir: string } {
  const dir = makeTempDir('cs-trust');
  return { dir, cacheDir: path.join(dir, 'user-data', 'trust') };
}

const options = (cacheDir: string, extra: Partial<TrustRefreshOptions> = {}): TrustRefreshOptions => ({
  cacheDir,
  mirrorURL: MIRROR,
  timeoutMs: 2000,
  now: () => NOW,
  ...extra,
});

/** The shipped root with its first certificate authority's validity window broken. */
function withBrokenWindow(): string {
  const root = JSON.parse(SHIPPED) as { certificateAuthorities: Array<{ validFor: Record<string, string> }> };
  const ca = root.certificateAuthorities[0];
  if (!ca) throw new Error('the shipped root has no certificate authority');
  ca.validFor = { end: '2020-01-01T00:00:00Z' };
  return JSON.stringify(root);
}

describe('trusted root refresh through TUF', () => {
  it('fetches the root the repository signed, and it verifies a real keyless signature', async () => {
    const { dir, cacheDir } = fresh();
    const result = await refreshTrustedRoot(options(cacheDir, { tufRootPath: serve(SHIPPED, dir) }));
    expect(result).toMatchObject({ source: 'tuf', fetchedAt: NOW.toISOString() });
    expect(result.error).toBeUndefined();
    expect(result.trustedRoot).toEqual(JSON.parse(SHIPPED));
    // The mock signs metadata for a year: the expiry is the repository's, not a made-up one.
    expect(Date.parse(result.expires ?? '')).toBeGreaterThan(Date.now() + 300 * 86_400_000);

    const fixtures = requireFixture('model-signing');
    const identity = (JSON.parse(readFileSync(path.join(fixtures, 'cases.json'), 'utf8')) as { sigstoreIdentity: { identity: string; issuer: string } }).sigstoreIdentity;
    const bundle: unknown = JSON.parse(readFileSync(path.join(fixtures, 'v1.0.0-sigstore', 'model.sig'), 'utf8'));
    const verified = await verifyBundle(bundle, { kind: 'dsse-payload' }, { signer: { mode: 'identity', ...identity }, trustedRoot: result.trustedRoot });
    expect(verified.signer.subject).toBe(identity.identity);
  });

  it('returns exactly what the repository serves, not the shipped root', async () => {
    const { dir, cacheDir } = fresh();
    const root = JSON.parse(SHIPPED) as { tlogs: unknown[] };
    root.tlogs = root.tlogs.slice(0, 1);
    const result = await refreshTrustedRoot(options(cacheDir, { tufRootPath: serve(JSON.stringify(root), dir) }));
    expect(result.source).toBe('tuf');
    expect(result.trustedRoot).toEqual(root);
    expect(result.trustedRoot).not.toEqual(PUBLIC_GOOD_TRUSTED_ROOT);
  });

  it('uses the cached root when the repository is unreachable, and says why', async () => {
    const { dir, cacheDir } = fresh();
    const first = await refreshTrustedRoot(options(cacheDir, { tufRootPath: serve(SHIPPED, dir) }));
    clearMock();
    const later = new Date(NOW.getTime() + 86_400_000);
    const offline = await refreshTrustedRoot(options(cacheDir, { now: () => later }));
    expect(offline).toMatchObject({ source: 'cache', fetchedAt: first.fetchedAt, expires: first.expires, error: { code: 'CONNECTION_UNREACHABLE' } });
    expect(offline.trustedRoot).toEqual(first.trustedRoot);
    // Asked not to go online, it uses the cache without an error.
    const noNetwork = await refreshTrustedRoot(options(cacheDir, { online: false }));
    expect(noNetwork).toEqual({ source: 'cache', trustedRoot: first.trustedRoot, fetchedAt: first.fetchedAt, expires: first.expires });
  });

  it('falls back to the shipped root when offline with no cache, or once the cached metadata expired', async () => {
    const empty = fresh();
    const tufRootPath = serve(SHIPPED, empty.dir);
    clearMock();
    const none = await refreshTrustedRoot(options(empty.cacheDir, { tufRootPath }));
    expect(none).toMatchObject({ source: 'shipped', fetchedAt: null, expires: null, error: { code: 'CONNECTION_UNREACHABLE' } });
    expect(none.trustedRoot).toBe(PUBLIC_GOOD_TRUSTED_ROOT);

    const { dir, cacheDir } = fresh();
    const first = await refreshTrustedRoot(options(cacheDir, { tufRootPath: serve(SHIPPED, dir) }));
    clearMock();
    const afterExpiry = new Date(Date.parse(first.expires ?? '') + 1000);
    const stale = await refreshTrustedRoot(options(cacheDir, { now: () => afterExpiry }));
    expect(stale).toMatchObject({ source: 'shipped', fetchedAt: null, expires: null, error: { code: 'CONNECTION_UNREACHABLE' } });
  });

  it('rejects a signed root whose validity window is malformed, and never caches it', async () => {
    const { dir, cacheDir } = fresh();
    const result = await refreshTrustedRoot(options(cacheDir, { tufRootPath: serve(withBrokenWindow(), dir) }));
    expect(result).toMatchObject({ source: 'shipped', error: { code: 'TRUSTED_ROOT_INVALID' } });
    expect(result.trustedRoot).toBe(PUBLIC_GOOD_TRUSTED_ROOT);
    expect(await refreshTrustedRoot(options(cacheDir, { online: false }))).toMatchObject({ source: 'shipped' });
  });

  it('keeps the last good root when a later refresh serves a malformed one', async () => {
    const { dir, cacheDir } = fresh();
    const good = await refreshTrustedRoot(options(cacheDir, { tufRootPath: serve(SHIPPED, dir) }));
    clearMock();
    // A new repository (new keys) at the same address: start its TUF state afresh.
    rmSync(path.join(cacheDir, 'tuf'), { recursive: true });
    const bad = await refreshTrustedRoot(options(cacheDir, { tufRootPath: serve(withBrokenWindow(), dir) }));
    expect(bad).toMatchObject({ source: 'cache', fetchedAt: good.fetchedAt, error: { code: 'TRUSTED_ROOT_INVALID' } });
    expect(bad.trustedRoot).toEqual(good.trustedRoot);
  });

  it('rejects metadata not signed by the TUF root it trusts', async () => {
    const { dir, cacheDir } = fresh();
    // The client trusts repository A's root; the mirror serves repository B.
    const trusted = serve(SHIPPED, dir);
    clearMock();
    serve(SHIPPED, dir);
    const result = await refreshTrustedRoot(options(cacheDir, { tufRootPath: trusted }));
    expect(result).toMatchObject({ source: 'shipped', error: { code: 'TRUSTED_ROOT_INVALID' } });
    expect(existsSync(cacheDir)).toBe(true);
    expect(readdirSync(cacheDir).filter((n) => n.startsWith('trusted-root-'))).toEqual([]);
  });

  it('asks for a TUF root for a mirror it has none for, and for an absolute cache folder', async () => {
    const { cacheDir } = fresh();
    const result = await refreshTrustedRoot(options(cacheDir, { mirrorURL: 'http://127.0.0.1:2' }));
    expect(result).toMatchObject({ source: 'shipped', error: { code: 'INVALID_INPUT' } });
    await expect(refreshTrustedRoot(options('relative/trust'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
