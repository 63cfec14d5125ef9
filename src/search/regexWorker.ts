import * as fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { decodeChunk, unitSize, type SearchEncoding } from './textCoding';

/**
 * Regex search in a worker thread over the text as the view decodes it.
 *
 * Each 1 MiB chunk body is decoded together with up to CONTEXT bytes before it
 * (so `^`, `\b` and lookbehind see the real preceding text, not a chunk or
 * cursor border) and OVERLAP bytes after it (so a match may run past the
 * body); only matches that start in the body count. Offsets come from the
 * decoder's code-unit → byte map: exact byte offsets whatever the bytes.
 * The worker reads a descriptor the host keeps open (the document's): it
 * never opens a path.
 */
export interface RegexInput {
  fd: number;
  source: string;
  flags: string;
  encoding: SearchEncoding;
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
/** How far back `^`, `\b` and lookbehind can see across a chunk border or the start of the scan. */
export const CONTEXT = 64 * 1024;

/** Reads [position, position+length) fully, or to the end of the file. */
function readAt(fd: number, buffer: Buffer, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

function run(input: RegexInput): void {
  const port = parentPort!;
  const cancelled = new Int32Array(input.cancelFlag);
  const buffer = Buffer.allocUnsafe(CONTEXT + 4 + BODY + OVERLAP);
  const regex = new RegExp(input.source, input.flags);
  const unit = unitSize(input.encoding);
  let position = input.from;
  let nextFree = Math.max(input.from, input.resumeAt);
  let count = 0;
  let matches: number[] = [];
  let sentFirst = false;
  let lastSend = position;
  try {
    while (position < input.to && Atomics.load(cancelled, 0) === 0) {
      const body = Math.min(BODY, input.to - position);
      // The context starts on a code unit: an even offset in UTF-16 (the text's
      // units are aligned to the file start), a character start in UTF-8.
      let start = Math.max(0, position - CONTEXT);
      start -= start % unit;
      let length = readAt(input.fd, buffer, position + body + OVERLAP - start, start);
      if (length < position - start + body) {
        const error = new Error(`ETRUNCATED: the file shrank during the search; the bytes at offset ${start + length} are gone`);
        throw Object.assign(error, { code: 'ETRUNCATED' });
      }
      let skip = 0;
      if (input.encoding === 'utf-8') while (skip < 3 && start + skip < position && (buffer[skip] & 0xc0) === 0x80) skip++;
      start += skip;
      length -= skip;
      const chunk = decodeChunk(buffer.subarray(skip, skip + length), input.encoding);
      const bodyEnd = position + body;
      regex.lastIndex = chunk.indexAt(Math.max(position, nextFree) - start);
      for (let m = regex.exec(chunk.text); m; m = regex.exec(chunk.text)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        const matchStart = start + chunk.byteAt(m.index);
        if (matchStart >= bodyEnd) break;
        const matchEnd = start + chunk.byteAt(m.index + m[0].length);
        count++;
        matches.push(matchStart, matchEnd - matchStart);
        nextFree = matchEnd;
      }
      position = bodyEnd;
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
  }
}

if (parentPort) run(workerData as RegexInput);
