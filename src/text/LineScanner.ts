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

/** The same questions answered with fs.readSync and Buffer.indexOf, yielding between chunks. */
export function jsScanner(path: string, unit: NewlineUnit = 'byte'): LineScanner {
  const fd = fs.openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  const read = (offset: number, length: number) => buffer.subarray(0, fs.readSync(fd, buffer, 0, Math.min(length, CHUNK), offset));
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
        // UTF-16: start on a code unit (a scan that ended mid-unit left that byte uncounted).
        let position = options.from - (options.from % step);
        let newlines = options.newlinesBefore;
        let nextLine = (Math.floor(newlines / options.everyLines) + 1) * options.everyLines;
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
