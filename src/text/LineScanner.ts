import * as fs from 'node:fs';
import type { NativeMappedFile } from '../bytes/nativeAddon';

export interface ScanProgress {
  scannedTo: number;
  newlines: number;
  /** Flat pairs [newlinesBefore, offset, …] of new checkpoints. */
  checkpoints: ArrayLike<number>;
}

/** What a newline is: the byte 0x0A, or the UTF-16 unit 0x000A at an even offset. */
export type NewlineUnit = 'byte' | 'utf16le' | 'utf16be';

export interface ScanOptions {
  from: number;
  newlinesBefore: number;
  to: number;
  everyLines: number;
  everyBytes: number;
  via: 'mmap' | 'pread';
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
  /** countNewlines without holding the thread for the whole range (chunked reads); where absent, the sync one is short enough. */
  countNewlinesAsync?(from: number, to: number): Promise<number>;
  /** Bytes read from the file so far (the JS scanner counts them, for tests and logs). */
  readonly bytesRead?: number;
  /** Offset just past the k-th newline at or after `from`, scanning at most to `limit`. */
  findNewline(from: number, k: number, limit: number): { offset: number; found: number };
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
const CHUNK = 1 << 20;

/**
 * The same questions answered with pread (fs.read) and Buffer.indexOf,
 * yielding between chunks. Like the native scan it leaves a checkpoint at
 * least every `everyBytes`, so a question about one offset reads from the
 * checkpoint before it, not from byte 0.
 */
export function jsScanner(path: string, unit: NewlineUnit = 'byte'): LineScanner {
  const fd = fs.openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let bytesRead = 0;
  const read = (offset: number, length: number) => {
    const n = fs.readSync(fd, buffer, 0, Math.min(length, CHUNK), offset);
    bytesRead += n;
    return buffer.subarray(0, n);
  };
  const readAsync = (offset: number, length: number, into: Buffer) =>
    new Promise<Buffer>((resolve, reject) =>
      fs.read(fd, into, 0, Math.min(length, into.length), offset, (error, n) => {
        if (error) return reject(error);
        bytesRead += n;
        resolve(into.subarray(0, n));
      }),
    );
  // Newline positions in `bytes` (whose first byte is at an even file offset for UTF-16): index just past each.
  const needle = unit === 'byte' ? Buffer.from([NEWLINE]) : unit === 'utf16le' ? Buffer.from([NEWLINE, 0]) : Buffer.from([0, NEWLINE]);
  const step = needle.length;
  const next = (bytes: Buffer, from: number): number => {
    for (let at = bytes.indexOf(needle, from); at >= 0; at = bytes.indexOf(needle, at + 1)) if (at % step === 0) return at;
    return -1;
  };
  const countIn = (bytes: Buffer) => {
    let n = 0;
    for (let at = next(bytes, 0); at >= 0; at = next(bytes, at + step)) n++;
    return n;
  };
  return {
    kind: 'js',
    index(options, onProgress) {
      let cancelled = false;
      const promise = (async () => {
        let position = options.from;
        let newlines = options.newlinesBefore;
        let nextLine = (Math.floor(newlines / options.everyLines) + 1) * options.everyLines;
        // Byte checkpoints at chunk ends (CHUNK is even: UTF-16 stays aligned).
        const everyBytes = Math.max(CHUNK, options.everyBytes);
        let nextOffset = position + everyBytes;
        let checkpoints: number[] = [];
        while (position < options.to && !cancelled) {
          const chunk = Buffer.from(read(position, options.to - position));
          if (chunk.length === 0) break;
          for (let at = next(chunk, 0); at >= 0; at = next(chunk, at + step)) {
            newlines++;
            if (newlines === nextLine) {
              checkpoints.push(newlines, position + at + step);
              nextLine += options.everyLines;
            }
          }
          position += chunk.length;
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
      for (let at = from; at < to; ) {
        const bytes = read(at, to - at);
        if (bytes.length === 0) break;
        n += countIn(bytes);
        at += bytes.length;
      }
      return n;
    },
    async countNewlinesAsync(from, to) {
      const own = Buffer.allocUnsafe(CHUNK); // not the shared sync buffer: a sync call may run between chunks
      let n = 0;
      for (let at = from; at < to; ) {
        const bytes = await readAsync(at, to - at, own);
        if (bytes.length === 0) break;
        n += countIn(bytes);
        at += bytes.length;
      }
      return n;
    },
    get bytesRead() {
      return bytesRead;
    },
    findNewline(from, k, limit) {
      let found = 0;
      for (let at = from; at < limit; ) {
        const bytes = read(at, limit - at);
        if (bytes.length === 0) break;
        for (let i = next(bytes, 0); i >= 0; i = next(bytes, i + step)) {
          if (++found === k) return { offset: at + i + step, found };
        }
        at += bytes.length;
      }
      return { offset: 0, found };
    },
    dispose: () => fs.closeSync(fd),
  };
}
