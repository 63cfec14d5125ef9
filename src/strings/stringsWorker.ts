import * as fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { StringRuns } from './StringRuns';

/**
 * Strings without the addon (dist/strings-worker.js): reads [from, to)
 * through the host's descriptor in 1 MiB chunks and streams it through
 * StringRuns, posting the strings found in batches ([offset, length,
 * encoding bit, …], by offset).
 */
export interface StringsInput {
  fd: number;
  name: string;
  from: number;
  to: number;
  minLength: number;
  encodings: number;
  cancelFlag: SharedArrayBuffer;
}

export type StringsMessage =
  | { type: 'batch' | 'done'; strings: Float64Array; scannedTo: number; count: number; cancelled: boolean }
  | { type: 'failed'; code: string; message: string };

const CHUNK = 1 << 20;
const REPORT_MS = 50;
const REPORT_STRINGS = 3 * 32768;

function run(input: StringsInput): StringsMessage {
  const port = parentPort!;
  const cancelled = new Int32Array(input.cancelFlag);
  const runs = new StringRuns(input.minLength, input.encodings, input.from);
  const chunk = new Uint8Array(CHUNK);
  let found: number[] = [];
  let lastReport = performance.now();
  let position = input.from;
  while (position < input.to) {
    if (Atomics.load(cancelled, 0) !== 0) return { type: 'done', strings: Float64Array.from(found), scannedTo: position, count: runs.count, cancelled: true };
    const want = Math.min(CHUNK, input.to - position);
    const n = fs.readSync(input.fd, chunk, 0, want, position);
    if (n === 0) throw Object.assign(new Error(`ETRUNCATED: '${input.name}' shrank while its strings were listed; the bytes at offset ${position} are gone`), { code: 'ETRUNCATED' });
    runs.feed(chunk, 0, n);
    position += n;
    runs.flush(found, false);
    const now = performance.now();
    if (now - lastReport >= REPORT_MS || found.length >= REPORT_STRINGS) {
      port.postMessage({ type: 'batch', strings: Float64Array.from(found), scannedTo: position, count: runs.count, cancelled: false } satisfies StringsMessage);
      found = [];
      lastReport = now;
    }
  }
  runs.finish();
  runs.flush(found, true);
  return { type: 'done', strings: Float64Array.from(found), scannedTo: position, count: runs.count, cancelled: false };
}

if (parentPort) {
  let message: StringsMessage;
  try {
    message = run(workerData as StringsInput);
  } catch (error) {
    const coded = error as { code?: unknown; message?: unknown };
    message = { type: 'failed', code: typeof coded.code === 'string' ? coded.code : 'EFAILED', message: String(coded.message ?? error) };
  }
  parentPort.postMessage(message);
}
