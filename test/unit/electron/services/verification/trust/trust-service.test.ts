// The app's trust service over the real TUF client and a local mock TUF repository
// (@tufjs/repo-mock, served through nock; the mirror 127.0.0.1:1 refuses everything else).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clearMock, mockRepo } from '@tufjs/repo-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createTrustService } from '../../../../../../electron/services/verification/trust/trust-service.ts';
import { REPO_ROOT } from '../../../../../support/peers.ts';
import { makeTempDir } from '../../../../../support/temp-dir.ts';

const MIRROR = 'http://127.0.0.1:1';
const SHIPPED = readFileSync(path.join(REPO_ROOT, 'assets/trust/trusted_root.json'), 'utf8');

afterEach(() => clearMock());

function setup(): { userDataDir: string; tufRootPath: string } {
  const userDataDir = makeTempDir('cs-trust-service');
  const root = JSON.parse(SHIPPED) as { tlogs: unknown[] };
  root.tlogs = root.tlogs.slice(0, 1); // distinguishable from the shipped root
  const rootJson = mockRepo(MIRROR, [{ name: 'trusted_root.json', content: JSON.stringify(root) }], {
    metadataPathPrefix: '',
  });
  const tufRootPath = path.join(userDataDir, 'tuf-root.json');
  writeFileSync(tufRootPath, rootJson);
  return { userDataDir, tufRootPath };
}

describe('the trust service', () => {
  it('starts on the shipped root without touching the network', async () => {
    const { userDataDir } = setup();
    clearMock(); // any request would now be refused, and would show as an error
    const trust = createTrustService({ userDataDir, tuf: { mirrorURL: MIRROR, timeoutMs: 1000 } });
    expect(await trust.status()).toEqual({ source: 'shipped', fetchedAt: null, expires: null, error: null });
    expect(trust.current()).toBeUndefined();
  });

  it('uses a root refreshed on request, and keeps using it from the cache in the next session', async () => {
    const { userDataDir, tufRootPath } = setup();
    const tuf = { mirrorURL: MIRROR, tufRootPath, timeoutMs: 2000 };
    const trust = createTrustService({ userDataDir, tuf });
    const refreshed = await trust.refreshNow();
    expect(refreshed.source).toBe('tuf');
    expect(refreshed.error).toBeNull();
    expect((trust.current() as { tlogs: unknown[] }).tlogs).toHaveLength(1);

    clearMock();
    const nextSession = createTrustService({ userDataDir, tuf });
    expect((await nextSession.status()).source).toBe('cache');
    expect((nextSession.current() as { tlogs: unknown[] }).tlogs).toHaveLength(1);
  });

  it('keeps the root in use and says why when a refresh cannot reach the repository', async () => {
    const { userDataDir, tufRootPath } = setup();
    clearMock();
    const trust = createTrustService({ userDataDir, tuf: { mirrorURL: MIRROR, tufRootPath, timeoutMs: 1000 } });
    const status = await trust.refreshNow();
    expect(status.source).toBe('shipped');
    expect(status.error?.code).toBe('CONNECTION_UNREACHABLE');
    expect(trust.current()).toBeUndefined();
  });
});
