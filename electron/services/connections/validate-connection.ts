// =====================================================================================
// SECURITY: what a connection profile may point at. Server peers are plain http(s) URLs
// with no credentials inside them (a password in a URL would land in the settings file,
// in logs and in the renderer); a workspace is an absolute folder that exists; a private
// Sigstore deployment is an absolute trusted_root.json file that can be read. Neither of
// the last two ever takes a password or token: nothing is sent anywhere.
// =====================================================================================
import { accessSync, constants, statSync } from 'node:fs';
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

/**
 * Checks a private Sigstore deployment's trusted root: an absolute path to a regular file
 * this process can read. Returns it normalised. Throws INVALID_INPUT otherwise. Whether the
 * file is a usable trusted root is `connections:test`'s question (and verification's).
 */
export function checkTrustedRootPath(value: string): string {
  const trimmed = value.trim();
  if (trimmed.includes('\0') || !path.isAbsolute(trimmed)) {
    throw invalid('The trusted root must be the absolute path of a trusted_root.json file.');
  }
  const resolved = path.resolve(trimmed);
  let isFile: boolean;
  try {
    isFile = statSync(resolved).isFile();
  } catch {
    throw invalid(`The file ${resolved} does not exist or cannot be opened.`);
  }
  if (!isFile) throw invalid(`${resolved} is not a file: choose the deployment's trusted_root.json.`);
  try {
    accessSync(resolved, constants.R_OK);
  } catch {
    throw invalid(`The file ${resolved} cannot be read (permission denied).`);
  }
  return resolved;
}

/** Connection kinds whose location is a local path, and which therefore never authenticate. */
function isLocalKind(kind: ConnectionKind): boolean {
  return kind === 'workspace' || kind === 'sigstore';
}

/** Checks the location for `kind` and returns the normalised value to store. */
export function checkLocation(kind: ConnectionKind, value: string): string {
  switch (kind) {
    case 'workspace':
      return checkWorkspaceFolder(value);
    case 'sigstore':
      return checkTrustedRootPath(value);
    default:
      return checkPeerUrl(value);
  }
}

/**
 * Checks that the authentication fits the kind and the secret fits the authentication:
 * a workspace or a private Sigstore trusted root has none, a profile without authentication takes no secret, and a secret
 * passes {@link secretProblem}. Throws INVALID_INPUT, with a message that never repeats
 * the secret.
 */
export function checkAuth(kind: ConnectionKind, auth: ConnectionAuth, secret: string | null | undefined): void {
  if (isLocalKind(kind) && auth.type !== 'none') {
    throw invalid(
      kind === 'workspace'
        ? 'A workspace folder does not use a password or token.'
        : 'A private Sigstore trusted root is a local file: it does not use a password or token.',
    );
  }
  if (auth.type === 'none' && typeof secret === 'string') {
    throw invalid('This connection has no authentication, so it cannot store a password or token.');
  }
  if (typeof secret === 'string') {
    const problem = secretProblem(auth.type, secret);
    if (problem !== null) throw invalid(problem);
  }
}
