// One bounded HTTP GET to a peer, with every way it can fail turned into an error code
// the UI can explain: unreachable (network, timeout, gateway down), authentication
// refused, or an answer that is not what the API should send.
import { AppError } from '../../../shared/errors.ts';

/** How much of a peer's answer is read; the probes need a few hundred bytes. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface PeerRequest {
  fetch: typeof fetch;
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Names the peer in messages, e.g. "MLflow". */
  peer: string;
}

export interface PeerResponse {
  status: number;
  text: string;
}

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused (is the server running on that port?)',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved right now',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
};

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  // A short walk down `cause`: undici wraps the socket error once or twice.
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

// --- Security: fetch's errors may quote request header values (undici's "Headers.append:
// "Bearer <token>" is an invalid header value"), so the raw error is never attached as
// `cause`, where a logger or an inspector would print it. Only its name and code are kept.
function safeSummary(error: unknown, code: string | undefined): { name: string; code?: string } {
  const raw = (error as { name?: unknown } | null)?.name;
  const name = typeof raw === 'string' && /^[A-Za-z]{1,40}$/.test(raw) ? raw : 'Error';
  return code === undefined ? { name } : { name, code };
}

/**
 * Maps a thrown fetch (or body read) error to CONNECTION_UNREACHABLE with a plain reason.
 * Its `cause` is a summary (`{ name, code }`), never the raw error, which can hold a secret.
 */
export function networkError(error: unknown, peer: string, origin: string, timeoutMs: number): AppError {
  if (isTimeout(error)) {
    return new AppError('CONNECTION_UNREACHABLE', `${peer} at ${origin} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
  }
  const found = causeCode(error);
  // A code is an identifier such as ECONNREFUSED; anything else is not repeated.
  const code = found !== undefined && /^[A-Z][A-Z0-9_]{0,63}$/.test(found) ? found : undefined;
  const reason =
    (code !== undefined ? NETWORK_REASONS[code] : undefined) ??
    (code !== undefined && /CERT|SSL|TLS|SELF_SIGNED/.test(code)
      ? `its TLS certificate was not accepted (${code})`
      : `the request failed${code !== undefined ? ` (${code})` : ''}`);
  return new AppError('CONNECTION_UNREACHABLE', `Could not reach ${peer} at ${origin}: ${reason}.`, { cause: safeSummary(error, code) });
}

async function readBounded(response: Response, peer: string): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new AppError('CONNECTION_BAD_RESPONSE', `${peer} sent a far larger answer than its API does.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * GETs `url` and returns the status and body of a 2xx answer. Throws AppError:
 * CONNECTION_UNREACHABLE (network error, timeout, 502/503/504), CONNECTION_AUTH_FAILED
 * (401/403), CONNECTION_BAD_RESPONSE (any other status, a redirect, an oversized body).
 * Redirects are not followed, so credentials are only ever sent to the configured URL.
 */
export async function peerGet(request: PeerRequest): Promise<PeerResponse> {
  const { peer, timeoutMs } = request;
  const origin = new URL(request.url).origin;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await request.fetch(request.url, { method: 'GET', headers: request.headers, redirect: 'manual', signal });
  } catch (error) {
    throw networkError(error, peer, origin, timeoutMs);
  }
  const { status } = response;
  if (status < 200 || status > 299) {
    await response.body?.cancel().catch(() => undefined);
    if (status === 401 || status === 403) {
      throw new AppError('CONNECTION_AUTH_FAILED', `${peer} at ${origin} refused the credentials (HTTP ${status}).`);
    }
    if (status === 502 || status === 503 || status === 504) {
      throw new AppError('CONNECTION_UNREACHABLE', `${peer} at ${origin} is not available right now (HTTP ${status}).`);
    }
    if (status >= 300 && status < 400) {
      throw new AppError('CONNECTION_BAD_RESPONSE', `${peer} at ${origin} redirected the request (HTTP ${status}). Use the address it redirects to.`);
    }
    if (status === 404) {
      throw new AppError('CONNECTION_BAD_RESPONSE', `No ${peer} API was found at this address (HTTP 404). Check the URL and any path prefix.`);
    }
    throw new AppError('CONNECTION_BAD_RESPONSE', `${peer} at ${origin} answered with HTTP ${status}.`);
  }
  try {
    return { status, text: await readBounded(response, peer) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw networkError(error, peer, origin, timeoutMs);
  }
}

/** Parses a peer's JSON answer; throws CONNECTION_BAD_RESPONSE when it is not a JSON object. */
export function parseJsonObject(text: string, peer: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('CONNECTION_BAD_RESPONSE', `The server answered, but not with ${peer}'s JSON API. Is this the right address?`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError('CONNECTION_BAD_RESPONSE', `The server answered with JSON ${peer}'s API does not send.`);
  }
  return value as Record<string, unknown>;
}
