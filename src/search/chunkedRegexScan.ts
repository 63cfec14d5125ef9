import * as fs from 'node:fs';
import { decodeChunk, unitSize, type SearchEncoding } from './textCoding';

/**
 * The regex worker's scan, one 1 MiB chunk body at a time. Each body is seen
 * together with up to CONTEXT bytes before it (so `^`, `\b` and lookbehind see
 * the real preceding text, not a chunk or cursor border) and OVERLAP bytes
 * after it (so a match may run past the body): the chunk's window. Only
 * matches that start in the body count, and none before the end of the last
 * one (nextFree). Offsets come from the decoder's code-unit → byte map: exact
 * byte offsets whatever the bytes. Reads go through a descriptor the host
 * keeps open (the document's): never a path.
 *
 * A chunk is scanned whole (scanWhole), or — for a line-bound regex whose
 * required literals the kernel found at some candidate offsets — only on the
 * lines around those candidates (scanCandidates), which finds exactly the
 * same matches: such a regex cannot match or look across a line break, so
 * running it on each line of the window (the first and last cut at the
 * window's edges, as the whole scan sees them) is running it on the window,
 * and a line without a literal holds no match.
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
/** More candidates than this in a window: reading and scanning it whole is cheaper than line by line. */
const DENSE = 128;
/** The first read around a candidate, each side; doubled until the line's ends are in it. */
const LINE_GUESS = 512;

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

function truncated(at: number): Error {
  const error = new Error(`ETRUNCATED: the file shrank during the search; the bytes at offset ${at} are gone`);
  return Object.assign(error, { code: 'ETRUNCATED' });
}

export class ChunkedRegexScan {
  /** The start of the current chunk's body. */
  position: number;
  cancelled = false;
  private readonly cancelFlag: Int32Array;
  private readonly regex: RegExp;
  private readonly unit: 1 | 2;
  private readonly window = Buffer.allocUnsafe(CONTEXT + 4 + BODY + OVERLAP);
  private around = Buffer.allocUnsafe(4 * LINE_GUESS);
  private nextFree: number;
  private count = 0;
  private matches: number[] = [];
  private sentFirst = false;
  private lastSend: number;

  constructor(
    private readonly input: RegexInput,
    private readonly post: (message: RegexMessage) => void,
    /** Where the bytes end for this scan (the kernel's end), or Infinity: the end of the file. */
    private readonly end = Infinity,
  ) {
    this.cancelFlag = new Int32Array(input.cancelFlag);
    this.regex = new RegExp(input.source, input.flags);
    this.unit = unitSize(input.encoding);
    this.position = input.from;
    this.lastSend = input.from;
    this.nextFree = Math.max(input.from, input.resumeAt);
  }

  get finished(): boolean {
    if (Atomics.load(this.cancelFlag, 0) !== 0) this.cancelled = true;
    return this.position >= this.input.to;
  }

  private get bodyEnd(): number {
    return this.position + Math.min(BODY, this.input.to - this.position);
  }

  /** Where the current chunk's window ends. */
  windowEnd(): number {
    return Math.min(this.bodyEnd + OVERLAP, this.end);
  }

  /** The window's start: on a code unit (an even offset in UTF-16, whose units are aligned to the file start). */
  private windowStart(): number {
    const start = Math.max(0, this.position - CONTEXT);
    return start - (start % this.unit);
  }

  /** In UTF-8 a window starting inside a character skips its continuation bytes. */
  private skipAt(bytes: Uint8Array, start: number): number {
    let skip = 0;
    if (this.input.encoding === 'utf-8') while (skip < 3 && start + skip < this.position && (bytes[skip] & 0xc0) === 0x80) skip++;
    return skip;
  }

  /** Scans the current chunk whole and moves to the next. */
  scanWhole(): void {
    const bodyEnd = this.bodyEnd;
    const start = this.windowStart();
    const length = readAt(this.input.fd, this.window, Math.min(bodyEnd + OVERLAP, this.end) - start, start);
    if (length < bodyEnd - start) throw truncated(start + length);
    const skip = this.skipAt(this.window, start);
    this.exec(this.window.subarray(skip, length), start + skip, bodyEnd);
    this.position = bodyEnd;
  }

  /**
   * Scans the lines of the current chunk's window around `candidates`
   * ([offset, length, …] in file order: every place the window holds one of
   * the regex's required literals, or a kernel match overlapping it), and
   * moves to the next chunk.
   */
  scanCandidates(candidates: Float64Array): void {
    if (candidates.length > 2 * DENSE) return this.scanWhole();
    const bodyEnd = this.bodyEnd;
    const windowStart = this.windowStart();
    const windowEnd = this.windowEnd();
    let coveredTo = -1;
    for (let k = 0; k < candidates.length; k += 2) {
      const at = candidates[k];
      const atEnd = at + candidates[k + 1];
      if (atEnd <= coveredTo) continue;
      const line = this.lineAround(at, atEnd, windowStart, windowEnd);
      if (line.start >= bodyEnd) break;
      this.exec(line.bytes, line.start, bodyEnd);
      coveredTo = line.end;
    }
    this.position = bodyEnd;
  }

  /**
   * The bytes from the line break before `at` to the one at or after the
   * unit holding atEnd's last byte, cut at the window's edges: the whole line
   * of any literal the kernel's match at `at` stands for (a kernel match may
   * overlap a later one; in UTF-16 it may be misaligned).
   */
  private lineAround(at: number, atEnd: number, windowStart: number, windowEnd: number): { start: number; end: number; bytes: Uint8Array } {
    const unit = this.unit;
    const first = at - (at % unit);
    const last = atEnd - 1 - ((atEnd - 1) % unit);
    for (let reach = LINE_GUESS; ; reach *= 4) {
      let a = Math.max(windowStart, first - reach);
      a -= (a - windowStart) % unit;
      const b = Math.min(windowEnd, last + unit + reach);
      if (this.around.length < b - a) this.around = Buffer.allocUnsafe(2 * (b - a));
      const got = readAt(this.input.fd, this.around, b - a, a);
      if (got < b - a) throw truncated(a + got);
      const bytes = this.around;
      const before = this.lastBreak(bytes, first - a - unit);
      let start = before < 0 ? -1 : a + before + unit;
      if (start < 0 && a === windowStart) start = windowStart + this.skipAt(bytes, windowStart);
      const after = this.firstBreak(bytes, last - a, b - a);
      let end = after < 0 ? -1 : a + after;
      if (end < 0 && b === windowEnd) end = windowEnd;
      if (start >= 0 && end >= 0) return { start, end, bytes: bytes.subarray(start - a, end - a) };
    }
  }

  /** A line feed or carriage return unit at `i` (UTF-16). */
  private isBreak16(bytes: Uint8Array, i: number): boolean {
    const [lo, hi] = this.input.encoding === 'utf-16le' ? [bytes[i], bytes[i + 1]] : [bytes[i + 1], bytes[i]];
    return hi === 0 && (lo === 0x0a || lo === 0x0d);
  }

  /** The last line break unit starting at or before `i` (on a unit), or -1. */
  private lastBreak(bytes: Buffer, i: number): number {
    if (i < 0) return -1;
    if (this.unit === 1) return Math.max(bytes.lastIndexOf(0x0a, i), bytes.lastIndexOf(0x0d, i));
    for (let p = i; p >= 0; p -= 2) if (this.isBreak16(bytes, p)) return p;
    return -1;
  }

  /** The first line break unit starting at or after `i` (on a unit) and ending by `limit`, or -1. */
  private firstBreak(bytes: Buffer, i: number, limit: number): number {
    if (this.unit === 1) {
      const view = bytes.subarray(0, limit);
      const lf = view.indexOf(0x0a, i);
      const cr = view.indexOf(0x0d, i);
      return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    }
    for (let p = i; p + 2 <= limit; p += 2) if (this.isBreak16(bytes, p)) return p;
    return -1;
  }

  /** Runs the regex over `bytes` (starting at file offset `start`), keeping matches that start in [max(position, nextFree), bodyEnd). */
  private exec(bytes: Uint8Array, start: number, bodyEnd: number): void {
    const chunk = decodeChunk(bytes, this.input.encoding);
    const regex = this.regex;
    regex.lastIndex = chunk.indexAt(Math.max(0, Math.max(this.position, this.nextFree) - start));
    for (let m = regex.exec(chunk.text); m; m = regex.exec(chunk.text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const matchStart = start + chunk.byteAt(m.index);
      if (matchStart >= bodyEnd) break;
      const matchEnd = start + chunk.byteAt(m.index + m[0].length);
      this.count++;
      this.matches.push(matchStart, matchEnd - matchStart);
      this.nextFree = matchEnd;
    }
  }

  /** Sends a batch: the first match at once, then every 64 MiB or 32768 matches. */
  report(): void {
    if ((!this.sentFirst && this.count > 0) || this.position - this.lastSend >= 64 * BODY || this.matches.length > 65536) {
      this.post({ type: 'batch', scannedTo: this.position, count: this.count, matches: this.matches });
      this.matches = [];
      this.sentFirst ||= this.count > 0;
      this.lastSend = this.position;
    }
  }

  done(): void {
    this.post({ type: 'done', scannedTo: this.position, count: this.count, matches: this.matches, cancelled: this.cancelled || Atomics.load(this.cancelFlag, 0) !== 0 });
  }

  fail(error: unknown): void {
    this.post({ type: 'failed', code: (error as { code?: string }).code ?? 'EFAILED', message: (error as Error).message });
  }
}
