import * as fs from 'node:fs';
import { openRegularFile, type DescriptorLease } from '../bytes/SharedDescriptor';
import { jobError, startWorkerJob } from '../core/workerJob';
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
export function startChecksum(file: string | DescriptorLease, start: number, end: number, onProgress?: (done: number) => void): ChecksumJob {
  let lease: DescriptorLease;
  try {
    lease = typeof file === 'string' ? ownLease(file) : file;
  } catch (error) {
    return { result: Promise.reject(error), cancel: () => undefined };
  }
  const job = startWorkerJob<ChecksumInput, ChecksumMessage, ChecksumResult | undefined>({
    script: 'checksum-worker.js',
    input: { fd: lease.fd, name: lease.path, start, end },
    onMessage: (message) => {
      if (message.type === 'progress') return void onProgress?.(message.done);
      if (message.type === 'done') return { result: { crc32: message.crc32, sha256: message.sha256, bytes: message.bytes, ms: message.ms, crcImplementation: message.crcImplementation } };
      if (message.type === 'cancelled') return { result: undefined };
      return { error: jobError(message.message, message.code) };
    },
    onEarlyExit: () => ({ result: undefined }), // terminated before it answered
    // The descriptor stays open until the worker thread is gone.
    onExit: () => lease.release(),
  });
  return { result: job.result, cancel: () => void job.cancel() };
}

function ownLease(path: string): DescriptorLease {
  const fd = openRegularFile(path);
  return { fd, path, release: () => fs.closeSync(fd) };
}
