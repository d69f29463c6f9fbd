// The messages between the model verifier client (main thread) and its worker thread.
import type { ModelVerificationReport } from '../../../../shared/contract/index.ts';
import type { ErrorInfo } from '../../../../shared/errors.ts';
import type { HashProgress } from '../hashing/hash-pool.ts';
import type { VerifyModelRequest } from './verify.ts';

/** Client → worker. */
export type ModelVerifyMessage = { type: 'verify'; jobId: number; request: VerifyModelRequest } | { type: 'cancel'; jobId: number };

/**
 * Worker → client: progress while a job runs, then exactly one of done or failed. A failure
 * that is not an AppError (a bug) carries its detail in `unexpected`, for the log: such
 * detail is never shown to the user as it stands.
 */
export type ModelVerifyReply =
  | { type: 'progress'; jobId: number; progress: HashProgress }
  | { type: 'done'; jobId: number; report: ModelVerificationReport }
  | { type: 'failed'; jobId: number; error: ErrorInfo; unexpected?: string };
