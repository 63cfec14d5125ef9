import type { NativeMappedFile } from '../bytes/nativeAddon';
import type { DescriptorLease } from '../bytes/SharedDescriptor';
import { jobError, startWorkerJob } from '../core/workerJob';
import type { StringEncodingName } from '../../shared/protocol/strings';
import { ENCODING_BIT } from './StringRuns';
import type { StringsInput, StringsMessage } from './stringsWorker';

/** Strings found since the last call, by offset: [offset, byteLength, encoding bit, …]. */
export type OnStrings = (strings: Float64Array, scannedTo: number) => void;

export interface StringsJob {
  readonly result: Promise<{ cancelled: boolean; count: number }>;
  cancel(): void;
}

export interface StringsSource {
  nativeFile?: NativeMappedFile;
  lendDescriptor(): DescriptorLease;
}

export interface StringsOptions {
  minLength: number;
  encodings: StringEncodingName[];
  from: number;
  to: number;
}

/**
 * Printable runs in [from, to), off the JS thread: the native kernel (holes
 * never read) when the addon is there, else dist/strings-worker.js over the
 * document's descriptor. Both give the same strings, in offset order.
 */
export function startStrings(source: StringsSource, options: StringsOptions, onStrings: OnStrings): StringsJob {
  const native = source.nativeFile;
  if (native) {
    const job = native.strings({ minLength: options.minLength, encodings: options.encodings, from: options.from, to: options.to }, (batch) => onStrings(batch.strings, batch.scannedTo));
    const result = job.promise.then((last) => {
      onStrings(last.strings, last.scannedTo);
      return { cancelled: last.cancelled, count: last.count };
    });
    return { result, cancel: () => job.cancel() };
  }
  let lease: DescriptorLease;
  try {
    lease = source.lendDescriptor();
  } catch (error) {
    return { result: Promise.reject(error), cancel: () => undefined };
  }
  const encodings = options.encodings.reduce((bits, name) => bits | ENCODING_BIT[name], 0);
  const job = startWorkerJob<StringsInput, StringsMessage, { cancelled: boolean; count: number }>({
    script: 'strings-worker.js',
    input: { fd: lease.fd, name: lease.path, from: options.from, to: options.to, minLength: options.minLength, encodings },
    onMessage: (message) => {
      if (message.type === 'failed') return { error: jobError(message.message, message.code) };
      onStrings(message.strings, message.scannedTo);
      return message.type === 'done' ? { result: { cancelled: message.cancelled, count: message.count } } : undefined;
    },
    onEarlyExit: () => ({ result: { cancelled: true, count: 0 } }),
    onExit: () => lease.release(),
  });
  return { result: job.result, cancel: () => void job.cancel() };
}
