// The `app:*` channels: facts for the About panel, and opening a link outside the app.
import type { AppInfo } from '../../../shared/contract/schemas/app.ts';

export interface AppServiceOptions {
  name: string;
  version: string;
  versions: Record<string, string>;
  platform: string;
  transport: AppInfo['transport'];
  userDataDir: string;
  /**
   * Opens a URL in the system browser. Main supplies one that checks the URL first
   * (https only, no credentials); this service passes the URL through unchanged.
   */
  openExternal: (url: string) => Promise<boolean>;
}

export interface AppService {
  info(): AppInfo;
  /** Whatever the injected `openExternal` throws, it throws. */
  openExternal(url: string): Promise<{ opened: boolean }>;
}

/** Creates the app service from facts main (or the preview) knows. */
export function createAppService(options: AppServiceOptions): AppService {
  const info: AppInfo = {
    name: options.name,
    version: options.version,
    transport: options.transport,
    platform: options.platform,
    versions: { ...options.versions },
    userDataDir: options.userDataDir,
  };
  return {
    info: () => ({ ...info, versions: { ...info.versions } }),
    async openExternal(url) {
      return { opened: await options.openExternal(url) };
    },
  };
}
