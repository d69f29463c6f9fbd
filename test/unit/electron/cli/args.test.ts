import { describe, expect, it } from 'vitest';
import { parseCommandArgs, splitIgnorePaths } from '../../../../electron/cli/args.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out: () => out.join(''), err: () => err.join('') };
}

const USAGE = 'Usage: countersign thing PATH --key FILE\n';

describe('model subcommand arguments', () => {
  it('accepts --ignore-paths both repeated and with several values', () => {
    expect(splitIgnorePaths(['m', '--ignore-paths', 'a', 'b', '--json', '--ignore-paths=c', '--ignore-paths', 'd'])).toEqual({ rest: ['m', '--json'], ignorePaths: ['a', 'b', 'c', 'd'] });
  });

  it('hands back the options, the positionals and the ignore paths', () => {
    const c = capture();
    const args = parseCommandArgs(['m', '--key', 'k.pem', '--ignore-paths', 'x', 'y', '--json'], { key: { type: 'string' }, json: { type: 'boolean' } }, USAGE, c.io);
    expect(args).toEqual({ values: { key: 'k.pem', json: true }, positionals: ['m'], ignorePaths: ['x', 'y'] });
    expect(c.out() + c.err()).toBe('');
  });

  it('prints the usage to stdout and exits 0 for --help and -h', () => {
    for (const flag of ['--help', '-h']) {
      const c = capture();
      expect(parseCommandArgs(['m', flag], { key: { type: 'string' } }, USAGE, c.io)).toBe(0);
      expect(c.out()).toBe(USAGE);
      expect(c.err()).toBe('');
    }
  });

  it('exits 2 with the complaint and the usage on stderr for an unknown option or a missing value', () => {
    for (const argv of [['m', '--bogus'], ['m', '--key']]) {
      const c = capture();
      expect(parseCommandArgs(argv, { key: { type: 'string' } }, USAGE, c.io)).toBe(2);
      expect(c.err()).toMatch(/--(bogus|key)/);
      expect(c.err().endsWith(`\n${USAGE}`)).toBe(true);
      expect(c.out()).toBe('');
    }
  });
});
