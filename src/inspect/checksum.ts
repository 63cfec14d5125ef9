import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChecksumInput, ChecksumMessage } from './checksumWorker';

export interface ChecksumResult {
  crc32: string;
  sha256: string;
  bytes: number;
  ms: number;
  crcImplementation: string;
}

export interface ChecksumJob {
  readonly result: Promise<ChecksumResult | undefined>;
  /** Stops the worker; `result` resolves with undefined. */
  cancel(): void;
}

/**
 * Runs dist/checksum-worker.js over [start, end) of `file`. No vscode here:
 * the command wraps it in a progress notification, the native test and the
 * benchmark call it directly. Resolves undefined when cancelled.
 */
export function startChecksum(distDir: string, file: string, start: number, end: number, onProgress?: (done: number) => void): ChecksumJob {
  const cancelFlag = new SharedArrayBuffer(4);
  const input: ChecksumInput = { path: file, start, end, cancelFlag };
  const worker = new Worker(path.join(distDir, 'checksum-worker.js'), { workerData: input });
  let settled = false;
  const result = new Promise<ChecksumResult | undefined>((resolve, reject) => {
    worker.on('message', (message: ChecksumMessage) => {
      if (message.type === 'progress') return onProgress?.(message.done);
      settled = true;
      if (message.type === 'done') resolve({ crc32: message.crc32, sha256: message.sha256, bytes: message.bytes, ms: message.ms, crcImplementation: message.crcImplementation });
      else if (message.type === 'cancelled') resolve(undefined);
      else reject(Object.assign(new Error(message.message), { code: message.code }));
      void worker.terminate();
    });
    worker.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.on('exit', () => {
      if (!settled) resolve(undefined); // terminated before it answered
      settled = true;
    });
  });
  return {
    result,
    cancel: () => Atomics.store(new Int32Array(cancelFlag), 0, 1),
  };
}
