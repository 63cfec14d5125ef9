import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BenchProgress, BenchReport } from '../../shared/benchReport';
import type { BenchMode } from '../../shared/types';
import type { WorkerInput, WorkerMessage } from './worker';

/** A benchmark running in a worker thread, off the extension host's thread. */
export interface WorkerRun {
  readonly done: Promise<BenchReport>;
  /** Asks the engine to stop (it polls between timed batches); terminates the worker if it has not stopped within `graceMs`. */
  cancel(graceMs?: number): Promise<void>;
  readonly threadId: number;
}

export function startWorkerRun(file: string, mode: BenchMode, onProgress: (p: BenchProgress) => void, distDir: string): WorkerRun {
  const cancelFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelFlag);
  const input: WorkerInput = { path: file, mode, cancelFlag };
  const worker = new Worker(path.join(distDir, 'bench-worker.js'), { workerData: input });
  let exited = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => ((exited = true), resolve())));
  const done = new Promise<BenchReport>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'done') resolve(message.report);
      else reject(Object.assign(new Error(message.message), { code: 'EBENCH' }));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(Object.assign(new Error(`the benchmark worker stopped (exit code ${code})`), { code: 'ECANCELED' })));
  });
  done.catch(() => undefined);
  return {
    done,
    threadId: worker.threadId,
    async cancel(graceMs = 800) {
      Atomics.store(flag, 0, 1);
      const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs));
      if ((await Promise.race([exit, timer])) === 'late' && !exited) await worker.terminate();
      await exit;
    },
  };
}
