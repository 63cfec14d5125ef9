import * as path from 'node:path';
import { Worker, type TransferListItem } from 'node:worker_threads';
import { extensionRoot } from '../bytes/nativeAddon';

/** dist/, where the worker bundles are (beside the extension bundle; tests find it from their own bundles). */
export const DIST_DIR = path.join(extensionRoot(), 'dist');

/** How a worker's message ends its job: with a result or an error (undefined: not yet, e.g. progress). */
export type JobOutcome<R> = { result: R } | { error: Error };

export interface WorkerJobSpec<I, M, R> {
  /** The bundle in dist/: 'regex-worker.js', 'checksum-worker.js', 'bench-worker.js'. */
  script: string;
  /** workerData, less the cancel flag the launcher adds. */
  input: Omit<I, 'cancelFlag'>;
  onMessage(message: M): JobOutcome<R> | undefined;
  /** The outcome when the thread exits without one (it was cancelled, or terminated). */
  onEarlyExit(exitCode: number): JobOutcome<R>;
  /** Runs once the thread is gone (e.g. releases the descriptor lease it read). */
  onExit?(): void;
}

/** A job running in a worker thread, off the extension host's thread. */
export interface WorkerJob<R> {
  readonly result: Promise<R>;
  readonly threadId: number;
  /**
   * The one cancel rule: raise the flag the worker polls (it answers with what
   * it has, or stops); if its thread has not exited within `graceMs`,
   * terminate it. Resolves once the thread is gone.
   */
  cancel(graceMs?: number): Promise<void>;
  /** Sends the worker a message (a job fed while it runs, e.g. the regex prefilter's candidates); dropped once it exited. */
  post(message: unknown, transfer?: readonly TransferListItem[]): void;
}

/** Cancel's default grace: a polling worker stops well within it, a stuck one is terminated. */
export const CANCEL_GRACE_MS = 800;

/**
 * Starts dist/<script> with `input` and a cancel flag (an Int32 in a
 * SharedArrayBuffer the worker polls). The first outcome settles `result`;
 * the thread is terminated after it. An 'error' event rejects.
 */
export function startWorkerJob<I extends { cancelFlag: SharedArrayBuffer }, M, R>(spec: WorkerJobSpec<I, M, R>): WorkerJob<R> {
  const cancelFlag = new SharedArrayBuffer(4);
  const worker = new Worker(path.join(DIST_DIR, spec.script), { workerData: { ...spec.input, cancelFlag } });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      exited = true;
      spec.onExit?.();
      resolve();
    }),
  );
  let settled = false;
  const result = new Promise<R>((resolve, reject) => {
    const settle = (outcome: JobOutcome<R>) => {
      if (settled) return;
      settled = true;
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.result);
      if (!exited) void worker.terminate();
    };
    worker.on('message', (message: M) => {
      const outcome = spec.onMessage(message);
      if (outcome) settle(outcome);
    });
    worker.once('error', (error) => settle({ error }));
    worker.once('exit', (code) => settle(spec.onEarlyExit(code)));
  });
  result.catch(() => undefined); // the caller handles it; never an unhandled rejection
  return {
    result,
    threadId: worker.threadId,
    async cancel(graceMs = CANCEL_GRACE_MS) {
      Atomics.store(new Int32Array(cancelFlag), 0, 1);
      if (!exited) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)));
        if (await Promise.race([exit.then(() => false), late])) await worker.terminate();
        clearTimeout(timer);
      }
      await exit;
    },
    post(message, transfer) {
      if (!exited) worker.postMessage(message, transfer);
    },
  };
}

/** An Error with a code, from a worker's error message. */
export function jobError(message: string, code: string | undefined): Error {
  return Object.assign(new Error(message), { code });
}
