import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Backend, NewlineUnit } from '../../shared/types';

/** 'skip' (the default): sparse holes (SEEK_HOLE) are not read; 'read': they are (tests compare the two). */
export type HoleMode = 'skip' | 'read';

/** A job off the JS thread: its final result, and cancel() (it then resolves with what it has, `cancelled: true`). */
export interface NativeJob<T> {
  promise: Promise<T & { cancelled: boolean }>;
  cancel(): void;
}

/** A batch of compare progress: `ranges` holds [offset, length, ...] of the differing ranges closed since the last batch. */
export interface CompareBatch {
  comparedTo: number;
  differingBytes: number;
  /** ranges so far, listed or not (past maxRanges they are only counted) */
  rangeCount: number;
  /** -1 while there is none */
  firstDifference: number;
  ranges: Float64Array;
}

/** The compare's end: the last batch, and the sizes (the files compare up to the shorter; the rest is the tail). */
export interface CompareResult extends CompareBatch {
  leftSize: number;
  rightSize: number;
  common: number;
}

/** Fields per bucket in FileMapBatch.buckets, in this order. */
export const FILE_MAP_FIELDS = ['entropyMin', 'entropyMax', 'entropyMean', 'zero', 'text', 'high', 'hole'] as const;

/**
 * Finished buckets in offset order: FILE_MAP_FIELDS.length numbers per bucket, from bucket `firstBucket`.
 * Entropy in bits per byte over the 4 KiB blocks that are not holes; the rest are fractions of the bucket's bytes.
 */
export interface FileMapBatch {
  firstBucket: number;
  bucketCount: number;
  scannedTo: number;
  buckets: Float64Array;
}

/** Encoding codes in StringsBatch.strings. */
export const STRING_ENCODING = { ascii: 1, latin1: 2, utf16le: 4 } as const;

/** Strings found since the last batch, by offset: [offset, byteLength, encoding code, ...]. */
export interface StringsBatch {
  scannedTo: number;
  count: number;
  strings: Float64Array;
}

/** The JavaScript face of native/binding.cc. */
export interface NativeMappedFile {
  readonly size: number;
  readonly path: string;
  readonly closed: boolean;
  /** Copies out of the mapping when the pages are in the page cache, else with one pread (native/mapped_file.cc). */
  read(offset: number, target: Uint8Array): number;
  /** read() through the mapping only: the benchmark's mmap column. */
  readMapped(offset: number, target: Uint8Array): number;
  /** How many read() calls took each way. */
  readCounts(): { mapping: number; pread: number };
  /** Folds the records at `offsets` natively, in place in the mapping or by one pread each: nothing is copied into JavaScript. */
  foldRecords(offsets: Float64Array, recordBytes: number, via: 'mapping' | 'pread'): number;
  refresh(): number;
  advise(advice: 'normal' | 'random' | 'sequential' | 'willneed'): void;
  residency(offset: number, length: number): number;
  dropCache(): void;
  close(): void;
  countNewlines(from: number, to: number, unit?: NewlineUnit): number;
  findNewline(from: number, k: number, limit: number, unit?: NewlineUnit): { offset: number; found: number };
  indexLines(
    options: { from: number; newlinesBefore: number; to: number; everyLines: number; everyBytes: number; via: Backend; unit?: NewlineUnit; holes?: HoleMode },
    onProgress: (progress: { scannedTo: number; newlines: number; checkpoints: Float64Array }) => void,
  ): { promise: Promise<{ scannedTo: number; newlines: number; checkpoints: Float64Array; cancelled: boolean }>; cancel(): void };
  search(
    options: { patterns: Array<{ bytes: Uint8Array; mask?: Uint8Array; caseInsensitive: boolean }>; from: number; to: number; resumeAt: number; holes?: HoleMode },
    onProgress: (batch: { scannedTo: number; count: number; matches: Float64Array }) => void,
  ): { promise: Promise<{ scannedTo: number; count: number; matches: Float64Array; cancelled: boolean }>; cancel(): void };
  /** Log levels per bucket of [0, to): see native/level_count.h. */
  countLevels(options: { from: number; to: number; buckets: number }, onProgress: (progress: LevelCounts) => void): { promise: Promise<LevelCounts & { cancelled: boolean }>; cancel(): void };
  /** Byte for byte at the same offsets (an insertion shows as a shift); coalesced differing ranges in batches. */
  compare(
    other: NativeMappedFile,
    options: { from?: number; to?: number; maxRanges?: number; holes?: HoleMode },
    onProgress: (batch: CompareBatch) => void,
  ): NativeJob<CompareResult>;
  /** Entropy and byte classes per bucket (bucketSize a multiple of 4096, or bucketCount), holes never read. */
  fileMap(
    options: { bucketSize?: number; bucketCount?: number; from?: number; to?: number; holes?: HoleMode },
    onProgress: (batch: FileMapBatch) => void,
  ): NativeJob<FileMapBatch>;
  /** Printable runs of at least minLength characters, as binutils `strings -n N -e s|S|l`. */
  strings(
    options: { minLength: number; encodings: Array<keyof typeof STRING_ENCODING>; from?: number; to?: number; holes?: HoleMode },
    onProgress: (batch: StringsBatch) => void,
  ): NativeJob<StringsBatch>;
}

/**
 * Lines with a level token, per bucket: `counts[bucket * 4 + k]` for k = 0
 * ERROR/FATAL/CRITICAL, 1 WARN/WARNING, 2 INFO, 3 DEBUG/TRACE (the first level
 * token of a line, a whole case-sensitive word). Bucket b holds the lines
 * starting in [b * bucketBytes, (b + 1) * bucketBytes).
 */
export interface LevelCounts {
  scannedTo: number;
  lines: number;
  bucketBytes: number;
  counts: Float64Array;
}

/**
 * Bytes copied into private anonymous memory. No file is behind it, so no
 * other process can truncate it: the one place an unguarded copy is safe. The
 * benchmark measures the fault guard's cost here, never on the user's file.
 */
export interface NativePrivateCopy {
  readonly size: number;
  read(offset: number, target: Uint8Array): number;
  readUnguarded(offset: number, target: Uint8Array): number;
}

export interface NativeAddon {
  open(path: string): NativeMappedFile;
  privateCopy(bytes: Uint8Array): NativePrivateCopy;
}

/** The folder holding package.json, found by walking up from this bundle. */
export function extensionRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if (JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'hugeview') return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

/** Where the loader looks, in order (node-pty's scheme). */
export function addonCandidates(root: string): string[] {
  return [
    path.join(root, 'build', 'Release', 'hugeview.node'),
    path.join(root, 'prebuilds', `${process.platform}-${process.arch}`, 'hugeview.node'),
  ];
}

let cached: NativeAddon | undefined;

/**
 * Loads the addon from build/Release, then prebuilds/<platform>-<arch>.
 * Throws one error naming every path tried and why each failed.
 */
export function loadAddon(root: string = extensionRoot()): NativeAddon {
  if (cached) return cached;
  if (process.env.HUGEVIEW_DISABLE_ADDON === '1') {
    throw new Error('the native addon is disabled by HUGEVIEW_DISABLE_ADDON=1');
  }
  const failures: string[] = [];
  for (const candidate of addonCandidates(root)) {
    if (!fs.existsSync(candidate)) {
      failures.push(`${candidate}: not found`);
      continue;
    }
    try {
      // A require of a computed path: the bundler leaves it to run time.
      cached = require(candidate) as NativeAddon;
      return cached;
    } catch (error) {
      failures.push(`${candidate}: ${(error as Error).message}`);
    }
  }
  if (failures.every((f) => f.endsWith(': not found'))) {
    // The universal VSIX: no addon inside, by design (Output › HugeView shows this).
    throw new Error(`this HugeView package has no native addon for ${process.platform}-${process.arch} (the universal VSIX): files are read with pread, ` +
      `without memory mapping; install the VSIX for your platform for mmap. Tried:\n  ${failures.join('\n  ')}`);
  }
  throw new Error(`could not load the HugeView native addon; tried:\n  ${failures.join('\n  ')}`);
}
