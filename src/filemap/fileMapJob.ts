import type { NativeMappedFile } from '../bytes/nativeAddon';
import type { DescriptorLease } from '../bytes/SharedDescriptor';
import { jobError, startWorkerJob } from '../core/workerJob';
import type { FileMapInput, FileMapMessage } from './fileMapWorker';

/** Finished buckets in offset order: MAP_FIELDS numbers per bucket from `firstBucket`. */
export type OnBuckets = (firstBucket: number, values: Float64Array, scannedTo: number) => void;

export interface FileMapJob {
  /** Resolves when the map is complete (or cancelled); every bucket went to onBuckets before. */
  readonly result: Promise<{ cancelled: boolean }>;
  cancel(): void;
}

/** Where the bytes come from: the addon's mapped file, or a descriptor lease for the worker (pread). */
export interface MapSource {
  nativeFile?: NativeMappedFile;
  lendDescriptor(): DescriptorLease;
}

/**
 * The map of [0, size) in buckets of `bucketSize` bytes, off the JS thread:
 * the native kernel (holes never read) when the addon is there, else
 * dist/filemap-worker.js over the document's descriptor.
 */
export function startFileMap(source: MapSource, size: number, bucketSize: number, onBuckets: OnBuckets): FileMapJob {
  const native = source.nativeFile;
  if (native) {
    const job = native.fileMap({ bucketSize, to: size }, (batch) => onBuckets(batch.firstBucket, batch.buckets, batch.scannedTo));
    const result = job.promise.then((last) => {
      onBuckets(last.firstBucket, last.buckets, last.scannedTo);
      return { cancelled: last.cancelled };
    });
    return { result, cancel: () => job.cancel() };
  }
  let lease: DescriptorLease;
  try {
    lease = source.lendDescriptor();
  } catch (error) {
    return { result: Promise.reject(error), cancel: () => undefined };
  }
  const job = startWorkerJob<FileMapInput, FileMapMessage, { cancelled: boolean }>({
    script: 'filemap-worker.js',
    input: { fd: lease.fd, name: lease.path, size, bucketSize },
    onMessage: (message) => {
      if (message.type === 'failed') return { error: jobError(message.message, message.code) };
      onBuckets(message.firstBucket, message.values, message.scannedTo);
      return message.type === 'done' ? { result: { cancelled: message.cancelled } } : undefined;
    },
    onEarlyExit: () => ({ result: { cancelled: true } }),
    onExit: () => lease.release(),
  });
  return { result: job.result, cancel: () => void job.cancel() };
}
