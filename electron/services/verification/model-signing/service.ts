// The model verification service the contract exposes: runs verifications as jobs with
// ids, forwards their progress, cancels them, and owns the verifier: by default a worker
// thread that runs each verification whole (signature check, listing, hashing, comparison),
// so the caller's event loop only relays progress and the final report.
import type { ModelVerificationReport, VerificationProgress, VerifyModelInput } from '../../../../shared/contract/index.ts';
import { AppError } from '../../../../shared/errors.ts';
import { readTrustedRootFile } from '../sigstore/trusted-root-file.ts';
import type { ModelVerifier } from './model-verifier.ts';
import { ModelVerifierWorker } from './model-verifier-worker.ts';
import { checkInputPath } from './verify.ts';

export interface ModelVerificationServiceDeps {
  /** Receives each job's progress, throttled (about ten events a second at most). */
  emitProgress: (progress: VerificationProgress) => void;
  /**
   * Runs the verifications; defaults to a {@link ModelVerifierWorker}. The service owns it:
   * dispose() disposes it.
   */
  verifier?: ModelVerifier;
  /**
   * The Sigstore trusted root to verify against, read at the start of each job (it can be
   * refreshed while the app runs); undefined means the shipped public-good root.
   */
  trustedRoot?: () => unknown;
}

export interface ModelVerificationService {
  /**
   * Verifies a model. A model that does not verify is a report with `verified: false`.
   * The report is meant for the renderer: it carries no digest computed from the files
   * (see redactForRenderer below). Throws AppError INVALID_INPUT / NOT_FOUND for bad
   * paths, CONFLICT when `jobId` is already running, CANCELLED when cancelled.
   */
  verifyModel(input: VerifyModelInput): Promise<ModelVerificationReport>;
  /** Cancels a running job; `cancelled` is false when no such job runs. */
  cancel(input: { jobId: string }): Promise<{ cancelled: boolean }>;
  /** Cancels every job and stops the worker threads. */
  dispose(): Promise<void>;
}

/** Creates the service. No worker thread starts until the first verification. */
export function createModelVerificationService(deps: ModelVerificationServiceDeps): ModelVerificationService {
  const jobs = new Map<string, AbortController>();
  let verifier: ModelVerifier | null = deps.verifier ?? null;
  let disposed = false;

  return {
    async verifyModel(input) {
      if (disposed) throw new AppError('NOT_AVAILABLE', 'The verification service has stopped.');
      if (jobs.has(input.jobId)) throw new AppError('CONFLICT', `A verification with id ${input.jobId} is already running.`);
      if (input.trustedRootPath !== undefined) checkInputPath(input.trustedRootPath, 'trusted root path');
      const trustedRoot =
        input.trustedRootPath === undefined ? deps.trustedRoot?.() : await readTrustedRootFile(input.trustedRootPath);
      const controller = new AbortController();
      jobs.set(input.jobId, controller);
      try {
        // Checked again after the await above: a job that outlives dispose() must not start a
        // verifier nobody will stop.
        if (disposed) throw new AppError('CANCELLED', 'The verification service has stopped.');
        verifier ??= new ModelVerifierWorker();
        const report = await verifier.verify(
          {
            modelPath: input.modelPath,
            signaturePath: input.signaturePath,
            policy: input.policy,
            ignorePaths: input.ignorePaths,
            trustedRoot,
          },
          {
            signal: controller.signal,
            onProgress: (p) => deps.emitProgress({ jobId: input.jobId, ...p }),
          },
        );
        return redactForRenderer(report);
      } catch (error) {
        if (controller.signal.aborted) throw new AppError('CANCELLED', 'The verification was cancelled.', { cause: error });
        throw error;
      } finally {
        jobs.delete(input.jobId);
      }
    },
    async cancel({ jobId }) {
      const controller = jobs.get(jobId);
      if (!controller) return { cancelled: false };
      controller.abort();
      return { cancelled: true };
    },
    async dispose() {
      disposed = true;
      for (const controller of jobs.values()) controller.abort();
      jobs.clear();
      await verifier?.dispose();
      verifier = null;
    },
  };
}

// ---- SECURITY: what the renderer may learn from a report --------------------------------
// The renderer is untrusted and picks every input, a public key of its own included, so it
// can sign any statement it likes about any path. Digests we computed would let it read
// files it cannot open (the digest of a small file or shard gives its content away), so the
// report it gets has verdicts and reasons only. A modified file keeps its size, which the
// reason states anyway. (The CLI's report stays complete: its user can read the files.)
/** The report with every computed digest removed, and sizes kept for modified files only. */
function redactForRenderer(report: ModelVerificationReport): ModelVerificationReport {
  return {
    ...report,
    files: report.files.map((f) => ({ ...f, actualDigest: null, size: f.status === 'modified' ? f.size : null })),
  };
}
