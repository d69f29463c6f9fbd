// The messages between the bundle verifier client (bundle-verifier-worker.ts) and its
// worker thread (electron/workers/bundle-worker.ts). Everything crosses by structured
// clone, so errors travel as plain `{ code, message }` values and are rebuilt as AppError.
import type { ErrorInfo } from '../../../../shared/errors.ts';
import type { ArtifactInput, BundlePolicy, BundleVerificationResult } from './types.ts';

/** One verification to run: the arguments of `verifyBundle`. */
export interface BundleTaskMessage {
  type: 'verify';
  taskId: number;
  bundle: unknown;
  artifact: ArtifactInput;
  policy: BundlePolicy;
}

/** The worker's answer. `threadId` says which thread ran the verification. */
export type BundleTaskReply =
  | { type: 'done'; taskId: number; threadId: number; result: BundleVerificationResult }
  | { type: 'failed'; taskId: number; threadId: number; error: ErrorInfo };
