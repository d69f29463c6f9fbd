// ========================================================================================
// SECURITY: an inclusion proof must describe the tree its checkpoint signs.
// sigstore-js checks the proof against the checkpoint's (signed) size and root hash and
// ignores the proof's own `treeSize` and `rootHash` fields, so a bundle could carry any
// values there and still verify. We refuse such inconsistent bundles: what a bundle states
// should be what was checked, for anyone who reads it later.
// ========================================================================================
import type { Bundle } from '@sigstore/bundle';
import { fail } from './verification-errors.ts';

function inconsistent(i: number, what: string): never {
  throw fail(
    'TLOG_INVALID',
    `Transparency log entry ${i} is inconsistent: its inclusion proof's ${what} differs from the signed checkpoint.`,
  );
}

/** Throws TLOG_INVALID when a proof's tree size or root hash contradicts its checkpoint. */
export function checkProofsMatchCheckpoints(bundle: Bundle): void {
  bundle.verificationMaterial.tlogEntries.forEach((entry, i) => {
    const proof = entry.inclusionProof;
    const envelope = proof?.checkpoint?.envelope;
    if (!proof || envelope === undefined) return;
    // Checkpoint body: origin, tree size, base64 root hash, then optional lines.
    const [, size, root] = envelope.split('\n', 3);
    if (size === undefined || root === undefined) return; // unparseable: sigstore-js rejects it
    let sameSize: boolean;
    try {
      sameSize = BigInt(size) === BigInt(proof.treeSize);
    } catch {
      sameSize = false;
    }
    if (!sameSize) inconsistent(i, 'tree size');
    if (!Buffer.from(root, 'base64').equals(Buffer.from(proof.rootHash))) inconsistent(i, 'root hash');
  });
}
