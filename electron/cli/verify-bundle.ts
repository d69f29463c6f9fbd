// `countersign verify-bundle`: the Sigstore conformance suite's CLI protocol.
//
//   verify-bundle --bundle FILE --certificate-identity ID --certificate-oidc-issuer URL [--trusted-root FILE] FILE_OR_DIGEST
//   verify-bundle --bundle FILE --key PATH [--trusted-root FILE] FILE_OR_DIGEST
//
// Exit 0 iff verified; 1 with "CODE: message" on stderr when verification fails; 2 for
// usage errors. FILE_OR_DIGEST is a path or `sha256:<64 hex>`.
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isAppError } from '../../shared/errors.ts';
import type { SignerPolicy } from '../../shared/contract/index.ts';
import { verifyBundle, type ArtifactInput, type BundlePolicy } from '../services/verification/sigstore/index.ts';
import { parseTrustedRootText } from '../services/verification/sigstore/trusted-root-file.ts';
import type { CliIo } from './main.ts';

const USAGE = `Usage:
  countersign verify-bundle --bundle FILE --certificate-identity ID --certificate-oidc-issuer URL [--trusted-root FILE] FILE_OR_DIGEST
  countersign verify-bundle --bundle FILE --key PATH [--trusted-root FILE] FILE_OR_DIGEST

FILE_OR_DIGEST is the signed file, or its digest as sha256:<64 hex digits>.
Exit status: 0 verified, 1 not verified, 2 usage error.
`;

// Inputs are local files a user names; bound them so a wrong path cannot exhaust memory.
const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
const MAX_SMALL_FILE_BYTES = 4 * 1024 * 1024;
const MAX_ARTIFACT_BYTES = 2 * 1024 * 1024 * 1024;

class UsageError extends Error {}

async function readBounded(path: string, limit: number, what: string): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`${what} ${path} is not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${what} ${path}`);
  }
  if (size > limit) throw new UsageError(`${what} ${path} is larger than ${Math.floor(limit / 1024 / 1024)} MiB`);
  try {
    return await readFile(path);
  } catch {
    throw new UsageError(`cannot read ${what} ${path}`);
  }
}

interface Parsed {
  bundle: string;
  policy: SignerPolicy;
  trustedRoot: string | undefined;
  artifact: string;
}

function parse(argv: string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        bundle: { type: 'string' },
        'certificate-identity': { type: 'string' },
        'certificate-oidc-issuer': { type: 'string' },
        key: { type: 'string' },
        'trusted-root': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const str = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const bundle = str('bundle');
  if (!bundle) throw new UsageError('--bundle is required');
  if (positionals.length !== 1 || positionals[0] === undefined)
    throw new UsageError('exactly one FILE_OR_DIGEST is required');
  const identity = str('certificate-identity');
  const issuer = str('certificate-oidc-issuer');
  const key = str('key');
  let policy: SignerPolicy | undefined;
  if (key !== undefined && identity === undefined && issuer === undefined) {
    policy = { mode: 'public-key', publicKeyPem: key }; // the path; read below
  } else if (key === undefined && identity !== undefined && issuer !== undefined) {
    policy = { mode: 'identity', identity, issuer };
  }
  if (!policy) throw new UsageError('give either --key, or both --certificate-identity and --certificate-oidc-issuer');
  return { bundle, policy, trustedRoot: str('trusted-root'), artifact: positionals[0] };
}

async function artifactFrom(arg: string): Promise<ArtifactInput> {
  const digest = /^sha256:([0-9a-fA-F]{64})$/.exec(arg);
  if (digest?.[1]) return { kind: 'digest', algorithm: 'sha256', digest: Buffer.from(digest[1], 'hex') };
  if (arg.startsWith('sha256:')) throw new UsageError('a digest must be sha256: followed by 64 hex digits');
  return { kind: 'bytes', data: await readBounded(arg, MAX_ARTIFACT_BYTES, 'artifact') };
}

/** Runs `verify-bundle` with its own arguments; returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const args = parse(argv);
    const bundleText = await readBounded(args.bundle, MAX_BUNDLE_BYTES, 'bundle');
    const artifact = await artifactFrom(args.artifact);
    let signer = args.policy;
    if (signer.mode === 'public-key') {
      signer = {
        mode: 'public-key',
        publicKeyPem: (await readBounded(signer.publicKeyPem, MAX_SMALL_FILE_BYTES, 'key')).toString('utf8'),
      };
    }
    const policy: BundlePolicy = { signer };
    if (args.trustedRoot !== undefined) {
      const rootText = await readBounded(args.trustedRoot, MAX_SMALL_FILE_BYTES, 'trusted root');
      policy.trustedRoot = parseTrustedRootText(rootText);
    }
    const result = await verifyBundle(bundleText, artifact, policy);
    const who = result.signer.issuer
      ? `${result.signer.subject} (issuer ${result.signer.issuer})`
      : result.signer.subject;
    io.stdout(`OK: verified; signed by ${who}${result.signer.signedAt ? ` at ${result.signer.signedAt}` : ''}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`countersign verify-bundle: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (isAppError(error)) {
      io.stderr(`${error.code}: ${error.message}\n`);
      return 1;
    }
    io.stderr(`INTERNAL: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
