// Argument handling shared by the model subcommands (`sign-model`, `verify-model`), so that
// both answer `--help`, bad options and `--ignore-paths` the same way.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { CliIo } from './main.ts';

/**
 * Lets `--ignore-paths` take several values (`--ignore-paths a b`) as well as repeat
 * (`--ignore-paths a --ignore-paths b`, the reference CLI's form).
 */
export function splitIgnorePaths(argv: readonly string[]): { rest: string[]; ignorePaths: string[] } {
  const rest: string[] = [];
  const ignorePaths: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--ignore-paths=')) {
      ignorePaths.push(arg.slice('--ignore-paths='.length));
    } else if (arg === '--ignore-paths') {
      while (i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('--')) ignorePaths.push(argv[++i] ?? '');
    } else {
      rest.push(arg);
    }
  }
  return { rest, ignorePaths };
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; options: O & typeof HELP }>
>;

/** A subcommand's parsed arguments, with `--ignore-paths` already split off. */
export interface CommandArgs<O extends ParseArgsOptionsConfig> {
  values: Parsed<O>['values'];
  positionals: string[];
  ignorePaths: string[];
}

/**
 * Parses a model subcommand's arguments (`options` plus `--help`/`-h` and `--ignore-paths`).
 * Returns the parsed arguments, or the exit code to stop with at once: 0 after printing
 * `usage` for `--help`, 2 after printing the parser's complaint and `usage` for a bad option.
 * Never throws.
 */
export function parseCommandArgs<const O extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: O,
  usage: string,
  io: CliIo,
): CommandArgs<O> | number {
  const { rest, ignorePaths } = splitIgnorePaths(argv);
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { ...options, ...HELP } });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if ('help' in parsed.values && parsed.values.help === true) {
    io.stdout(usage);
    return 0;
  }
  return { values: parsed.values, positionals: parsed.positionals, ignorePaths };
}
