// Hostile input: truncated, mutated and oversized bundles, and values of the wrong type.
// Each must end in an AppError with a verification code (or, for a harmless mutation such
// as an unauthenticated label, a verification); none may crash with another error or hang.
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isAppError } from '../../../../../../shared/errors.ts';
import {
  verifyBundle,
  type ArtifactInput,
  type BundlePolicy,
} from '../../../../../../electron/services/verification/sigstore/index.ts';
import { requireFixture } from '../../../../../support/peers.ts';
import { pick, prng } from './support/prng.ts';

// The verification codes are the run of ERROR_CODES from BUNDLE_MALFORMED to ARTIFACT_MISMATCH;
// a test below pins that run at ten, so a code added inside it cannot widen what passes here.
const VERIFICATION_CODES = ERROR_CODES.slice(
  ERROR_CODES.indexOf('BUNDLE_MALFORMED'),
  ERROR_CODES.indexOf('ARTIFACT_MISMATCH') + 1,
);
const CODES = new Set<string>(VERIFICATION_CODES);
const PER_CASE_MS = 2_000;
const BEACON =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const GITHUB = 'https://token.actions.githubusercontent.com';

interface Base {
  name: string;
  text: string;
  artifact: ArtifactInput;
  policy: BundlePolicy;
}

function bases(): Base[] {
  const conf = requireFixture('sigstore-conformance', 'bundle-verify');
  const ms = requireFixture('model-signing');
  const a: ArtifactInput = { kind: 'bytes', data: readFileSync(path.join(conf, 'a.txt')) };
  const read = (...p: string[]) => readFileSync(path.join(...p), 'utf8');
  const identity: BundlePolicy = { signer: { mode: 'identity', identity: BEACON, issuer: GITHUB } };
  return [
    {
      name: 'keyless v0.1',
      text: read(conf, 'happy-path-v0.1', 'bundle.sigstore.json'),
      artifact: a,
      policy: identity,
    },
    {
      name: 'keyless v0.3',
      text: read(conf, 'happy-path-v0.3', 'bundle.sigstore.json'),
      artifact: a,
      policy: identity,
    },
    {
      name: 'keyless rekor v2 dsse',
      text: read(conf, 'rekor2-dsse-happy-path', 'bundle.sigstore.json'),
      artifact: a,
      policy: { ...identity, trustedRoot: JSON.parse(read(conf, 'rekor2-dsse-happy-path', 'trusted_root.json')) },
    },
    {
      name: 'managed key',
      text: read(conf, 'managed-key-happy-path', 'bundle.sigstore.json'),
      artifact: a,
      policy: { signer: { mode: 'public-key', publicKeyPem: read(conf, 'managed-key-happy-path', 'key.pub') } },
    },
    {
      name: 'model_signing certificate',
      text: read(ms, 'v1.1.0-certificate', 'model.sig'),
      artifact: { kind: 'dsse-payload' },
      policy: { signer: { mode: 'ca-chain', caChainPem: read(ms, 'keys', 'ca-cert.pem') } },
    },
    {
      name: 'model_signing P-384 key',
      text: read(ms, 'v0.3.1-elliptic-key', 'model.sig'),
      artifact: { kind: 'dsse-payload' },
      policy: { signer: { mode: 'public-key', publicKeyPem: read(ms, 'keys', 'signing-key-pub.pem') } },
    },
  ];
}

type Outcome = 'verified' | string;

async function outcome(bundle: unknown, base: Base): Promise<Outcome> {
  const started = performance.now();
  let result: Outcome;
  try {
    await verifyBundle(bundle, base.artifact, base.policy);
    result = 'verified';
  } catch (error) {
    if (!isAppError(error)) throw new Error(`non-AppError escaped (${base.name}): ${String(error)}`, { cause: error });
    if (!CODES.has(error.code))
      throw new Error(`unexpected code ${error.code} (${base.name}): ${error.message}`, { cause: error });
    result = error.code;
  }
  const elapsed = performance.now() - started;
  if (elapsed > PER_CASE_MS) throw new Error(`verification took ${Math.round(elapsed)} ms (${base.name})`);
  return result;
}

// Every path to a leaf or node of a JSON value, bounded.
function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  if (out.length > 5000) return out;
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function setAt(root: unknown, at: (string | number)[], replace: (old: unknown) => unknown): unknown {
  if (at.length === 0) return replace(root);
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  const next = replace(node[last]);
  if (next === DELETE) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = next;
  return copy;
}
const DELETE = Symbol('delete');

const WRONG_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  '',
  'x',
  [],
  {},
  [[]],
  { rawBytes: 5 },
  '\u0000',
  'A'.repeat(100_000),
];

function mutate(rand: () => number, json: unknown): unknown {
  const all = paths(json);
  const at = all[pick(rand, all.length)]!;
  switch (pick(rand, 5)) {
    case 0:
      return setAt(json, at, () => DELETE);
    case 1:
      return setAt(json, at, () => WRONG_VALUES[pick(rand, WRONG_VALUES.length)]);
    case 2:
      // Corrupt one byte inside a base64 value, so the decoded DER, signature or body is damaged.
      return setAt(json, at, (old) => {
        if (typeof old !== 'string' || old.length < 4) return old;
        const raw = Buffer.from(old, 'base64');
        if (raw.length === 0) return `${old}!`;
        const i = pick(rand, raw.length);
        raw[i] = (raw[i] ?? 0) ^ (1 + pick(rand, 255));
        return raw.toString('base64');
      });
    case 3:
      return setAt(json, at, (old) =>
        Array.isArray(old) ? [...old, ...old] : typeof old === 'string' ? old + old : old,
      );
    default:
      return setAt(json, at, (old) => (typeof old === 'string' ? old.slice(0, pick(rand, old.length)) : String(old)));
  }
}

describe('malformed and hostile bundles', () => {
  const all = bases();

  it('accepts only the ten verification codes as a rejection', () => {
    expect(VERIFICATION_CODES).toHaveLength(10);
    expect(VERIFICATION_CODES[0]).toBe('BUNDLE_MALFORMED');
    expect(VERIFICATION_CODES.at(-1)).toBe('ARTIFACT_MISMATCH');
    for (const other of ['INVALID_INPUT', 'INTERNAL', 'CANCELLED', 'MODEL_SIGNATURE_MALFORMED', 'MODEL_FILES_MISMATCH'])
      expect(CODES.has(other)).toBe(false);
  });

  it('every base bundle verifies unchanged (so mutations start from a valid bundle)', async () => {
    for (const base of all) expect(await outcome(base.text, base)).toBe('verified');
  });

  it('3000 seeded mutations each end in a verification result or an AppError, fast', async () => {
    const seed = 0xc0ffee;
    const rand = prng(seed);
    const counts = new Map<string, number>();
    const perBase = 500;
    for (const base of all) {
      const json = JSON.parse(base.text) as unknown;
      for (let i = 0; i < perBase; i++) {
        const kind = pick(rand, 3);
        let input: unknown;
        if (kind === 0)
          input = base.text.slice(0, pick(rand, base.text.length)); // truncated text
        else if (kind === 1) {
          const at = pick(rand, base.text.length);
          input = base.text.slice(0, at) + String.fromCharCode(32 + pick(rand, 95)) + base.text.slice(at + 1); // one character changed
        } else input = mutate(rand, json);
        let result: Outcome;
        try {
          result = await outcome(input, base);
        } catch (error) {
          throw new Error(`seed ${seed}, base "${base.name}", case ${i}: ${(error as Error).message}`, {
            cause: error,
          });
        }
        counts.set(result, (counts.get(result) ?? 0) + 1);
      }
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(perBase * all.length);
    // Most mutations must be caught; the rest hit unauthenticated labels (hints, key IDs, whitespace).
    expect(counts.get('verified') ?? 0).toBeLessThan(total * 0.2);
    expect(counts.get('BUNDLE_MALFORMED')).toBeGreaterThan(100);
  }, 90_000);

  it('values of the wrong type at the top level are BUNDLE_MALFORMED', async () => {
    const base = all[1]!;
    for (const value of [
      null,
      undefined,
      42,
      true,
      [],
      '',
      'not json',
      new Uint8Array([0xff, 0xfe]),
      () => 1,
      Symbol('x'),
      10n,
    ]) {
      expect(await outcome(value, base)).toBe('BUNDLE_MALFORMED');
    }
  });

  it('giant fields are refused or rejected quickly', async () => {
    const [, v03, , managed, certificate] = all;
    const json = JSON.parse(v03!.text);
    // Reaching into arbitrary bundle JSON by path; the shapes are the fixtures', not a type's.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const giant = (mutator: (b: Record<string, any>) => void, base = v03!) => {
      const copy = structuredClone(JSON.parse(base.text));
      mutator(copy);
      return copy;
    };
    const entry = json.verificationMaterial.tlogEntries[0];
    const cases: [string, unknown, Base][] = [
      ['a 5 MB media type', giant((b) => (b.mediaType = 'm'.repeat(5_000_000))), v03!],
      ['10,000 log entries', giant((b) => (b.verificationMaterial.tlogEntries = Array(10_000).fill(entry))), v03!],
      [
        '200,000 inclusion proof hashes',
        giant(
          (b) =>
            (b.verificationMaterial.tlogEntries[0].inclusionProof.hashes = Array(200_000).fill(
              entry.inclusionProof.hashes[0],
            )),
        ),
        v03!,
      ],
      [
        'a 1 MB canonicalized body',
        giant(
          (b) =>
            (b.verificationMaterial.tlogEntries[0].canonicalizedBody = Buffer.alloc(1_000_000, 0x7b).toString(
              'base64',
            )),
        ),
        v03!,
      ],
      [
        'a 20 MB DSSE payload',
        giant((b) => (b.dsseEnvelope.payload = Buffer.alloc(20_000_000, 0x41).toString('base64')), certificate!),
        certificate!,
      ],
      [
        '1,000 chain certificates',
        giant(
          (b) =>
            (b.verificationMaterial.x509CertificateChain.certificates = Array(1000).fill(
              b.verificationMaterial.x509CertificateChain.certificates[0],
            )),
          certificate!,
        ),
        certificate!,
      ],
      [
        '50 RFC 3161 timestamps',
        giant(
          (b) =>
            (b.verificationMaterial.timestampVerificationData.rfc3161Timestamps = Array(50).fill(
              b.verificationMaterial.timestampVerificationData.rfc3161Timestamps[0],
            )),
          managed!,
        ),
        managed!,
      ],
      [
        'a 2 MB certificate',
        giant((b) => (b.verificationMaterial.certificate.rawBytes = crypto.randomBytes(2_000_000).toString('base64'))),
        v03!,
      ],
      ['nesting 100,000 deep', `{"mediaType":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, v03!],
      ['text over the 64 MiB limit', ' '.repeat(64 * 1024 * 1024 + 1), v03!],
    ];
    for (const [what, bundle, base] of cases) {
      const result = await outcome(bundle, base);
      expect(result, what).not.toBe('verified');
    }
  }, 60_000);
});
