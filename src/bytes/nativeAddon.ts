import * as fs from 'node:fs';
import * as path from 'node:path';

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
  countNewlines(from: number, to: number, unit?: 'byte' | 'utf16le' | 'utf16be'): number;
  findNewline(from: number, k: number, limit: number, unit?: 'byte' | 'utf16le' | 'utf16be'): { offset: number; found: number };
  indexLines(
    options: { from: number; newlinesBefore: number; to: number; everyLines: number; everyBytes: number; via: 'mmap' | 'pread'; unit?: 'byte' | 'utf16le' | 'utf16be' },
    onProgress: (progress: { scannedTo: number; newlines: number; checkpoints: Float64Array }) => void,
  ): { promise: Promise<{ scannedTo: number; newlines: number; checkpoints: Float64Array; cancelled: boolean }>; cancel(): void };
  search(
    options: { patterns: Array<{ bytes: Uint8Array; mask?: Uint8Array; caseInsensitive: boolean }>; from: number; to: number; resumeAt: number },
    onProgress: (batch: { scannedTo: number; count: number; matches: Float64Array }) => void,
  ): { promise: Promise<{ scannedTo: number; count: number; matches: Float64Array; cancelled: boolean }>; cancel(): void };
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
