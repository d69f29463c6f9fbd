// The Sigstore conformance suite's bundle-verify vectors, through the real CLI in a child
// process, exactly as the suite drives a client: every case, with the artifact given both
// as a file and as sha256:<hex>. `_fail` cases must exit non-zero, all others 0.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, requireFixture } from '../support/peers.ts';

const run = promisify(execFile);
const DEFAULT_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com';
const CLI = path.join(REPO_ROOT, 'bin', 'countersign.js');

// Fails (never skips) when the vectors are absent: requireFixture throws with the path.
const base = requireFixture('sigstore-conformance', 'bundle-verify');
const cases = readdirSync(base)
  .filter((name) => statSync(path.join(base, name)).isDirectory())
  .sort();

function argsFor(name: string, form: 'file' | 'digest'): string[] {
  const dir = path.join(base, name);
  const file = (f: string) => path.join(dir, f);
  const text = (f: string, fallback: string) => (existsSync(file(f)) ? readFileSync(file(f), 'utf8').trim() : fallback);
  const artifact = existsSync(file('artifact')) ? file('artifact') : path.join(base, 'a.txt');
  const args = ['verify-bundle', '--bundle', file('bundle.sigstore.json')];
  if (existsSync(file('key.pub'))) args.push('--key', file('key.pub'));
  else
    args.push(
      '--certificate-identity',
      text('identity', DEFAULT_IDENTITY),
      '--certificate-oidc-issuer',
      text('issuer', DEFAULT_ISSUER),
    );
  if (existsSync(file('trusted_root.json'))) args.push('--trusted-root', file('trusted_root.json'));
  args.push(
    form === 'file' ? artifact : `sha256:${crypto.createHash('sha256').update(readFileSync(artifact)).digest('hex')}`,
  );
  return args;
}

async function exitOf(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, timeout: 60_000 });
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code?: unknown; stderr?: string; killed?: boolean };
    if (e.killed || typeof e.code !== 'number') throw error;
    return { code: e.code, stderr: e.stderr ?? '' };
  }
}

describe('Sigstore conformance: bundle-verify through `countersign verify-bundle`', () => {
  it('has the vectors', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  describe.concurrent.each(cases)('%s', (name) => {
    const mustFail = name.endsWith('_fail');
    for (const form of ['file', 'digest'] as const) {
      it(`${mustFail ? 'is rejected' : 'verifies'} with the artifact as a ${form}`, async () => {
        const { code, stderr } = await exitOf(argsFor(name, form));
        if (mustFail) {
          expect(code).toBe(1);
          // A rejection names its reason with a stable code, never a crash.
          expect(stderr).toMatch(/^[A-Z_]+: \S/);
          expect(stderr).not.toMatch(/^INTERNAL:/);
        } else {
          expect(stderr).toBe('');
          expect(code).toBe(0);
        }
      });
    }
  });
});
