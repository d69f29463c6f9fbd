// =====================================================================================
// SECURITY: what a connection profile may point at. Server peers are plain http(s) URLs
// with no credentials inside them (a password in a URL would land in the settings file,
// in logs and in the renderer); a workspace is an absolute folder that exists.
// =====================================================================================
import { statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { ConnectionAuth, ConnectionKind } from '../../../shared/contract/schemas/connections.ts';
import { secretProblem } from '../../../shared/connections/secret-rules.ts';

function invalid(message: string): AppError {
  return new AppError('INVALID_INPUT', message);
}

/**
 * Checks a peer URL and returns it trimmed, without trailing slashes (so API paths can be
 * appended). Throws INVALID_INPUT for anything but http(s), for user info in the URL, and
 * for a query or fragment (an API base URL has neither). The message never repeats the URL,
 * which could hold a password.
 */
export function checkPeerUrl(value: string): string {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw invalid('The address is not a valid URL. Use one like https://mlflow.example.com.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('The address must start with http:// or https://.');
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid('The address must not contain a user name or password. Put credentials in the authentication fields; they are kept in the system keychain.');
  }
  if (url.search !== '' || url.hash !== '' || trimmed.includes('?') || trimmed.includes('#')) {
    throw invalid('The address must not contain a query (?…) or fragment (#…).');
  }
  return trimmed.replace(/\/+$/, '');
}

/**
 * Checks a workspace folder: an absolute path to a folder that exists. Returns it
 * normalised. Throws INVALID_INPUT otherwise.
 */
export function checkWorkspaceFolder(value: string): string {
  const trimmed = value.trim();
  if (trimmed.includes('\0') || !path.isAbsolute(trimmed)) {
    throw invalid('The workspace must be an absolute folder path.');
  }
  const resolved = path.resolve(trimmed);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(resolved).isDirectory();
  } catch {
    throw invalid(`The folder ${resolved} does not exist or cannot be opened.`);
  }
  if (!isDirectory) throw invalid(`${resolved} is a file, not a folder.`);
  return resolved;
}

/** Checks the location for `kind` and returns the normalised value to store. */
export function checkLocation(kind: ConnectionKind, value: string): string {
  return kind === 'workspace' ? checkWorkspaceFolder(value) : checkPeerUrl(value);
}

/**
 * Checks that the authentication fits the kind and the secret fits the authentication:
 * a workspace has none, a profile without authentication takes no secret, and a secret
 * passes {@link secretProblem}. Throws INVALID_INPUT, with a message that never repeats
 * the secret.
 */
export function checkAuth(kind: ConnectionKind, auth: ConnectionAuth, secret: string | null | undefined): void {
  if (kind === 'workspace' && auth.type !== 'none') {
    throw invalid('A workspace folder does not use a password or token.');
  }
  if (auth.type === 'none' && typeof secret === 'string') {
    throw invalid('This connection has no authentication, so it cannot store a password or token.');
  }
  if (typeof secret === 'string') {
    const problem = secretProblem(auth.type, secret);
    if (problem !== null) throw invalid(problem);
  }
}
