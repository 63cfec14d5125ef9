import * as fs from 'node:fs';
import { openRegularFile, type DescriptorLease } from '../bytes/SharedDescriptor';
import type { NativeMappedFile } from '../bytes/nativeAddon';
import type { Backend, NewlineUnit } from '../../shared/types';

export interface ScanProgress {
  scannedTo: number;
  newlines: number;
  /** Flat pairs [newlinesBefore, offset, …] of new checkpoints. */
  checkpoints: ArrayLike<number>;
}


export interface ScanOptions {
  from: number;
  newlinesBefore: number;
  to: number;
  everyLines: number;
  everyBytes: number;
  via: Backend;
}

export interface ScanJob {
  promise: Promise<ScanProgress>;
  cancel(): void;
}

/** Newline counting for the line index: the native addon, or plain JS over pread where it cannot load. */
export interface LineScanner {
  readonly kind: 'native' | 'js';
  index(options: ScanOptions, onProgress: (progress: ScanProgress) => void): ScanJob;
  countNewlines(from: number, to: number): number;
  /** Offset just past the k-th newline at or after `from`, scanning at most to `limit`. */
  findNewline(from: number, k: number, limit: number): { offset: number; found: number };
  /** countNewlines without holding the thread for the whole range (chunked reads); where absent, the sync one is short enough. */
  countNewlinesAsync?(from: number, to: number): Promise<number>;
  /** Bytes read from the file so far (the JS scanner counts them, for tests and logs). */
  readonly bytesRead?: number;
  dispose(): void;
}

export function nativeScanner(file: NativeMappedFile, unit: NewlineUnit = 'byte'): LineScanner {
  return {
    kind: 'native',
    index: (options, onProgress) => file.indexLines({ ...options, unit }, onProgress),
    countNewlines: (from, to) => file.countNewlines(from, to, unit),
    findNewline: (from, k, limit) => file.findNewline(from, k, limit, unit),
    dispose: () => undefined,
  };
}

const NEWLINE = 0x0a;
const CR = 0x0d;
const NONE = -1;
const CHUNK = 1 << 20;

/**
 * The same questions answered with pread (fs.read), yielding between chunks,
 * by the native index's rule: a line break is LF, CRLF or a lone CR, counted
 * at its first unit (every CR, and every LF not right after a CR). Like the
 * native scan it leaves a checkpoint at least every `everyBytes`, so a
 * question about one offset reads from the checkpoint before it, not from
 * byte 0.
 */
export function jsScanner(file: string | DescriptorLease, unit: NewlineUnit = 'byte'): LineScanner {
  // A document passes a lease on its own open file: the path may name another
  // file by now, or a FIFO whose blocking open would hold the host thread.
  const lease: DescriptorLease = typeof file === 'string' ? ownDescriptor(file) : file;
  const fd = lease.fd;
  const step = unit === 'byte' ? 1 : 2;
  const buffer = Buffer.allocUnsafe(CHUNK + 2 * step);
  const unitAt = unit === 'byte' ? (b: Buffer, i: number) => b[i] : unit === 'utf16le' ? (b: Buffer, i: number) => b[i] | (b[i + 1] << 8) : (b: Buffer, i: number) => (b[i] << 8) | b[i + 1];
  let bytesRead = 0;
  /** `got` bytes read into `into` from `offset - back`: the bytes asked for, with the unit before and after them (NONE where there is none). */
  const framed = (into: Buffer, read: number, back: number, want: number) => {
    bytesRead += Math.max(0, read);
    const got = read - back;
    if (got <= 0) return { bytes: into.subarray(0, 0), prev: NONE, next: NONE };
    const bytes = into.subarray(back, back + Math.min(got, want));
    return { bytes, prev: back ? unitAt(into, 0) : NONE, next: got >= want + step ? unitAt(into, back + want) : NONE };
  };
  /** Up to `length` bytes at `offset` (even for UTF-16), with the unit before and after them. */
  const read = (offset: number, length: number) => {
    const back = offset >= step ? step : 0;
    const want = Math.min(length, CHUNK);
    return framed(buffer, fs.readSync(fd, buffer, 0, back + want + step, offset - back), back, want);
  };
  /** The same without blocking the thread, into the caller's own buffer (a sync call may run between two chunks). */
  const readAsync = (offset: number, length: number, into: Buffer) => {
    const back = offset >= step ? step : 0;
    const want = Math.min(length, CHUNK);
    return new Promise<ReturnType<typeof framed>>((resolve, reject) =>
      fs.read(fd, into, 0, back + want + step, offset - back, (error, n) => (error ? reject(error) : resolve(framed(into, n, back, want)))),
    );
  };
  /** Calls `onBreak` with the index just past each line break in `bytes` (past the LF of a CRLF) until it returns false. */
  const eachBreak = (bytes: Buffer, prev: number, next: number, onBreak: (end: number) => boolean): void => {
    if (step === 1 && bytes.indexOf(CR) < 0 && !(prev === CR && bytes[0] === NEWLINE)) {
      for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) if (!onBreak(at + 1)) return;
      return;
    }
    let before = prev;
    for (let i = 0; i + step <= bytes.length; i += step) {
      const u = unitAt(bytes, i);
      const isBreak = u === CR || (u === NEWLINE && before !== CR);
      before = u;
      if (!isBreak) continue;
      let end = i + step;
      if (u === CR && (end + step <= bytes.length ? unitAt(bytes, end) : next) === NEWLINE) end += step;
      if (!onBreak(end)) return;
    }
  };
  return {
    kind: 'js',
    index(options, onProgress) {
      let cancelled = false;
      const promise = (async () => {
        // UTF-16: start on a code unit (a scan that ended mid-unit left that byte uncounted).
        let position = options.from - (options.from % step);
        let newlines = options.newlinesBefore;
        let nextLine = (Math.floor(newlines / options.everyLines) + 1) * options.everyLines;
        // Byte checkpoints at chunk ends (CHUNK is even: UTF-16 stays aligned).
        const everyBytes = Math.max(CHUNK, options.everyBytes);
        let nextOffset = position + everyBytes;
        let checkpoints: number[] = [];
        while (position < options.to && !cancelled) {
          const { bytes, prev, next } = read(position, options.to - position);
          if (bytes.length === 0) break;
          eachBreak(bytes, prev, next, (end) => {
            newlines++;
            if (newlines === nextLine) {
              checkpoints.push(newlines, position + end);
              nextLine += options.everyLines;
            }
            return true;
          });
          position += bytes.length;
          if (position >= nextOffset) {
            checkpoints.push(newlines, position);
            nextOffset = position + everyBytes;
          }
          if (position % (64 * CHUNK) === 0) {
            onProgress({ scannedTo: position, newlines, checkpoints });
            checkpoints = [];
          }
          await new Promise((r) => setImmediate(r));
        }
        return { scannedTo: position, newlines, checkpoints };
      })();
      return { promise, cancel: () => (cancelled = true) };
    },
    countNewlines(from, to) {
      let n = 0;
      for (let at = from - (from % step); at < to; ) {
        const { bytes, prev, next } = read(at, to - at);
        if (bytes.length === 0) break;
        eachBreak(bytes, prev, next, () => (n++, true));
        at += bytes.length;
      }
      return n;
    },
    async countNewlinesAsync(from, to) {
      const own = Buffer.allocUnsafe(CHUNK + 2 * step);
      let n = 0;
      for (let at = from - (from % step); at < to; ) {
        const { bytes, prev, next } = await readAsync(at, to - at, own);
        if (bytes.length === 0) break;
        eachBreak(bytes, prev, next, () => (n++, true));
        at += bytes.length;
      }
      return n;
    },
    get bytesRead() {
      return bytesRead;
    },
    findNewline(from, k, limit) {
      let found = 0;
      let offset = 0;
      for (let at = from - (from % step); at < limit && offset === 0; ) {
        const { bytes, prev, next } = read(at, limit - at);
        if (bytes.length === 0) break;
        eachBreak(bytes, prev, next, (end) => {
          if (++found < k) return true;
          offset = at + end;
          return false;
        });
        at += bytes.length;
      }
      return offset ? { offset, found } : { offset: 0, found };
    },
    dispose: () => lease.release(),
  };
}

/** A descriptor of the scanner's own (tests and tools that have only a path): opened without blocking, closed on release. */
function ownDescriptor(path: string): DescriptorLease {
  const fd = openRegularFile(path);
  return { fd, path, release: () => fs.closeSync(fd) };
}
