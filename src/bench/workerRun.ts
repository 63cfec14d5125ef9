import type { BenchProgress, BenchReport } from '../../shared/benchReport';
import type { BenchMode } from '../../shared/types';
import { jobError, startWorkerJob, type WorkerJob } from '../core/workerJob';
import type { WorkerInput, WorkerMessage } from './worker';

/** A benchmark running in a worker thread, off the extension host's thread: cancel() asks the engine to stop (it polls between timed batches). */
export type WorkerRun = WorkerJob<BenchReport>;

export function startWorkerRun(file: string, mode: BenchMode, onProgress: (p: BenchProgress) => void): WorkerRun {
  return startWorkerJob<WorkerInput, WorkerMessage, BenchReport>({
    script: 'bench-worker.js',
    input: { path: file, mode },
    onMessage: (message) => {
      if (message.type === 'progress') return void onProgress(message.progress);
      return message.type === 'done' ? { result: message.report } : { error: jobError(message.message, 'EBENCH') };
    },
    onEarlyExit: (code) => ({ error: jobError(`the benchmark worker stopped (exit code ${code})`, 'ECANCELED') }),
  });
}
