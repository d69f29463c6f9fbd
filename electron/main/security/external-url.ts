// =====================================================================================
// SECURITY: the gate in front of the system browser. A link from untrusted content (a
// model card, a registry description) reaches the OS only through here: https only, no
// credentials in the URL, and, if one is configured, a host on the allow-list. Anything
// else (javascript:, file:, smb:, custom app schemes) could run code or leak NTLM hashes.
// =====================================================================================
import { shell } from 'electron';

/** The verdict on a URL the renderer asked to open. */
export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export interface ExternalUrlOptions {
  /** When given, only these host names (exact, lower-case) may be opened. */
  allowHosts?: readonly string[];
}

/** Longest URL we hand to the OS; the contract caps input at the same length. */
const MAX_URL_LENGTH = 4096;

/**
 * Decides whether `url` may be opened in the system browser. Pure; never throws. On
 * success `url` is the parsed, normalised form, which is what must be opened.
 */
export function checkExternalUrl(url: string, options: ExternalUrlOptions = {}): ExternalUrlCheck {
  if (typeof url !== 'string' || url.length === 0) return { ok: false, reason: 'empty' };
  if (url.length > MAX_URL_LENGTH) return { ok: false, reason: 'too long' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (parsed.protocol !== 'https:') return { ok: false, reason: `scheme ${parsed.protocol} is not allowed` };
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, reason: 'credentials in URL' };
  if (parsed.hostname === '') return { ok: false, reason: 'no host' };
  const allowHosts = options.allowHosts;
  if (allowHosts !== undefined && !allowHosts.includes(parsed.hostname.toLowerCase())) {
    return { ok: false, reason: `host ${parsed.hostname} is not on the allow-list` };
  }
  return { ok: true, url: parsed.href };
}

/** Where refusals and failures of {@link createOpenExternal} are reported. */
export type OpenExternalLog = (message: string, details: Record<string, unknown>) => void;

/**
 * The `openExternal(url) => Promise<boolean>` main hands to the services for
 * `app:open-external`: checks the URL, then asks the OS to open it. Resolves `false`
 * when the URL is refused or the OS could not open it; never rejects.
 */
export function createOpenExternal(
  options: ExternalUrlOptions & { log?: OpenExternalLog } = {},
): (url: string) => Promise<boolean> {
  const log = options.log ?? (() => {});
  return async (url) => {
    const verdict = checkExternalUrl(url, options);
    if (!verdict.ok) {
      log('refused to open external URL', { reason: verdict.reason });
      return false;
    }
    try {
      await shell.openExternal(verdict.url, { activate: true });
      return true;
    } catch (error) {
      log('the system could not open an external URL', { error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };
}
