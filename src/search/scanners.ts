import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NativeMappedFile } from '../bytes/nativeAddon';
import type { CompiledQuery } from './compileQuery';
import type { RegexInput, RegexMessage } from './regexWorker';

/** A batch of matches: flat [offset, length, …] since the previous batch. */
export interface MatchBatch {
  scannedTo: number;
  count: number;
  matches: ArrayLike<number>;
}

export interface ScanRun {
  promise: Promise<MatchBatch & { cancelled: boolean }>;
  cancel(): void;
}

/** Scans [from, to) for `query`, matches starting at or after resumeAt, off the JS thread. */
export type RangeScanner = (from: number, to: number, resumeAt: number, onBatch: (batch: MatchBatch) => void) => ScanRun;

/** Literal and hex search through the native kernel (a worker on libuv's pool). */
export function nativeRangeScanner(file: NativeMappedFile, query: Extract<CompiledQuery, { kind: 'native' }>): RangeScanner {
  const toLengths = (flat: Float64Array) => {
    for (let i = 1; i < flat.length; i += 2) flat[i] = query.lengths[flat[i]];
    return flat;
  };
  return (from, to, resumeAt, onBatch) => {
    const job = file.search({ patterns: query.patterns, from, to, resumeAt }, (batch) => onBatch({ ...batch, matches: toLengths(batch.matches) }));
    return {
      promise: job.promise.then((r) => ({ ...r, matches: toLengths(r.matches) })),
      cancel: () => job.cancel(),
    };
  };
}

/** Regular expressions (and literals where the addon is missing) in a worker thread. */
export function regexRangeScanner(file: string, query: Extract<CompiledQuery, { kind: 'regex' }>, distDir: string): RangeScanner {
  return (from, to, resumeAt, onBatch) => {
    const cancelFlag = new SharedArrayBuffer(4);
    const input: RegexInput = { path: file, source: query.source, flags: query.flags, encoding: query.encoding, from, to, resumeAt, cancelFlag };
    const worker = new Worker(path.join(distDir, 'regex-worker.js'), { workerData: input });
    const promise = new Promise<MatchBatch & { cancelled: boolean }>((resolve, reject) => {
      worker.on('message', (message: RegexMessage) => {
        if (message.type === 'batch') onBatch(message);
        else if (message.type === 'done') resolve(message);
        else reject(Object.assign(new Error(message.message), { code: message.code }));
      });
      worker.once('error', reject);
      worker.once('exit', () => resolve({ scannedTo: from, count: 0, matches: [], cancelled: true }));
    });
    return {
      promise,
      cancel: () => {
        Atomics.store(new Int32Array(cancelFlag), 0, 1);
        setTimeout(() => void worker.terminate(), 200).unref?.();
      },
    };
  };
}
