import crypto from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../../electron/cli/verify-bundle.ts';
import { requireFixture } from '../../../support/peers.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

const BEACON =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const GITHUB = 'https://token.actions.githubusercontent.com';
const base = requireFixture('sigstore-conformance', 'bundle-verify');
const A = path.join(base, 'a.txt');
const bundleOf = (name: string) => path.join(base, name, 'bundle.sigstore.json');
const tmp = makeTempDir('cs-verify-bundle-cli');

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
const keyless = (bundle: string) => [
  '--bundle',
  bundle,
  '--certificate-identity',
  BEACON,
  '--certificate-oidc-issuer',
  GITHUB,
];

describe('countersign verify-bundle', () => {
  it('exits 0 for a valid bundle, given the artifact as a file or as sha256:<hex>', async () => {
    const ok = await cli(...keyless(bundleOf('happy-path-v0.3')), A);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(BEACON);
    const digest = crypto.createHash('sha256').update(readFileSync(A)).digest('hex');
    expect((await cli(...keyless(bundleOf('happy-path-v0.3')), `sha256:${digest}`)).code).toBe(0);
  });

  it('verifies with --key and with --trusted-root', async () => {
    const key = path.join(base, 'managed-key-happy-path', 'key.pub');
    expect((await cli('--bundle', bundleOf('managed-key-happy-path'), '--key', key, A)).code).toBe(0);
    const root = path.join(base, 'rekor2-happy-path', 'trusted_root.json');
    expect((await cli(...keyless(bundleOf('rekor2-happy-path')), '--trusted-root', root, A)).code).toBe(0);
  });

  it('exits 1 and prints the code and a plain message when verification fails', async () => {
    const wrong = await cli(
      '--bundle',
      bundleOf('happy-path-v0.3'),
      '--certificate-identity',
      'someone@example.com',
      '--certificate-oidc-issuer',
      GITHUB,
      A,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^SIGNATURE_IDENTITY_MISMATCH: Signed by https:\/\/github\.com/);
    const malformed = await cli(...keyless(bundleOf('bundle-malformed-json_fail')), A);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/^BUNDLE_MALFORMED: /);
  });

  it('exits 1 with TRUSTED_ROOT_INVALID for a trusted root that is not JSON', async () => {
    const root = path.join(tmp, 'root.json');
    writeFileSync(root, '{ not json');
    const result = await cli(...keyless(bundleOf('happy-path-v0.3')), '--trusted-root', root, A);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^TRUSTED_ROOT_INVALID: /);
  });

  it('exits 2 for usage errors, with the usage text', async () => {
    const usage = [
      [A], // no --bundle
      ['--bundle', bundleOf('happy-path-v0.3'), A], // no identity and no key
      [...keyless(bundleOf('happy-path-v0.3')), '--key', 'k.pub', A], // both modes
      ['--bundle', bundleOf('happy-path-v0.3'), '--certificate-identity', BEACON, A], // issuer missing
      [...keyless(bundleOf('happy-path-v0.3'))], // no artifact
      [...keyless(bundleOf('happy-path-v0.3')), A, A], // two artifacts
      [...keyless(bundleOf('happy-path-v0.3')), 'sha256:abc'], // short digest
      [...keyless(bundleOf('happy-path-v0.3')), '--frobnicate', A], // unknown option
      [...keyless(path.join(tmp, 'missing.json')), A], // unreadable bundle
      [...keyless(bundleOf('happy-path-v0.3')), path.join(tmp, 'missing.txt')], // unreadable artifact
    ];
    for (const argv of usage) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain('Usage:');
    }
  });

  it('prints help and exits 0 for --help', async () => {
    const result = await cli('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--certificate-oidc-issuer');
  });
});
