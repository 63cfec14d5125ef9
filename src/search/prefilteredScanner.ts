import type { NativeMappedFile } from '../bytes/nativeAddon';
import { jobError, startWorkerJob, type WorkerJob } from '../core/workerJob';
import type { DescriptorLease } from '../bytes/SharedDescriptor';
import type { CompiledQuery, RegexPrefilter } from './compileQuery';
import type { CandidateMessage, RegexInput, RegexMessage } from './regexWorker';
import { OVERLAP } from './chunkedRegexScan';
import type { MatchBatch, RangeScanner, ScanRun } from './scanners';

/**
 * Past one candidate per this many bytes the kernel stops and the worker
 * scans every chunk (it scans a chunk whole from about one per 8 KiB anyway).
 */
const DENSE_BYTES_PER_CANDIDATE = 8192;
/** The most candidates sent ahead of the worker's progress (16 bytes each): past it the worker scans the rest whole. */
const MAX_AHEAD = 1 << 21;
/** The density is judged once the kernel has covered this much. */
const DENSITY_AFTER = 1 << 20;

/**
 * A regex with required literals (compileQuery's prefilter): the native
 * kernel finds the literals over the document's mapping (on libuv's pool,
 * as literal search does) and this passes its finds to the regex worker,
 * which runs the regex only on the lines around them. Same matches as the
 * full scan (regexRangeScanner), in less time when the literals are rare;
 * where they are dense the kernel stops and the worker scans the rest whole.
 */
export function prefilteredRegexScanner(
  file: NativeMappedFile,
  acquire: () => DescriptorLease,
  query: Extract<CompiledQuery, { kind: 'regex' }> & { prefilter: RegexPrefilter },
): RangeScanner {
  const { patterns, lengths } = query.prefilter;
  return (from, to, resumeAt, onBatch) => {
    const end = Math.min(file.size, to + OVERLAP);
    const kernelFrom = Math.min(Math.max(from, resumeAt), end);
    let settle!: { resolve: (r: MatchBatch & { cancelled: boolean }) => void; reject: (e: unknown) => void };
    const promise = new Promise<MatchBatch & { cancelled: boolean }>((resolve, reject) => (settle = { resolve, reject }));
    let kernelDone = false;
    let stopped = false;
    let found = 0;
    /** [knownTo, found so far] per batch sent; what the worker has got past. */
    const sent: Array<[number, number]> = [];
    let consumed = 0;

    // The worker starts with the first candidate: where the literals never occur, the kernel's scan is all there is.
    type Result = MatchBatch & { cancelled: boolean };
    let worker: WorkerJob<Result> | undefined;
    const startWorker = (): WorkerJob<Result> => {
      const lease = acquire();
      const job = startWorkerJob<RegexInput & { prefilterEnd: number }, RegexMessage, Result>({
        script: 'regex-worker.js',
        input: { fd: lease.fd, source: query.source, flags: query.flags, encoding: query.encoding, from, to, resumeAt, prefilterEnd: end },
        onMessage: (message) => {
          if (message.type === 'batch') {
            while (sent.length > 0 && sent[0][0] <= message.scannedTo) consumed = sent.shift()![1];
            onBatch(message);
            return undefined;
          }
          return message.type === 'done' ? { result: message } : { error: jobError(message.message, message.code) };
        },
        onEarlyExit: () => ({ result: { scannedTo: from, count: 0, matches: [], cancelled: true } }),
        onExit: () => lease.release(),
      });
      job.result.then(settle.resolve, (error: unknown) => {
        kernel.cancel();
        settle.reject(error);
      });
      return job;
    };
    const send = (message: CandidateMessage) => {
      worker ??= startWorker();
      worker.post(message, message.type === 'candidates' ? [message.matches.buffer as ArrayBuffer] : []);
    };

    const forward = (batch: { scannedTo: number; matches: Float64Array }, last: boolean) => {
      if (kernelDone || stopped) return;
      if (last) kernelDone = true;
      if (batch.matches.length === 0 && !worker) {
        if (last) settle.resolve({ scannedTo: to, count: 0, matches: [], cancelled: false });
        return;
      }
      const m = new Float64Array(batch.matches.length);
      for (let i = 0; i < m.length; i += 2) {
        m[i] = batch.matches[i];
        m[i + 1] = lengths[batch.matches[i + 1]];
      }
      found += m.length / 2;
      send({ type: 'candidates', matches: m, knownTo: last ? Infinity : batch.scannedTo });
      sent.push([batch.scannedTo, found]);
      const covered = batch.scannedTo - kernelFrom;
      if (!last && ((covered >= DENSITY_AFTER && found * DENSE_BYTES_PER_CANDIDATE > covered) || found - consumed > MAX_AHEAD)) {
        // Dense: the worker reads every chunk anyway, and the candidates would only cost copies and memory.
        kernelDone = true;
        kernel.cancel();
        send({ type: 'scanAllFrom', at: batch.scannedTo });
      }
    };
    const kernel = file.search({ patterns, from: kernelFrom, to: end, resumeAt: kernelFrom }, (batch) => {
      try {
        forward(batch, false);
      } catch (error) {
        stop();
        settle.reject(error);
      }
    });
    kernel.promise.then(
      (result) => {
        if (!result.cancelled) forward(result, true);
      },
      (error: unknown) => {
        kernelDone = true;
        void worker?.cancel(0);
        settle.reject(error);
      },
    ).catch((error: unknown) => {
      stop();
      settle.reject(error);
    });

    const stop = () => {
      stopped = true;
      kernelDone = true;
      kernel.cancel();
      if (!worker) return settle.resolve({ scannedTo: from, count: 0, matches: [], cancelled: true });
      // A worker waiting for candidates hears the message; one scanning polls the flag cancel() raises.
      worker.post({ type: 'cancel' } satisfies CandidateMessage);
      void worker.cancel();
    };
    const run: ScanRun = { promise, cancel: stop };
    return run;
  };
}
