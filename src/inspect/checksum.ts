import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { openRegularFile, type DescriptorLease } from '../bytes/SharedDescriptor';
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
 * Runs dist/checksum-worker.js over [start, end) of `file`: a lease on the
 * document's descriptor (the bytes the view shows, whatever happens to the
 * path), or a path, opened here without blocking and closed after. No vscode
 * here: the command wraps it in a progress notification, the native test and
 * the benchmark call it directly. Resolves undefined when cancelled; rejects
 * with ETRUNCATED when the file shrank under it (never a result for fewer
 * bytes than asked).
 */
export function startChecksum(distDir: string, file: string | DescriptorLease, start: number, end: number, onProgress?: (done: number) => void): ChecksumJob {
  let lease: DescriptorLease;
  try {
    lease = typeof file === 'string' ? ownLease(file) : file;
  } catch (error) {
    return { result: Promise.reject(error), cancel: () => undefined };
  }
  const cancelFlag = new SharedArrayBuffer(4);
  const input: ChecksumInput = { fd: lease.fd, name: lease.path, start, end, cancelFlag };
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
  // The descriptor stays open until the worker thread is gone.
  worker.once('exit', () => lease.release());
  return {
    result,
    cancel: () => Atomics.store(new Int32Array(cancelFlag), 0, 1),
  };
}

function ownLease(path: string): DescriptorLease {
  const fd = openRegularFile(path);
  return { fd, path, release: () => fs.closeSync(fd) };
}
