// `countersign verify-model`: re-hash a model folder and verify its OpenSSF model
// signature, for CI pipelines. Exit 0 only when every file verifies.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import type { ModelVerificationReport, SignerPolicy } from '../../shared/contract/index.ts';
import { HashPool } from '../services/verification/hashing/hash-pool.ts';
import { verifyModelSignature } from '../services/verification/model-signing/verify.ts';
import { verifyBundle } from '../services/verification/sigstore/index.ts';
import { readTrustedRootFile } from '../services/verification/sigstore/trusted-root-file.ts';
import { parseCommandArgs } from './args.ts';
import type { CliIo } from './main.ts';
import { CLEAR_LINE, progressLine, reportFailure, withInterrupt } from './terminal.ts';

const USAGE = `Usage: countersign verify-model PATH --signature FILE
         (--identity ID --issuer URL | --public-key PEM | --ca-chain PEM)
         [--trusted-root FILE] [--ignore-paths P ...] [--json]
`;

function describe(report: ModelVerificationReport): string {
  const lines: string[] = [];
  const count = report.files.filter((f) => f.status === 'verified').length;
  if (report.verified) {
    const who = report.signer ? ` signed by ${report.signer.subject}${report.signer.issuer ? ` (${report.signer.issuer})` : ''}` : '';
    lines.push(`Verification succeeded: ${count} files verified${who}.`);
  } else {
    lines.push(`Verification failed (${report.failure?.code ?? 'UNKNOWN'}): ${report.failure?.message ?? ''}`);
    for (const f of report.files) if (f.status !== 'verified') lines.push(`  ${f.status.padEnd(8)} ${f.path}: ${f.reason ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

async function policyFrom(values: Record<string, string | boolean | undefined>): Promise<SignerPolicy | string> {
  const identity = values['identity'];
  const issuer = values['issuer'];
  const publicKey = values['public-key'];
  const caChain = values['ca-chain'];
  const chosen = [identity !== undefined || issuer !== undefined, publicKey !== undefined, caChain !== undefined].filter(Boolean).length;
  if (chosen !== 1) return 'Give exactly one of --identity/--issuer, --public-key or --ca-chain.';
  if (typeof publicKey === 'string') return { mode: 'public-key', publicKeyPem: await readFile(publicKey, 'utf8') };
  if (typeof caChain === 'string') return { mode: 'ca-chain', caChainPem: await readFile(caChain, 'utf8') };
  if (typeof identity !== 'string' || typeof issuer !== 'string') return '--identity and --issuer go together.';
  return { mode: 'identity', identity, issuer };
}

/** Runs the subcommand: 0 verified, 1 not verified or failed, 2 usage error. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(
    argv,
    {
      signature: { type: 'string' },
      identity: { type: 'string' },
      issuer: { type: 'string' },
      'public-key': { type: 'string' },
      'ca-chain': { type: 'string' },
      'trusted-root': { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
    io,
  );
  if (typeof args === 'number') return args;
  const { values, positionals, ignorePaths } = args;
  const [modelArg, ...extra] = positionals;
  if (modelArg === undefined || extra.length > 0 || values.signature === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  const pool = new HashPool();
  const controller = new AbortController();
  try {
    const policy = await policyFrom(values);
    if (typeof policy === 'string') {
      io.stderr(`${policy}\n${USAGE}`);
      return 2;
    }
    const trustedRoot = values['trusted-root'] === undefined ? undefined : await readTrustedRootFile(values['trusted-root']);
    const report = await withInterrupt(controller, () =>
      verifyModelSignature(
        { verifyBundle, pool, now: () => performance.now() },
        {
          modelPath: path.resolve(modelArg),
          signaturePath: path.resolve(values.signature ?? ''),
          policy,
          // As the reference CLI does, ignore paths are relative to the working directory.
          ignorePaths: ignorePaths.map((p) => path.resolve(p)),
          trustedRoot,
        },
        { signal: controller.signal, onProgress: progressLine(io, process.stderr.isTTY === true && values.json !== true) },
      ),
    );
    if (process.stderr.isTTY === true && values.json !== true) io.stderr(CLEAR_LINE);
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
    return report.verified ? 0 : 1;
  } catch (error) {
    return reportFailure('verify-model', error, io);
  } finally {
    await pool.dispose();
  }
}
