import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../../../../shared/errors.ts';
import { parseTrustedRoot } from './trusted-root.ts';

/** A trusted_root.json is a few tens of KiB; anything far larger is not one. */
const MAX_TRUSTED_ROOT_BYTES = 4 * 1024 * 1024;

/**
 * Parses the text of a trusted_root.json (a private Sigstore deployment's, or a refreshed
 * public-good one) into JSON for `BundlePolicy.trustedRoot`, and checks it at once so a bad
 * file is reported as such rather than as a failed signature. Throws TRUSTED_ROOT_INVALID.
 */
export function parseTrustedRootText(text: string | Uint8Array): unknown {
  let json: unknown;
  try {
    json = JSON.parse(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'));
  } catch (error) {
    throw new AppError('TRUSTED_ROOT_INVALID', 'The trusted root file is not valid JSON.', { cause: error });
  }
  parseTrustedRoot(json);
  return json;
}

/**
 * Reads and checks a trusted_root.json from disk. Throws NOT_FOUND when it cannot be read,
 * TRUSTED_ROOT_INVALID when it is too large, not JSON, or not a usable trusted root.
 */
export async function readTrustedRootFile(path: string): Promise<unknown> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new AppError('NOT_FOUND', `The trusted root file ${path} cannot be read.`, { cause: error });
  }
  if (size > MAX_TRUSTED_ROOT_BYTES) {
    throw new AppError('TRUSTED_ROOT_INVALID', `The trusted root file ${path} is too large to be a trusted root.`);
  }
  return parseTrustedRootText(await readFile(path));
}
