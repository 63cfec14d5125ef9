import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NativeMappedFile } from '../bytes/nativeAddon';
import type { DescriptorLease } from '../bytes/SharedDescriptor';
import type { CompiledQuery, RegexPrefilter } from './compileQuery';
import type { CandidateMessage, RegexInput, RegexMessage } from './regexWorker';
import { OVERLAP } from './chunkedRegexScan';
import type { MatchBatch, RangeScanner, ScanRun } from './scanners';

/** Past this many candidates per byte (one per 2 KiB) the kernel stops and the worker scans every chunk. */
const DENSE_BYTES_PER_CANDIDATE = 2048;
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
  distDir: string,
): RangeScanner {
  const { patterns, lengths } = query.prefilter;
  return (from, to, resumeAt, onBatch) => {
    const cancelFlag = new SharedArrayBuffer(4);
    const end = Math.min(file.size, to + OVERLAP);
    const kernelFrom = Math.min(Math.max(from, resumeAt), end);
    const lease = acquire();
    const input: RegexInput & { prefilterEnd: number } = { fd: lease.fd, source: query.source, flags: query.flags, encoding: query.encoding, from, to, resumeAt, cancelFlag, prefilterEnd: end };
    const worker = new Worker(path.join(distDir, 'regex-worker.js'), { workerData: input });
    worker.once('exit', () => lease.release());
    const send = (message: CandidateMessage) => worker.postMessage(message, message.type === 'candidates' ? [message.matches.buffer as ArrayBuffer] : []);

    let kernelDone = false;
    let found = 0;
    const forward = (batch: { scannedTo: number; matches: Float64Array }, last: boolean) => {
      if (kernelDone) return;
      const m = new Float64Array(batch.matches.length);
      for (let i = 0; i < m.length; i += 2) {
        m[i] = batch.matches[i];
        m[i + 1] = lengths[batch.matches[i + 1]];
      }
      found += m.length / 2;
      send({ type: 'candidates', matches: m, knownTo: last ? Infinity : batch.scannedTo });
      const covered = batch.scannedTo - kernelFrom;
      if (last) kernelDone = true;
      else if (covered >= DENSITY_AFTER && found * DENSE_BYTES_PER_CANDIDATE > covered) {
        // Dense: the worker reads every chunk anyway, and the candidates would only cost copies.
        kernelDone = true;
        kernel.cancel();
        send({ type: 'scanAllFrom', at: batch.scannedTo });
      }
    };
    const kernel = file.search({ patterns, from: kernelFrom, to: end, resumeAt: kernelFrom }, (batch) => forward(batch, false));

    const promise = new Promise<MatchBatch & { cancelled: boolean }>((resolve, reject) => {
      kernel.promise.then(
        (result) => {
          if (!result.cancelled) forward(result, true);
        },
        (error: unknown) => {
          kernelDone = true;
          void worker.terminate();
          reject(error);
        },
      );
      worker.on('message', (message: RegexMessage) => {
        if (message.type === 'batch') onBatch(message);
        else if (message.type === 'done') resolve(message);
        else {
          kernel.cancel();
          reject(Object.assign(new Error(message.message), { code: message.code }));
        }
      });
      worker.once('error', (error) => {
        kernel.cancel();
        reject(error);
      });
      worker.once('exit', () => resolve({ scannedTo: from, count: 0, matches: [], cancelled: true }));
    });
    const run: ScanRun = {
      promise,
      cancel: () => {
        kernelDone = true;
        kernel.cancel();
        Atomics.store(new Int32Array(cancelFlag), 0, 1);
        send({ type: 'cancel' });
        setTimeout(() => void worker.terminate(), 200).unref?.();
      },
    };
    return run;
  };
}
