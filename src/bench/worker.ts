import * as fs from 'node:fs';
import * as os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { chooseBackend } from '../bytes/openByteSource';
import { runBenchmark } from './engine';
import type { BenchProgress, BenchReport } from '../../shared/benchReport';
import type { BenchMode } from '../../shared/types';

/** Messages from the benchmark worker to the extension host. */
export type WorkerMessage = { type: 'progress'; progress: BenchProgress } | { type: 'done'; report: BenchReport } | { type: 'failed'; message: string };

export interface WorkerInput {
  path: string;
  mode: BenchMode;
  /** One Int32 the host sets to 1 to cancel; the engine polls it between batches. */
  cancelFlag: SharedArrayBuffer;
}

/** Runs the engine off the extension host's thread and posts progress and the report. */
function main(input: WorkerInput): void {
  const port = parentPort!;
  yieldToTheHost();
  const flag = new Int32Array(input.cancelFlag);
  const { addon, reason } = chooseBackend();
  let mapped;
  try {
    mapped = addon?.open(input.path);
  } catch (error) {
    port.postMessage({ type: 'failed', message: (error as Error).message } satisfies WorkerMessage);
    return;
  }
  const report = runBenchmark(input.path, {
    mode: input.mode,
    mapped,
    mappedUnavailable: reason,
    isCancelled: () => Atomics.load(flag, 0) !== 0,
    onProgress: (progress) => port.postMessage({ type: 'progress', progress } satisfies WorkerMessage),
  });
  mapped?.close();
  port.postMessage({ type: 'done', report } satisfies WorkerMessage);
}

/**
 * Lowers this thread's scheduling priority (Linux: setpriority on the thread
 * id), so on a busy 2-core machine the extension host's thread wins the CPU
 * over the benchmark's busy loop. On an idle machine the numbers are the same.
 */
function yieldToTheHost(): void {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isSafeInteger(tid) && tid > 0) os.setPriority(tid, 10);
  } catch {
    // not Linux: the worker keeps the process's priority
  }
}

if (parentPort) main(workerData as WorkerInput);
