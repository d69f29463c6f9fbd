import path from 'node:path';
import type { TrustStatus } from '../../../../shared/contract/index.ts';
import { refreshTrustedRoot, type TrustRefreshOptions, type TrustRefreshResult } from '../sigstore/trust-refresh.ts';

export interface TrustServiceDeps {
  /** The app's user data folder; the TUF cache lives in its `trust/` folder. */
  userDataDir: string;
  /** The TUF repository to refresh from; defaults to the Sigstore public-good one. */
  tuf?: Pick<TrustRefreshOptions, 'mirrorURL' | 'tufRootPath' | 'timeoutMs' | 'now'>;
}

/** The Sigstore trusted root that verification uses, and its optional online refresh. */
export interface TrustService {
  /** The current root; loads a cached refreshed root (no network) the first time. */
  status(): Promise<TrustStatus>;
  /** Tries TUF now; on failure keeps what was in use and reports why. */
  refreshNow(): Promise<TrustStatus>;
  /** The root to verify against: undefined means the shipped public-good root. */
  current(): unknown;
}

function toStatus(result: TrustRefreshResult): TrustStatus {
  return {
    source: result.source,
    fetchedAt: result.fetchedAt,
    expires: result.expires,
    error: result.error ? { code: result.error.code, message: result.error.message } : null,
  };
}

/**
 * Starts on the shipped root and never touches the network by itself: a refreshed root is
 * used only after the user asked for a refresh (now or in an earlier session, from the cache
 * while its TUF metadata is unexpired).
 */
export function createTrustService(deps: TrustServiceDeps): TrustService {
  const cacheDir = path.join(deps.userDataDir, 'trust');
  const refresh = (online: boolean): Promise<TrustRefreshResult> =>
    refreshTrustedRoot({ ...deps.tuf, cacheDir, online });
  let current: TrustRefreshResult | null = null;
  let loading: Promise<TrustRefreshResult> | null = null;

  const adopt = (result: TrustRefreshResult): TrustRefreshResult => {
    // A failed refresh that fell back to the shipped root must not replace a good cached one.
    if (result.source !== 'shipped' || current === null) current = result;
    return result;
  };

  return {
    async status() {
      if (current === null) {
        loading ??= refresh(false).then(adopt);
        await loading;
      }
      return toStatus(current!);
    },
    async refreshNow() {
      const result = adopt(await refresh(true));
      return { ...toStatus(current!), error: result.error ? toStatus(result).error : null };
    },
    current() {
      return current && current.source !== 'shipped' ? current.trustedRoot : undefined;
    },
  };
}
