import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../../../../electron/services/verification/sigstore/parse-bundle.ts';
import { checkProofsMatchCheckpoints } from '../../../../../../electron/services/verification/sigstore/tlog-consistency.ts';
import { verifyBundle } from '../../../../../../electron/services/verification/sigstore/index.ts';
import { codeOf } from '../../../../../support/error-code.ts';
import { requireFixture } from '../../../../../support/peers.ts';

const base = requireFixture('sigstore-conformance', 'bundle-verify');
const happy = () => JSON.parse(readFileSync(path.join(base, 'happy-path-v0.3', 'bundle.sigstore.json'), 'utf8'));

describe('inclusion proofs agree with their signed checkpoints', () => {
  it('accepts a real bundle', () => {
    expect(codeOf(() => checkProofsMatchCheckpoints(parseBundle(happy()).bundle))).toBeUndefined();
  });

  it('rejects a proof whose root hash differs from the checkpoint (sigstore-js alone would accept it)', async () => {
    const b = happy();
    b.verificationMaterial.tlogEntries[0].inclusionProof.rootHash = Buffer.alloc(32, 7).toString('base64');
    expect(codeOf(() => checkProofsMatchCheckpoints(parseBundle(b).bundle))).toBe('TLOG_INVALID');
    const a = readFileSync(path.join(base, 'a.txt'));
    const policy = {
      signer: {
        mode: 'identity' as const,
        identity:
          'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main',
        issuer: 'https://token.actions.githubusercontent.com',
      },
    };
    await expect(verifyBundle(b, { kind: 'bytes', data: a }, policy)).rejects.toMatchObject({ code: 'TLOG_INVALID' });
  });

  it('rejects a proof whose tree size differs from the checkpoint, or is not a number', () => {
    const b = happy();
    const proof = b.verificationMaterial.tlogEntries[0].inclusionProof;
    proof.treeSize = String(BigInt(proof.treeSize) + 1n);
    expect(codeOf(() => checkProofsMatchCheckpoints(parseBundle(b).bundle))).toBe('TLOG_INVALID');
    proof.treeSize = 'many';
    expect(codeOf(() => checkProofsMatchCheckpoints(parseBundle(b).bundle))).toBe('TLOG_INVALID');
  });
});
