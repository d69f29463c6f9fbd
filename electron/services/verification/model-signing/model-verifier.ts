// What runs one model verification for the service: the whole of verifyModelSignature
// (signature, listing, hashing, comparison) behind one interface, so the service can run it
// in a worker thread (model-verifier-worker.ts, what the app does) or in the caller's
// thread (tests with a stand-in signature check; the worker itself).
import type { ModelVerificationReport } from '../../../../shared/contract/index.ts';
import { HashPool } from '../hashing/hash-pool.ts';
import type { VerifyBundle, VerifyModelOptions, VerifyModelRequest } from './verify.ts';
import { verifyModelSignature } from './verify.ts';

/** Runs model verifications; see verifyModelSignature for results and errors. */
export interface ModelVerifier {
  verify(request: VerifyModelRequest, options?: VerifyModelOptions): Promise<ModelVerificationReport>;
  /** Stops whatever threads the verifier started; running verifications reject with CANCELLED. */
  dispose(): Promise<void>;
}

export interface InThreadModelVerifierDeps {
  verifyBundle: VerifyBundle;
  /** A shared pool; when absent one is started on first use and stopped by dispose(). */
  pool?: HashPool;
  /** Clock in milliseconds (default Date.now). */
  now?: () => number;
}

/** A verifier that orchestrates in the calling thread; the hashing still runs in a pool. */
export function createInThreadModelVerifier(deps: InThreadModelVerifierDeps): ModelVerifier {
  let ownPool: HashPool | null = null;
  const now = deps.now ?? (() => Date.now());
  return {
    verify: (request, options) =>
      verifyModelSignature({ verifyBundle: deps.verifyBundle, pool: deps.pool ?? (ownPool ??= new HashPool()), now }, request, options),
    async dispose() {
      await ownPool?.dispose();
      ownPool = null;
    },
  };
}
