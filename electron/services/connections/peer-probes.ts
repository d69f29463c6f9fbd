// What "test this connection" means for each kind of peer: one cheap, read-only request
// that needs the same credentials real work will, and the server's version if it says.
import { constants } from 'node:fs';
import { access, opendir, stat } from 'node:fs/promises';
import { AppError } from '../../../shared/errors.ts';
import type { ConnectionAuth, ConnectionKind } from '../../../shared/contract/schemas/connections.ts';
import { parseJsonObject, peerGet } from './peer-http.ts';
import { probeTrustedRoot } from './trusted-root-probe.ts';

/** What a probe needs: where, how to authenticate, and how long to wait for each request. */
export interface ProbeTarget {
  kind: ConnectionKind;
  url: string;
  auth: ConnectionAuth;
  /** The stored secret, or null for a profile without authentication. */
  secret: string | null;
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface ProbeResult {
  detail: string;
  serverVersion: string | null;
}

/** The Authorization header for a profile; never logged, never returned. */
export function authHeaders(auth: ConnectionAuth, secret: string | null): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth.type === 'basic' && secret !== null) {
    headers['authorization'] = `Basic ${Buffer.from(`${auth.username}:${secret}`, 'utf8').toString('base64')}`;
  } else if (auth.type === 'bearer' && secret !== null) {
    headers['authorization'] = `Bearer ${secret}`;
  }
  return headers;
}

function stringAt(value: unknown, ...keys: string[]): string | null {
  let current: unknown = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return null;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' && current.length > 0 && current.length <= 100 ? current : null;
}

async function probeMlflow(t: ProbeTarget): Promise<ProbeResult> {
  const headers = authHeaders(t.auth, t.secret);
  const base = { fetch: t.fetch, headers, timeoutMs: t.timeoutMs, peer: 'MLflow' };
  const search = await peerGet({ ...base, url: `${t.url}/api/2.0/mlflow/registered-models/search?max_results=1` });
  const body = parseJsonObject(search.text, 'MLflow');
  const models = body['registered_models'];
  if (models !== undefined && !Array.isArray(models)) {
    throw new AppError('CONNECTION_BAD_RESPONSE', 'The server answered, but not the way the MLflow model registry does.');
  }
  // MLflow serves its version as plain text at /version. Older servers and some proxies
  // do not, which makes the version unknown, not the connection broken.
  let serverVersion: string | null = null;
  try {
    const version = await peerGet({ ...base, url: `${t.url}/version`, headers: { ...headers, accept: 'text/plain' } });
    const text = version.text.trim();
    if (/^[0-9][0-9A-Za-z.+-]{0,39}$/.test(text)) serverVersion = text;
  } catch {
    serverVersion = null;
  }
  return { detail: 'The MLflow model registry answered and accepted the credentials.', serverVersion };
}

async function probePrometheus(t: ProbeTarget): Promise<ProbeResult> {
  const response = await peerGet({
    fetch: t.fetch,
    url: `${t.url}/api/v1/status/buildinfo`,
    headers: authHeaders(t.auth, t.secret),
    timeoutMs: t.timeoutMs,
    peer: 'Prometheus',
  });
  const body = parseJsonObject(response.text, 'Prometheus');
  if (body['status'] !== 'success') {
    throw new AppError('CONNECTION_BAD_RESPONSE', 'Prometheus answered, but did not report success.');
  }
  return { detail: 'Prometheus answered.', serverVersion: stringAt(body, 'data', 'version') };
}

async function probeAlertmanager(t: ProbeTarget): Promise<ProbeResult> {
  const response = await peerGet({
    fetch: t.fetch,
    url: `${t.url}/api/v2/status`,
    headers: authHeaders(t.auth, t.secret),
    timeoutMs: t.timeoutMs,
    peer: 'Alertmanager',
  });
  const body = parseJsonObject(response.text, 'Alertmanager');
  if (typeof body['versionInfo'] !== 'object' && typeof body['cluster'] !== 'object') {
    throw new AppError('CONNECTION_BAD_RESPONSE', 'The server answered, but not the way Alertmanager API v2 does.');
  }
  return { detail: 'Alertmanager answered.', serverVersion: stringAt(body, 'versionInfo', 'version') };
}

async function probeWorkspace(t: ProbeTarget): Promise<ProbeResult> {
  try {
    const info = await stat(t.url);
    if (!info.isDirectory()) {
      throw new AppError('CONNECTION_UNREACHABLE', `${t.url} is no longer a folder.`);
    }
    await access(t.url, constants.R_OK | constants.X_OK);
    // Listing is the real test: a folder can pass access() and still refuse to be read.
    const dir = await opendir(t.url);
    await dir.close();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be opened (${code ?? 'unknown error'})`;
    throw new AppError('CONNECTION_UNREACHABLE', `The workspace folder ${t.url} ${reason}.`);
  }
  return { detail: 'The workspace folder exists and can be read.', serverVersion: null };
}

/**
 * Probes the peer a profile points at. Throws AppError CONNECTION_UNREACHABLE,
 * CONNECTION_AUTH_FAILED or CONNECTION_BAD_RESPONSE; for a private Sigstore trusted root,
 * NOT_FOUND (unreadable file) or TRUSTED_ROOT_INVALID.
 */
export function probePeer(target: ProbeTarget): Promise<ProbeResult> {
  switch (target.kind) {
    case 'mlflow':
      return probeMlflow(target);
    case 'prometheus':
      return probePrometheus(target);
    case 'alertmanager':
      return probeAlertmanager(target);
    case 'workspace':
      return probeWorkspace(target);
    case 'sigstore':
      return probeTrustedRoot(target.url);
  }
}
