// `countersign sign-model`: sign a model folder with an elliptic-curve private key, in the
// reference signer's key mode (v1.0 statement, whole files, SHA-256, Sigstore v0.3 bundle).
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { isAppError } from '../../shared/errors.ts';
import { HashPool } from '../services/verification/hashing/hash-pool.ts';
import { signModelWithKey } from '../services/verification/model-signing/sign.ts';
import { defaultSignaturePath } from '../services/verification/model-signing/verify.ts';
import type { CliIo } from './main.ts';
import { progressLine, splitIgnorePaths, withInterrupt } from './verify-model.ts';

const USAGE = `Usage: countersign sign-model PATH --private-key PEM [--signature OUT] [--ignore-paths P ...]
`;

/** Runs the subcommand: 0 signed, 1 failed, 2 usage error. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const { rest, ignorePaths } = splitIgnorePaths(argv);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        'private-key': { type: 'string' },
        signature: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [modelArg, ...extra] = positionals;
  const keyPath = values['private-key'];
  if (modelArg === undefined || extra.length > 0 || keyPath === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  const pool = new HashPool();
  const controller = new AbortController();
  try {
    const modelPath = path.resolve(modelArg);
    const isFile = (await stat(modelPath)).isFile();
    const signaturePath = values.signature === undefined ? defaultSignaturePath(modelPath, isFile) : path.resolve(values.signature);
    const signed = await withInterrupt(controller, async () =>
      signModelWithKey(
        pool,
        {
          modelPath,
          privateKeyPem: await readFile(keyPath, 'utf8'),
          signaturePath,
          ignorePaths: ignorePaths.map((p) => path.resolve(p)),
        },
        { signal: controller.signal, ...(process.stderr.isTTY ? { onProgress: progressLine(io, true) ?? (() => {}) } : {}) },
      ),
    );
    if (process.stderr.isTTY) io.stderr('\r\x1b[2K');
    // Write beside, then rename: a half-written signature is never left in place.
    const temp = `${signaturePath}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(signed.bundle), { mode: 0o644 });
    await rename(temp, signaturePath);
    io.stdout(`Signed ${signed.files} files (${signed.bytesHashed} bytes): ${signaturePath}\n`);
    return 0;
  } catch (error) {
    io.stderr(`sign-model: ${isAppError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error)}\n`);
    return isAppError(error) && error.code === 'CANCELLED' ? 130 : 1;
  } finally {
    await pool.dispose();
  }
}
