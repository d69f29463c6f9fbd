// =====================================================================================
// SECURITY: no credentials in a stored address. Saving refuses a URL with a user name or
// password in it (connections/validate-connection.ts), but a file written by an older
// version, or edited by hand, may still hold one; it would be read, sent to the renderer
// and written back on every save. On load such a URL loses its user info.
// =====================================================================================
import type { SettingsDocument, StoredConnection } from './settings-document.ts';

/** The document without credentials in any URL, and the names of the profiles changed. */
export interface StrippedCredentials {
  document: SettingsDocument;
  names: string[];
}

// Only URLs the parser understands are rewritten; anything else is left for the
// connection's own checks, which refuse it when it is saved or tested.
function withoutUserInfo(connection: StoredConnection): string | null {
  if (connection.kind === 'workspace') return null;
  let url: URL;
  try {
    url = new URL(connection.url);
  } catch {
    return null;
  }
  if (url.username === '' && url.password === '') return null;
  url.username = '';
  url.password = '';
  const href = url.href;
  // The same shape saving gives an address: no trailing slash, so paths can be appended.
  return url.search === '' && url.hash === '' ? href.replace(/\/+$/, '') : href;
}

/**
 * Removes a user name and password from every server profile's URL. Pure: returns a new
 * document when something changed, with the names (never the URLs) of the profiles that
 * did, for the report.
 */
export function stripUrlCredentials(document: SettingsDocument): StrippedCredentials {
  const names: string[] = [];
  const connections = document.connections.map((c) => {
    const url = withoutUserInfo(c);
    if (url === null) return c;
    names.push(c.name);
    return { ...c, url };
  });
  return names.length === 0 ? { document, names } : { document: { ...document, connections }, names };
}
