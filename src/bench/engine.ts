import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadAddon, type NativeMappedFile } from '../bytes/nativeAddon';
import { collectGarbage } from './cleanHeap';
import { IN_PLACE_PATTERNS, IN_PLACE_RECORD, measureInPlace } from './inPlace';
import { describeMachine } from './machine';
import { summarise } from './stats';
import type { BenchBackend, BenchProgress, BenchReport, Cache, CaseResult, GuardCost, OpStats, Pattern, ScanResult } from '../../shared/benchReport';

/**
 * The mmap-vs-pread benchmark engine. No `vscode` here: `npm run bench` and
 * the editor command (in a worker thread) both run this same code.
 *
 * Three ways to read, measured in the same run: mmap (the addon's
 * readMapped(): always the mapping), pread (fs.readSync), and adaptive (the
 * addon's read(), which the viewer uses: the mapping where the pages are
 * resident, else one pread). Each copies into a JS-allocated Uint8Array of
 * the block size and folds the copy into a checksum (one 32-bit word per
 * 64-byte line, so the result depends on the data and the copy cannot be
 * skipped), so none gets away with not touching the bytes. Then the seed's
 * own case: records folded natively in place, no copy (inPlace.ts).
 */
export interface BenchOptions {
  mode: 'quick' | 'full';
  /** The addon's handle on the file, or undefined when the addon cannot load (pread only). */
  mapped: NativeMappedFile | undefined;
  /** Why the addon is missing, for the notes. */
  mappedUnavailable?: string;
  onProgress?: (progress: BenchProgress) => void;
  /** Polled between timed batches; true ends the run (partial report). */
  isCancelled?: () => boolean;
  patterns?: Pattern[];
  blocks?: number[];
  caches?: Cache[];
}

export const BLOCKS = [16, 4096, 65536, 1 << 20];
export const PATTERNS: Pattern[] = ['hot', 'random', 'sequential'];
const HOT_WINDOW = 64 * 1024;
/** Alternating rounds per warm case. */
const ROUNDS = 3;
const OFFSET_COUNT = 1 << 16;
/** A timed batch lasts about this long, so the clock's own ~50 ns is noise. */
const BATCH_TARGET_NS = 20_000;

const BUDGETS = {
  quick: { warmMs: 70, coldMs: 50, scanMs: 700 },
  full: { warmMs: 400, coldMs: 300, scanMs: 5000 },
};

type Reader = (offset: number, target: Uint8Array) => number;

export class BenchCancelled extends Error {
  readonly code = 'ECANCELED';
  constructor() {
    super('ECANCELED: the benchmark was cancelled');
  }
}

/** Runs every case on `path`; never throws for a file problem — the report says partial with the error. */
export function runBenchmark(path: string, options: BenchOptions): BenchReport {
  const started = performance.now();
  const fd = fs.openSync(path, 'r');
  const size = fs.fstatSync(fd).size;
  const mapped = options.mapped;
  const report: BenchReport = {
    schema: 'hugeview.bench/1',
    file: { path, size },
    machine: describeMachine(path),
    mode: options.mode,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    residencyBefore: residency(mapped, size),
    residencyAfter: null,
    cases: [],
    scans: [],
    guard: null,
    partial: false,
  };
  const budget = BUDGETS[options.mode];
  const patterns = options.patterns ?? PATTERNS;
  const blocks = (options.blocks ?? BLOCKS).filter((block) => block <= size);
  const caches = options.caches ?? ['warm', 'cold'];
  const inPlacePatterns = mapped && size >= IN_PLACE_RECORD ? IN_PLACE_PATTERNS.filter((p) => patterns.includes(p)) : [];
  const total = patterns.length * blocks.length * caches.length + inPlacePatterns.length + 3;
  let done = 0;
  const step = (label: string) => options.onProgress?.({ done: done++, total, label });
  const cancelled = options.isCancelled ?? (() => false);

  const readers: Record<BenchBackend | 'adaptive', Reader | undefined> = {
    mmap: mapped ? (offset, target) => mapped.readMapped(offset, target) : undefined,
    pread: (offset, target) => fs.readSync(fd, target, 0, target.length, offset),
    adaptive: mapped ? (offset, target) => mapped.read(offset, target) : undefined,
  };

  try {
    if (size === 0) throw Object.assign(new Error('EEMPTY: the file is empty; there is nothing to measure'), { code: 'EEMPTY' });
    step('warming the page cache');
    const warmAll = () => {
      // Through both: pread fills the page cache, the mapping its page tables.
      for (const read of [readers.pread, readers.mmap]) if (read) warm(read, size, budget.scanMs * 4, cancelled);
    };
    warmAll();
    for (const cache of caches) {
      const coldProblem = cache === 'cold' ? whyNoColdCache(mapped, options.mappedUnavailable, size) : undefined;
      for (const pattern of patterns) {
        for (const block of blocks) {
          step(`${cache} ${pattern} ${formatBytes(block)}`);
          checkUnchanged(path, fd, size);
          const offsets = makeOffsets(pattern, block, size);
          // Tell the kernel the pattern, as any program using a mapping would
          // (without it a cold random fault reads ahead around the page).
          mapped?.advise(pattern === 'hot' ? 'normal' : pattern);
          const result: CaseResult = { pattern, blockBytes: block, cache, mmap: null, pread: null, adaptive: null, speedup: null, winner: null };
          let adaptivePreads = 0;
          let adaptiveReads = 0;
          if (coldProblem) {
            result.note = coldProblem;
          } else {
            // Warm: ROUNDS rounds, the order rotated each round, keeping each
            // backend's least disturbed one (lowest p50), so drift on a shared
            // machine, or what the previous backend left behind, does not land
            // on one backend only. Cold: one round (each drops the cache).
            const rounds = cache === 'warm' ? ROUNDS : 1;
            for (let round = 0; round < rounds; round++) {
              for (const backend of inOrder(round)) {
                const read = readers[backend];
                if (!read) {
                  result.note = `mmap not measured: ${options.mappedUnavailable ?? 'the addon is not loaded'}`;
                  continue;
                }
                if (cache === 'cold') {
                  // The timing loop's code warmed up on this reader (cold rows
                  // have no warm-up of their own: it would warm the cache), on
                  // the first block, which the drop then evicts with the rest.
                  measure(read, START_OFFSETS, block, 2, false, cancelled);
                  mapped!.dropCache();
                }
                const ms = cache === 'cold' ? budget.coldMs : budget.warmMs / rounds;
                const counted = backend === 'adaptive' ? mapped!.readCounts() : undefined;
                collectGarbage?.();
                const stats = measure(read, offsets, block, ms, cache === 'warm' ? true : coldBatch(block), cancelled, cache === 'cold' ? COLD_MIN_SAMPLES : 1);
                if (counted) {
                  const now = mapped!.readCounts();
                  adaptivePreads += now.pread - counted.pread;
                  adaptiveReads += now.pread - counted.pread + now.mapping - counted.mapping;
                }
                if (backend === 'pread') settle();
                const best = result[backend];
                if (!best || stats.p50Ns < best.p50Ns) result[backend] = best ? { ...stats, ops: stats.ops + best.ops } : stats;
                else best.ops += stats.ops;
              }
            }
            if (cache === 'cold') warmAll();
          }
          if (adaptiveReads > 0) result.adaptivePreadShare = Math.round((adaptivePreads / adaptiveReads) * 10000) / 10000;
          decide(result);
          report.cases.push(result);
        }
      }
    }
    if (inPlacePatterns.length) report.inPlace = [];
    for (const pattern of inPlacePatterns) {
      step(`in place: ${pattern} ${IN_PLACE_RECORD} B records`);
      checkUnchanged(path, fd, size);
      mapped!.advise(pattern === 'hot' ? 'normal' : pattern);
      const offsets = makeOffsets(pattern, IN_PLACE_RECORD, size);
      report.inPlace!.push(measureInPlace(mapped!, pattern, offsets, budget.warmMs, cancelled, () => {
        throw new BenchCancelled();
      }));
    }
    mapped?.advise('normal');
    step('guard cost at 4 KiB');
    if (mapped && size >= 4096) report.guard = measureGuard(readers.pread!, size, budget.warmMs, cancelled);
    checkUnchanged(path, fd, size);
    step('full-file sequential scans');
    for (const backend of ['mmap', 'pread'] as const) {
      const read = readers[backend];
      if (read) report.scans.push(scan(backend, read, size, budget.scanMs, cancelled));
    }
  } catch (error) {
    report.partial = true;
    const coded = error as Error & { code?: string };
    report.error = { code: coded.code ?? 'EUNKNOWN', message: coded.message };
  } finally {
    fs.closeSync(fd);
  }
  report.residencyAfter = residency(mapped, size);
  report.durationMs = Math.round(performance.now() - started);
  options.onProgress?.({ done: total, total, label: report.partial ? 'ended early' : 'done' });
  return report;
}

/** Ends the run when the file was deleted, replaced or resized under it: its numbers would mean nothing. */
function checkUnchanged(path: string, fd: number, size: number): void {
  const open = fs.fstatSync(fd);
  let named: fs.Stats;
  try {
    named = fs.statSync(path);
  } catch {
    throw Object.assign(new Error(`ENOENT: ${path} was deleted during the run`), { code: 'ENOENT' });
  }
  if (named.ino !== open.ino || named.dev !== open.dev) throw Object.assign(new Error(`EREPLACED: ${path} was replaced by another file during the run`), { code: 'EREPLACED' });
  if (open.size !== size) throw Object.assign(new Error(`ETRUNCATED: ${path} changed size during the run (${size} → ${open.size} bytes)`), { code: open.size < size ? 'ETRUNCATED' : 'EGREW' });
}

function residency(mapped: NativeMappedFile | undefined, size: number): number | null {
  if (!mapped || mapped.closed) return null;
  try {
    const fraction = mapped.residency(0, size);
    return fraction < 0 ? null : fraction;
  } catch {
    return null;
  }
}

/** Why cold-cache rows cannot be measured here, or undefined when they can. */
function whyNoColdCache(mapped: NativeMappedFile | undefined, unavailable: string | undefined, size: number): string | undefined {
  if (!mapped) return `cold cache not measured: dropping the page cache needs the native addon (${unavailable ?? 'not loaded'})`;
  try {
    mapped.dropCache();
  } catch (error) {
    return `cold cache not measured: ${(error as Error).message}`;
  }
  const left = mapped.residency(0, size);
  if (left > 0.05) {
    return `cold cache not measured: ${(left * 100).toFixed(0)}% of the file stayed in the page cache after the drop (tmpfs, or pages locked by another process)`;
  }
  return undefined;
}

function decide(result: CaseResult): void {
  if (!result.mmap || !result.pread) return;
  if (result.adaptive) result.adaptiveVsBest = Math.round((Math.min(result.mmap.p50Ns, result.pread.p50Ns) / result.adaptive.p50Ns) * 100) / 100;
  result.speedup = Math.round((result.pread.p50Ns / result.mmap.p50Ns) * 100) / 100;
  result.winner = result.speedup > 1.05 ? 'mmap' : result.speedup < 1 / 1.05 ? 'pread' : 'tie';
}

/** A small fixed-seed generator: every run reads the same offsets. */
function xorshift(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export function makeOffsets(pattern: Pattern, block: number, size: number): Float64Array {
  const offsets = new Float64Array(OFFSET_COUNT);
  const random = xorshift(0x9e3779b9);
  const lastStart = Math.max(0, size - block);
  const align = (value: number) => Math.floor(value / 16) * 16;
  for (let i = 0; i < OFFSET_COUNT; i++) {
    if (pattern === 'hot') {
      const window = Math.min(size, Math.max(HOT_WINDOW, block));
      offsets[i] = align(random() * Math.max(0, window - block + 1));
    } else if (pattern === 'random') {
      offsets[i] = align(random() * (lastStart + 1));
    } else {
      offsets[i] = lastStart === 0 ? 0 : (i * block) % (lastStart + 1);
    }
  }
  return offsets;
}

const BACKENDS = ['mmap', 'pread', 'adaptive'] as const;

/** The backends in round `round`'s order: rotated each round, so no backend always runs right after another. */
function inOrder(round: number): ReadonlyArray<(typeof BACKENDS)[number]> {
  return BACKENDS.map((_, i) => BACKENDS[(i + round) % BACKENDS.length]);
}

/** Offsets all at 0: the first block, which warmAll() has surely left in the page cache. */
const START_OFFSETS = new Float64Array(OFFSET_COUNT);

/**
 * Waits 10 ms without running JavaScript: fs.readSync leaves garbage whose
 * collection runs on V8's background threads right after the pread rows, and
 * on a 2-core machine it took the CPU from whichever row came next (measured:
 * the row after pread ran 20-30% slower than the same row run first).
 */
function settle(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
}

let sink = 0;

/** Folds one 32-bit word per 64-byte line of the copy into the checksum. */
function fold(words: Int32Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i += 16) sum = (sum + words[i]) | 0;
  return sum;
}

/**
 * The timed loop, compiled afresh for each measure() call (new Function: the
 * same source, but call sites and feedback of its own). One loop shared by
 * every backend made its read() call site polymorphic after the first
 * backend, so the backend measured first in a run (mmap) got a monomorphic,
 * inlined call the others never had: 3-5 ns on a 57 ns read, measured.
 * Every backend now gets the first one's conditions.
 */
function compileLoop(read: Reader, offsets: Float64Array, target: Uint8Array, words: Int32Array, wordCount: number, mask: number): (ops: number, sum: number) => number {
  const make = new Function(
    'read', 'offsets', 'target', 'words', 'wordCount', 'mask', 'fold',
    `let cursor = 0;
    return (ops, sum) => {
      for (let i = 0; i < ops; i++) {
        read(offsets[cursor++ & mask], target);
        sum = (sum + fold(words, wordCount)) | 0;
      }
      return sum;
    };`,
  ) as (...args: unknown[]) => (ops: number, sum: number) => number;
  return make(read, offsets, target, words, wordCount, mask, fold);
}

/**
 * Ops per timed sample in a cold row. One op per sample left the small
 * blocks at the clock's floor: process.hrtime advances in 10 ns steps here
 * and a pair of calls costs ~40 ns, so a ~95 ns cold-row 16 B read (the hot
 * window is resident again after its first 16 faults) read as 90 or 100 ns,
 * and adaptive/best swung 0.9 ↔ 1.0 by one tick (five runs, 2026-11-30).
 * Eight reads per sample make a tick 1.25 ns. The same for every backend; no
 * warm-up (it would warm the cache). Blocks above 64 KiB stay one per sample:
 * a cold 1 MiB read through the mapping takes ~15 ms.
 */
function coldBatch(block: number): number {
  return block <= 65536 ? 8 : 1;
}

/** Cold reads can take ms each (a mapping faulting 256 pages): keep reading past the budget, up to 10×, for a real p99. */
const COLD_MIN_SAMPLES = 100;

/** `batched`: true calibrates a batch of ~20 µs after a warm-up; false times each op; a number is ops per sample, without warm-up. */
function measure(read: Reader, offsets: Float64Array, block: number, budgetMs: number, batched: boolean | number, cancelled: () => boolean, minSamples = 1): OpStats {
  const target = new Uint8Array(block);
  const words = new Int32Array(target.buffer, 0, block >> 2);
  const wordCount = block >> 2;
  const mask = offsets.length - 1;
  let sum = 0;
  const loop = compileLoop(read, offsets, target, words, wordCount, mask);
  const run = (ops: number) => {
    sum = loop(ops, sum);
  };
  // Warm-up (JIT, TLB) and calibration: how many ops make a batch of ~20 µs.
  let batch = typeof batched === 'number' ? batched : 1;
  if (batched === true) {
    const warmUntil = performance.now() + Math.min(20, budgetMs / 5);
    let calibrationOps = 0;
    const t0 = performance.now();
    while (performance.now() < warmUntil) {
      run(16);
      calibrationOps += 16;
    }
    const nsPerOp = ((performance.now() - t0) * 1e6) / calibrationOps;
    batch = Math.max(1, Math.min(4096, Math.ceil(BATCH_TARGET_NS / nsPerOp)));
  }
  const samples: number[] = [];
  const deadline = performance.now() + budgetMs;
  const hardDeadline = performance.now() + budgetMs * 10;
  do {
    if (cancelled()) throw new BenchCancelled();
    const t0 = process.hrtime.bigint();
    run(batch);
    const elapsed = Number(process.hrtime.bigint() - t0);
    samples.push(elapsed / batch);
  } while ((performance.now() < deadline || (samples.length < minSamples && performance.now() < hardDeadline)) && samples.length < 200_000);
  sink ^= sum;
  return summarise(Float64Array.from(samples), batch, block);
}

/**
 * The fault guard's cost at 4 KiB: guarded vs unguarded copies through the
 * addon, out of a private anonymous copy of the file's hot window. Never out
 * of the file's mapping: an unguarded copy there dies of SIGBUS when another
 * process truncates the file, and this runs inside the extension host.
 */
function measureGuard(pread: Reader, size: number, budgetMs: number, cancelled: () => boolean): GuardCost {
  const window = new Uint8Array(Math.min(size, HOT_WINDOW));
  const got = pread(0, window);
  const copy = loadAddon().privateCopy(window.subarray(0, got));
  const offsets = makeOffsets('hot', 4096, copy.size);
  // Alternate the two, twice, and keep each one's best median: the guard's
  // cost is a few ns, smaller than the drift between two back-to-back runs.
  let guarded = Infinity;
  let unguarded = Infinity;
  for (let round = 0; round < 2; round++) {
    guarded = Math.min(guarded, measure((o, t) => copy.read(o, t), offsets, 4096, budgetMs / 2, true, cancelled).p50Ns);
    unguarded = Math.min(unguarded, measure((o, t) => copy.readUnguarded(o, t), offsets, 4096, budgetMs / 2, true, cancelled).p50Ns);
  }
  return { blockBytes: 4096, guardedNs: guarded, unguardedNs: unguarded, overheadPct: Math.round(((guarded - unguarded) / unguarded) * 1000) / 10 };
}

/** Reads the whole file in 1 MiB blocks (up to the time budget), copying and folding. */
function scan(backend: BenchBackend, read: Reader, size: number, budgetMs: number, cancelled: () => boolean): ScanResult {
  const block = 1 << 20;
  const target = new Uint8Array(block);
  const words = new Int32Array(target.buffer);
  const t0 = performance.now();
  const deadline = t0 + budgetMs;
  let offset = 0;
  let sum = 0;
  while (offset < size) {
    if (cancelled()) throw new BenchCancelled();
    const n = read(offset, target);
    if (n === 0) break;
    sum = (sum + fold(words, n >> 2)) | 0;
    offset += n;
    if (offset % (64 * block) === 0 && performance.now() > deadline) break;
  }
  sink ^= sum;
  const seconds = (performance.now() - t0) / 1000;
  return { backend, bytes: offset, seconds: Math.round(seconds * 1000) / 1000, mbPerS: Math.round(offset / seconds / 1e6), complete: offset >= size };
}

/** Reads the file once through pread so warm rows start warm (bounded by time for huge files). */
function warm(read: Reader, size: number, budgetMs: number, cancelled: () => boolean): void {
  scan('pread', read, size, budgetMs, cancelled);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 30 && bytes % (1 << 30) === 0) return `${bytes / (1 << 30)} GiB`;
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

/** Keeps the checksum observable so the copies cannot be optimised away. */
export function checksumSink(): number {
  return sink;
}
