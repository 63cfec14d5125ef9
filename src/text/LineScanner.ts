import * as fs from 'node:fs';
import type { NativeMappedFile } from '../bytes/nativeAddon';

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

export function nativeScanner(file: NativeMappedFile): LineScanner {
  return {
    kind: 'native',
    index: (options, onProgress) => file.indexLines(options, onProgress),
    countNewlines: (from, to) => file.countNewlines(from, to),
    findNewline: (from, k, limit) => file.findNewline(from, k, limit),
    dispose: () => undefined,
  };
}

const NEWLINE = 0x0a;
const CHUNK = 1 << 20;

/** The same questions answered with fs.readSync and Buffer.indexOf, yielding between chunks. */
export function jsScanner(path: string): LineScanner {
  const fd = fs.openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  const read = (offset: number, length: number) => buffer.subarray(0, fs.readSync(fd, buffer, 0, Math.min(length, CHUNK), offset));
  const countIn = (bytes: Buffer) => {
    let n = 0;
    for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) n++;
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
        let checkpoints: number[] = [];
        while (position < options.to && !cancelled) {
          const chunk = Buffer.from(read(position, options.to - position));
          if (chunk.length === 0) break;
          for (let at = chunk.indexOf(NEWLINE); at >= 0; at = chunk.indexOf(NEWLINE, at + 1)) {
            newlines++;
            if (newlines === nextLine) {
              checkpoints.push(newlines, position + at + 1);
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
        for (let i = bytes.indexOf(NEWLINE); i >= 0; i = bytes.indexOf(NEWLINE, i + 1)) {
          if (++found === k) return { offset: at + i + 1, found };
        }
        at += bytes.length;
      }
      return { offset: 0, found };
    },
    dispose: () => fs.closeSync(fd),
  };
}
