import { performance } from 'node:perf_hooks';
import type { NativeMappedFile } from '../bytes/nativeAddon';
import { summarise } from './stats';
import type { InPlaceResult, OpStats, Pattern } from '../../shared/benchReport';

/**
 * The seed's own case (Varnish's "mmap 25× faster in Go"): reading records in
 * place in the mapping, with no copy, against pread of each record. Both run
 * natively (mappedFile.foldRecords), folding each 16-byte record into a sum,
 * so the figure is what a native consumer of the mapping pays per record. A
 * JavaScript consumer cannot have it: Electron's V8 memory cage refuses
 * external ArrayBuffers, so the mapping can never be handed to JavaScript,
 * and every byte JavaScript sees is copied (the mmap and adaptive columns).
 */
export const IN_PLACE_RECORD = 16;
export const IN_PLACE_PATTERNS: Pattern[] = ['hot', 'random', 'sequential'];

/** A timed call lasts about this long. */
const CALL_TARGET_NS = 20_000;

export function measureInPlace(
  mapped: NativeMappedFile,
  pattern: Pattern,
  offsets: Float64Array,
  budgetMs: number,
  cancelled: () => boolean,
  onCancel: () => never,
): InPlaceResult {
  const result: InPlaceResult = { pattern, recordBytes: IN_PLACE_RECORD, inPlace: null, pread: null, speedup: null };
  // Alternating rounds, keeping each side's least disturbed one, as the warm cases do.
  for (let round = 0; round < 2; round++) {
    for (const via of ['mapping', 'pread'] as const) {
      const stats = measureFold(mapped, via, offsets, budgetMs / 4, cancelled, onCancel);
      const key = via === 'mapping' ? 'inPlace' : 'pread';
      const best = result[key];
      if (!best || stats.p50Ns < best.p50Ns) result[key] = best ? { ...stats, ops: stats.ops + best.ops } : stats;
      else best.ops += stats.ops;
    }
  }
  if (result.inPlace && result.pread) result.speedup = Math.round((result.pread.p50Ns / result.inPlace.p50Ns) * 10) / 10;
  return result;
}

let sink = 0;

/** ns per record over calls of `batch` records (a power of two, so windows of the offsets never straddle their end). */
function measureFold(mapped: NativeMappedFile, via: 'mapping' | 'pread', offsets: Float64Array, budgetMs: number, cancelled: () => boolean, onCancel: () => never): OpStats {
  const windows = (batch: number) => {
    let start = 0;
    return () => {
      const window = offsets.subarray(start, start + batch);
      start = (start + batch) % offsets.length;
      return window;
    };
  };
  // Calibrate, after a first call (JIT, page tables): how many records make a call of ~20 µs.
  sink ^= mapped.foldRecords(windows(64)(), IN_PLACE_RECORD, via);
  let probe = 64;
  let nsPerRecord = Infinity;
  for (;;) {
    const next = windows(probe);
    const t0 = process.hrtime.bigint();
    sink ^= mapped.foldRecords(next(), IN_PLACE_RECORD, via);
    const elapsed = Number(process.hrtime.bigint() - t0);
    nsPerRecord = elapsed / probe;
    if (elapsed > CALL_TARGET_NS / 4 || probe >= offsets.length) break;
    probe *= 4;
  }
  let batch = 1;
  while (batch * 2 * nsPerRecord <= CALL_TARGET_NS && batch * 2 <= offsets.length) batch *= 2;
  const next = windows(batch);
  const samples: number[] = [];
  const deadline = performance.now() + budgetMs;
  do {
    if (cancelled()) onCancel();
    const window = next();
    const t0 = process.hrtime.bigint();
    sink ^= mapped.foldRecords(window, IN_PLACE_RECORD, via);
    samples.push(Number(process.hrtime.bigint() - t0) / batch);
  } while (performance.now() < deadline && samples.length < 200_000);
  return summarise(Float64Array.from(samples), batch, IN_PLACE_RECORD);
}

/** Keeps the folds observable. */
export function inPlaceSink(): number {
  return sink;
}
