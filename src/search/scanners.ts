import type { NativeMappedFile } from '../bytes/nativeAddon';
import type { DescriptorLease } from '../bytes/SharedDescriptor';
import { jobError, startWorkerJob } from '../core/workerJob';
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

type NativeQuery = Extract<CompiledQuery, { kind: 'native' }>;

/**
 * Literal and hex search through the native kernel (a worker on libuv's pool).
 * In UTF-16 a match must start on a code unit (an even offset): the kernel
 * knows nothing of units, so a match at an odd offset is dropped and the scan
 * restarts just after its start, where the non-overlapping scan from the file
 * start would have gone on (restarting, not skipping, keeps a real match that
 * the odd one overlaps).
 */
export function nativeRangeScanner(file: NativeMappedFile, query: NativeQuery): RangeScanner {
  if (query.unit === 1) return kernelScanner(file, query);
  const scan = kernelScanner(file, query);
  return (from, to, resumeAt, onBatch) => {
    let current: ScanRun | undefined;
    let stopped = false;
    let count = 0;
    /** Keeps the aligned matches; the offset of the first misaligned one, if any. */
    const aligned = (batch: MatchBatch): { matches: number[]; misaligned?: number } => {
      const kept: number[] = [];
      const m = batch.matches;
      for (let i = 0; i < m.length; i += 2) {
        if (m[i] % 2 !== 0) return { matches: kept, misaligned: m[i] };
        kept.push(m[i], m[i + 1]);
      }
      return { matches: kept };
    };
    const promise = (async () => {
      let start = resumeAt;
      for (;;) {
        let misaligned: number | undefined;
        current = scan(from, to, start, (batch) => {
          if (misaligned !== undefined) return;
          const kept = aligned(batch);
          count += kept.matches.length / 2;
          onBatch({ scannedTo: kept.misaligned ?? batch.scannedTo, count, matches: kept.matches });
          if (kept.misaligned !== undefined) {
            misaligned = kept.misaligned;
            current?.cancel();
          }
        });
        const result = await current.promise;
        if (misaligned === undefined && !result.cancelled) {
          const kept = aligned(result);
          count += kept.matches.length / 2;
          if (kept.misaligned === undefined) return { ...result, count, matches: kept.matches };
          onBatch({ scannedTo: kept.misaligned, count, matches: kept.matches });
          misaligned = kept.misaligned;
        }
        if (misaligned === undefined || stopped) return { scannedTo: result.scannedTo, count, matches: [], cancelled: true };
        start = misaligned + 1;
      }
    })();
    return {
      promise,
      cancel: () => {
        stopped = true;
        current?.cancel();
      },
    };
  };
}

function kernelScanner(file: NativeMappedFile, query: NativeQuery): RangeScanner {
  const toLengths = (flat: Float64Array) => {
    for (let i = 1; i < flat.length; i += 2) flat[i] = query.lengths[flat[i]];
    return flat;
  };
  return (from, to, resumeAt, onBatch) => {
    const job = file.search({ patterns: query.patterns, from: Math.max(from, Math.min(resumeAt, to)), to, resumeAt }, (batch) => onBatch({ ...batch, matches: toLengths(batch.matches) }));
    return {
      promise: job.promise.then((r) => ({ ...r, matches: toLengths(r.matches) })),
      cancel: () => job.cancel(),
    };
  };
}

/**
 * Regular expressions (and literals where the addon is missing) in a worker
 * thread, reading a lease on the document's descriptor taken per scan and
 * released when the thread has exited.
 */
export function regexRangeScanner(lend: () => DescriptorLease, query: Extract<CompiledQuery, { kind: 'regex' }>): RangeScanner {
  return (from, to, resumeAt, onBatch) => {
    const lease = lend();
    const job = startWorkerJob<RegexInput, RegexMessage, MatchBatch & { cancelled: boolean }>({
      script: 'regex-worker.js',
      input: { fd: lease.fd, source: query.source, flags: query.flags, encoding: query.encoding, from, to, resumeAt },
      onMessage: (message) => {
        if (message.type === 'batch') return void onBatch(message);
        return message.type === 'done' ? { result: message } : { error: jobError(message.message, message.code) };
      },
      onEarlyExit: () => ({ result: { scannedTo: from, count: 0, matches: [], cancelled: true } }),
      onExit: () => lease.release(),
    });
    return { promise: job.result, cancel: () => void job.cancel() };
  };
}
