import * as fs from 'node:fs';
import { isAscii } from 'node:buffer';
import { parentPort, workerData } from 'node:worker_threads';

/** Regex search in a worker thread, over decoded chunks that overlap by OVERLAP bytes. */
export interface RegexInput {
  path: string;
  source: string;
  flags: string;
  encoding: 'utf8' | 'latin1';
  from: number;
  to: number;
  /** Matches may not start before this (non-overlap across the wrap-around). */
  resumeAt: number;
  cancelFlag: SharedArrayBuffer;
}

export type RegexMessage =
  | { type: 'batch'; scannedTo: number; count: number; matches: number[] }
  | { type: 'done'; scannedTo: number; count: number; matches: number[]; cancelled: boolean }
  | { type: 'failed'; code: string; message: string };

const BODY = 1 << 20;
/** The longest match guaranteed to be found: matches may cross chunk borders by up to this many bytes. */
export const OVERLAP = 64 * 1024;

function run(input: RegexInput): void {
  const port = parentPort!;
  const cancelled = new Int32Array(input.cancelFlag);
  const fd = fs.openSync(input.path, 'r');
  const buffer = Buffer.allocUnsafe(BODY + OVERLAP);
  const regex = new RegExp(input.source, input.flags);
  let position = input.from;
  let nextFree = Math.max(input.from, input.resumeAt);
  let count = 0;
  let matches: number[] = [];
  let sentFirst = false;
  let lastSend = position;
  try {
    while (position < input.to && Atomics.load(cancelled, 0) === 0) {
      const body = Math.min(BODY, input.to - position);
      const length = fs.readSync(fd, buffer, 0, body + OVERLAP, position);
      if (length === 0) break;
      const bytes = buffer.subarray(0, length);
      const latin1 = input.encoding === 'latin1' || isAscii(bytes);
      const text = bytes.toString(latin1 ? 'latin1' : 'utf8');
      // byte offset of a char index: identity for latin1; counted incrementally for UTF-8
      let charAt = 0;
      let byteAt = 0;
      const byteOf = (index: number) => {
        if (latin1) return index;
        byteAt += Buffer.byteLength(text.slice(charAt, index));
        charAt = index;
        return byteAt;
      };
      regex.lastIndex = 0;
      if (nextFree > position) {
        const skip = nextFree - position;
        regex.lastIndex = latin1 ? skip : Buffer.from(bytes.subarray(0, skip)).toString('utf8').length;
      }
      for (let m = regex.exec(text); m; m = regex.exec(text)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        const start = byteOf(m.index);
        if (start >= body) break;
        const end = start + (latin1 ? m[0].length : Buffer.byteLength(m[0]));
        count++;
        matches.push(position + start, end - start);
        nextFree = position + end;
      }
      position += body;
      if ((!sentFirst && count > 0) || position - lastSend >= 64 * BODY || matches.length > 65536) {
        port.postMessage({ type: 'batch', scannedTo: position, count, matches } satisfies RegexMessage);
        matches = [];
        sentFirst ||= count > 0;
        lastSend = position;
      }
    }
    port.postMessage({ type: 'done', scannedTo: position, count, matches, cancelled: Atomics.load(cancelled, 0) !== 0 } satisfies RegexMessage);
  } catch (error) {
    port.postMessage({ type: 'failed', code: (error as { code?: string }).code ?? 'EFAILED', message: (error as Error).message } satisfies RegexMessage);
  } finally {
    fs.closeSync(fd);
  }
}

if (parentPort) run(workerData as RegexInput);
