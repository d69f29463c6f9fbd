import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLIC_GOOD_TRUSTED_ROOT } from '../../../../../../electron/services/verification/sigstore/public-good-root.ts';
import {
  parseTrustedRoot,
  publicGoodTrustedRoot,
  trustMaterialFrom,
} from '../../../../../../electron/services/verification/sigstore/trusted-root.ts';
import { codeOf } from '../../../../../support/error-code.ts';
import { REPO_ROOT, requireFixture } from '../../../../../support/peers.ts';

const shipped = (): Record<string, unknown> => structuredClone(PUBLIC_GOOD_TRUSTED_ROOT) as Record<string, unknown>;
type Entry = { publicKey: { validFor: Record<string, unknown> }; validFor: Record<string, unknown> };
const entries = (root: Record<string, unknown>, name: string) => root[name] as Entry[];

describe('the shipped public-good trusted root', () => {
  it('is, unmodified, the public-good root that @sigstore/tuf ships as its TUF seed', () => {
    const seeds = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'node_modules', '@sigstore', 'tuf', 'seeds.json'), 'utf8'),
    ) as Record<string, { targets: Record<string, string> }>;
    const seed = seeds['https://tuf-repo-cdn.sigstore.dev']?.targets['trusted_root.json'];
    expect(seed).toBeDefined();
    expect(PUBLIC_GOOD_TRUSTED_ROOT).toEqual(JSON.parse(Buffer.from(seed!, 'base64').toString('utf8')));
  });

  it('parses, with Fulcio, Rekor, CT log and timestamp authority material usable offline', () => {
    const material = trustMaterialFrom(publicGoodTrustedRoot());
    expect(material.certificateAuthorities.length).toBeGreaterThan(0);
    expect(material.tlogs.length).toBeGreaterThan(0);
    expect(material.ctlogs.length).toBeGreaterThan(0);
    expect(material.timestampAuthorities.length).toBeGreaterThan(0);
  });
});

describe('trusted root validation', () => {
  it('rejects a log key whose validity window has no start (the conformance case)', () => {
    const root = JSON.parse(
      readFileSync(
        path.join(
          requireFixture('sigstore-conformance', 'bundle-verify', 'trust-root-tlog-missing-validity-start_fail'),
          'trusted_root.json',
        ),
        'utf8',
      ),
    );
    expect(codeOf(() => parseTrustedRoot(root))).toBe('TRUSTED_ROOT_INVALID');
  });

  const mutations: [string, (root: Record<string, unknown>) => void][] = [
    ['a tlog window with no start', (r) => delete entries(r, 'tlogs')[0]!.publicKey.validFor['start']],
    [
      'a ctlog window with an unreadable start',
      (r) => (entries(r, 'ctlogs')[0]!.publicKey.validFor['start'] = 'yesterday'),
    ],
    [
      'a tlog window that ends before it starts',
      (r) => (entries(r, 'tlogs')[0]!.publicKey.validFor['end'] = '2000-01-01T00:00:00Z'),
    ],
    ['a CA window with an unreadable end', (r) => (entries(r, 'certificateAuthorities')[0]!.validFor['end'] = 12)],
    [
      'a CA with no validity window',
      (r) => delete (entries(r, 'certificateAuthorities')[0] as Partial<Entry>).validFor,
    ],
    [
      'a timestamp authority window with a date but no time',
      (r) => (entries(r, 'timestampAuthorities')[0]!.validFor['start'] = '2025-07-04'),
    ],
    ['a missing media type', (r) => delete r['mediaType']],
    ['an unknown media type', (r) => (r['mediaType'] = 'application/vnd.dev.sigstore.trustedroot+json;version=9.9')],
    ['tlogs that are not a list', (r) => (r['tlogs'] = {})],
    [
      'a CA with no certificates',
      (r) =>
        ((entries(r, 'certificateAuthorities')[0] as unknown as Record<string, unknown>)['certChain'] = {
          certificates: [],
        }),
    ],
    [
      'a log key that is not base64',
      (r) => ((entries(r, 'tlogs')[0]!.publicKey as unknown as Record<string, unknown>)['rawBytes'] = '%%%'),
    ],
  ];
  for (const [what, mutate] of mutations) {
    it(`rejects ${what} as TRUSTED_ROOT_INVALID`, () => {
      const root = shipped();
      mutate(root);
      expect(codeOf(() => parseTrustedRoot(root))).toBe('TRUSTED_ROOT_INVALID');
    });
  }

  it('rejects a root whose certificate bytes are base64 but not a certificate, when turned into trust material', () => {
    const root = shipped();
    const ca = entries(root, 'certificateAuthorities')[0] as unknown as {
      certChain: { certificates: { rawBytes: string }[] };
    };
    ca.certChain.certificates[0]!.rawBytes = Buffer.from('not a certificate').toString('base64');
    expect(codeOf(() => trustMaterialFrom(parseTrustedRoot(root)))).toBe('TRUSTED_ROOT_INVALID');
  });

  it('accepts open-ended windows and an end equal to the start', () => {
    const root = shipped();
    const log = entries(root, 'tlogs')[0]!;
    log.publicKey.validFor['end'] = log.publicKey.validFor['start'];
    expect(() => parseTrustedRoot(root)).not.toThrow();
  });

  it('rejects input that is not an object', () => {
    for (const value of [null, 3, 'root', [], undefined])
      expect(codeOf(() => parseTrustedRoot(value))).toBe('TRUSTED_ROOT_INVALID');
  });
});
