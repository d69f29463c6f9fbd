// `countersign sign-model`: sign a model folder with an elliptic-curve private key, in the
// reference signer's key mode (v1.0 statement, whole files, SHA-256, Sigstore v0.3 bundle).
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { HashPool } from '../services/verification/hashing/hash-pool.ts';
import { signModelWithKey } from '../services/verification/model-signing/sign.ts';
import { defaultSignaturePath } from '../services/verification/model-signing/verify.ts';
import { parseCommandArgs } from './args.ts';
import type { CliIo } from './main.ts';
import { CLEAR_LINE, progressLine, reportFailure, withInterrupt } from './terminal.ts';

const USAGE = `Usage: countersign sign-model PATH --private-key PEM [--signature OUT] [--ignore-paths P ...]
`;

/** Runs the subcommand: 0 signed, 1 failed, 2 usage error. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, { 'private-key': { type: 'string' }, signature: { type: 'string' } }, USAGE, io);
  if (typeof args === 'number') return args;
  const { values, positionals, ignorePaths } = args;
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
    if (process.stderr.isTTY) io.stderr(CLEAR_LINE);
    // Write beside, then rename: a half-written signature is never left in place.
    const temp = `${signaturePath}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(signed.bundle), { mode: 0o644 });
    await rename(temp, signaturePath);
    io.stdout(`Signed ${signed.files} files (${signed.bytesHashed} bytes): ${signaturePath}\n`);
    return 0;
  } catch (error) {
    return reportFailure('sign-model', error, io);
  } finally {
    await pool.dispose();
  }
}
