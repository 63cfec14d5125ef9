import type { OpStats } from '../../shared/benchReport';

/** Percentile of an ascending array, nearest-rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Summarises per-batch timings (ns per op within each batch). */
export function summarise(nsPerOp: Float64Array, batch: number, bytesPerOp: number): OpStats {
  const sorted = Float64Array.from(nsPerOp).sort();
  let total = 0;
  for (const v of sorted) total += v;
  const meanNs = total / sorted.length;
  return {
    ops: sorted.length * batch,
    p50Ns: round(percentile(sorted, 50)),
    p99Ns: round(percentile(sorted, 99)),
    meanNs: round(meanNs),
    mbPerS: round((bytesPerOp / meanNs) * 1000),
    batch,
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
