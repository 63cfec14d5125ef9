import { parentPort, workerData } from 'node:worker_threads';
import { ChunkedRegexScan, type RegexInput } from './chunkedRegexScan';

export { CONTEXT, OVERLAP, type RegexInput, type RegexMessage } from './chunkedRegexScan';

/**
 * Regex search in a worker thread over the text as the view decodes it (see
 * ChunkedRegexScan). Without a prefilter it scans every chunk. With one, the
 * host runs the native kernel over the mapping for the regex's required
 * literals and posts what it finds (CandidateMessage); the worker runs the
 * regex only on the lines around them, chunk by chunk as the candidates for
 * a chunk are known, and on whole chunks where they are dense or where the
 * host stopped the kernel.
 */
export type CandidateMessage =
  /** Candidates [offset, length, …] in file order; every candidate starting before knownTo has been sent. */
  | { type: 'candidates'; matches: Float64Array; knownTo: number }
  /** No more candidates: from `at` on, every chunk is scanned whole. */
  | { type: 'scanAllFrom'; at: number }
  | { type: 'cancel' };

function runFull(input: RegexInput): void {
  const port = parentPort!;
  const scan = new ChunkedRegexScan(input, (m) => port.postMessage(m));
  try {
    while (!scan.finished && !scan.cancelled) {
      scan.scanWhole();
      scan.report();
    }
    scan.done();
  } catch (error) {
    scan.fail(error);
  }
}

function runPrefiltered(input: RegexInput, end: number): void {
  const port = parentPort!;
  const scan = new ChunkedRegexScan(input, (m) => port.postMessage(m), end);
  let candidates = new Float64Array(1024);
  let head = 0;
  let tail = 0;
  let knownTo = input.from;
  let scanAllFrom = Infinity;
  let over = false;
  const append = (m: Float64Array) => {
    if (tail + m.length > candidates.length) {
      const grown = new Float64Array(Math.max(2 * candidates.length, tail - head + m.length));
      grown.set(candidates.subarray(head, tail));
      tail -= head;
      head = 0;
      candidates = grown;
    }
    candidates.set(m, tail);
    tail += m.length;
  };
  const finish = (error?: unknown) => {
    over = true;
    if (error === undefined) scan.done();
    else scan.fail(error);
    port.close();
  };
  const advance = () => {
    while (!scan.finished && !scan.cancelled) {
      const windowEnd = scan.windowEnd();
      if (windowEnd > scanAllFrom) scan.scanWhole();
      else if (windowEnd > knownTo) return; // the kernel has not got there yet
      else {
        // Candidates that end before the body starts are spent; one that overlaps it may stand for a later one.
        while (head < tail && candidates[head] + candidates[head + 1] <= scan.position) head += 2;
        let n = head;
        while (n < tail && candidates[n] < windowEnd) n += 2;
        scan.scanCandidates(candidates.subarray(head, n));
      }
      scan.report();
    }
    finish();
  };
  port.on('message', (message: CandidateMessage) => {
    if (over) return;
    try {
      if (message.type === 'cancel') scan.cancelled = true;
      else if (message.type === 'candidates') {
        append(message.matches);
        knownTo = message.knownTo;
      } else scanAllFrom = Math.min(scanAllFrom, message.at);
      advance();
    } catch (error) {
      finish(error);
    }
  });
}

if (parentPort) {
  const input = workerData as RegexInput & { prefilterEnd?: number };
  if (input.prefilterEnd === undefined) runFull(input);
  else runPrefiltered(input, input.prefilterEnd);
}
