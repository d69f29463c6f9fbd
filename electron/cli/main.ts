#!/usr/bin/env node
// The headless command line over the same services the app uses: for CI pipelines,
// the Sigstore conformance suite, and tests.
import process from 'node:process';

/** A subcommand: gets its own arguments, writes to the given streams, returns the exit code. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}
export type Subcommand = (argv: string[], io: CliIo) => Promise<number>;

const SUBCOMMANDS: Record<string, { summary: string; load: () => Promise<Subcommand> }> = {
  'verify-bundle': {
    summary: 'Verify a Sigstore bundle (Sigstore conformance CLI protocol).',
    load: async () => (await import('./verify-bundle.ts')).run,
  },
  'verify-model': {
    summary: 'Re-hash a model folder and verify its OpenSSF model signature.',
    load: async () => (await import('./verify-model.ts')).run,
  },
  'sign-model': {
    summary: 'Sign a model folder with a private key (OpenSSF model_signing key mode).',
    load: async () => (await import('./sign-model.ts')).run,
  },
};

function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, s]) => `  ${name.padEnd(14)} ${s.summary}`);
  return `Usage: countersign <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

/** Runs the CLI and returns its exit code (2 for usage errors). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    io.stdout(usage());
    return command === undefined ? 2 : 0;
  }
  const sub = SUBCOMMANDS[command];
  if (!sub) {
    io.stderr(`countersign: unknown command '${command}'\n\n${usage()}`);
    return 2;
  }
  return (await sub.load())(rest, io);
}

if (import.meta.main) {
  const io: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.stderr(`countersign: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
