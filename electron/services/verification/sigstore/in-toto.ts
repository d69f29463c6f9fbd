// ========================================================================================
// SECURITY: binds a verified DSSE envelope to the artifact the user asked about.
// A valid signature over an in-toto statement says nothing about OUR file unless one of
// the statement's subjects carries our file's digest. For other payload types the payload
// itself is the artifact.
// ========================================================================================
import crypto from 'node:crypto';
import type { ArtifactInput } from './types.ts';
import { fail } from './verification-errors.ts';

/** The DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

const MAX_SUBJECTS = 100_000;
const HASHES: Record<string, string> = { sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

interface Subject {
  digest: Record<string, string>;
}

function readSubjects(payload: Uint8Array): Subject[] {
  let statement: unknown;
  try {
    statement = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch (error) {
    throw fail('BUNDLE_MALFORMED', 'The signed statement is not valid in-toto JSON.', error);
  }
  const subjects =
    typeof statement === 'object' && statement !== null ? (statement as { subject?: unknown }).subject : undefined;
  if (!Array.isArray(subjects) || subjects.length === 0) {
    throw fail('BUNDLE_MALFORMED', 'The signed in-toto statement names no subject.');
  }
  if (subjects.length > MAX_SUBJECTS) {
    throw fail('BUNDLE_MALFORMED', `The signed in-toto statement names more than ${MAX_SUBJECTS} subjects.`);
  }
  return subjects.map((s: unknown) => {
    const digest = typeof s === 'object' && s !== null ? (s as { digest?: unknown }).digest : undefined;
    if (typeof digest !== 'object' || digest === null) return { digest: {} };
    const clean: Record<string, string> = {};
    for (const [alg, value] of Object.entries(digest)) if (typeof value === 'string') clean[alg] = value.toLowerCase();
    return { digest: clean };
  });
}

function artifactDigest(artifact: ArtifactInput, algorithm: string): string | null {
  if (artifact.kind === 'bytes') {
    const hash = HASHES[algorithm];
    return hash ? crypto.createHash(hash).update(artifact.data).digest('hex') : null;
  }
  if (artifact.kind === 'digest' && algorithm === artifact.algorithm)
    return Buffer.from(artifact.digest).toString('hex');
  return null;
}

/**
 * Throws ARTIFACT_MISMATCH unless the (already verified) DSSE payload covers `artifact`:
 * an in-toto statement must list a subject with the artifact's digest; any other payload
 * must be the artifact itself. Does nothing for `{kind: 'dsse-payload'}`, whose caller
 * checks the payload. Throws BUNDLE_MALFORMED for an in-toto payload that is not a statement.
 */
export function checkDssePayloadCoversArtifact(
  payloadType: string,
  payload: Uint8Array,
  artifact: ArtifactInput,
): void {
  if (artifact.kind === 'dsse-payload') return;
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    const matches =
      artifact.kind === 'bytes'
        ? Buffer.from(payload).equals(Buffer.from(artifact.data))
        : artifactDigest({ kind: 'bytes', data: payload }, artifact.algorithm) ===
          Buffer.from(artifact.digest).toString('hex');
    if (!matches)
      throw fail(
        'ARTIFACT_MISMATCH',
        'The signed content is not this artifact: the file differs from what was signed.',
      );
    return;
  }
  const subjects = readSubjects(payload);
  const computed = new Map<string, string | null>();
  for (const subject of subjects) {
    for (const [alg, value] of Object.entries(subject.digest)) {
      if (!computed.has(alg)) computed.set(alg, artifactDigest(artifact, alg));
      if (computed.get(alg) === value) return;
    }
  }
  throw fail(
    'ARTIFACT_MISMATCH',
    "The artifact's digest is not among the subjects of the signed statement: the file differs from what was signed.",
  );
}
