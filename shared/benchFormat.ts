/**
 * How the benchmark report writes its numbers, the same in the panel, the
 * text and the Markdown: one rule for every time (ns below 1 µs, µs below
 * 1 ms, ms below 1 s, then s), three significant digits, thousands
 * separators.
 */

const UNITS: ReadonlyArray<[number, string]> = [
  [1e9, 's'],
  [1e6, 'ms'],
  [1e3, 'µs'],
  [1, 'ns'],
];

/** Three significant digits (whole numbers from 100 up), with thousands separators: 9.42, 53.8, 159, 1,234. */
export function threeDigits(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const rounded = Number(value.toPrecision(3));
  return Math.abs(rounded) >= 100
    ? Math.round(rounded).toLocaleString('en-US')
    : rounded.toLocaleString('en-US', { maximumFractionDigits: 20, maximumSignificantDigits: 3 });
}

/** A duration given in ns: "159 ns", "9.42 µs", "53.8 ms", "1.2 s". */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  const rounded = Number(ns.toPrecision(3)); // 999.7 ns is "1 µs", not "1,000 ns"
  for (const [scale, unit] of UNITS) if (Math.abs(rounded) >= scale || unit === 'ns') return `${threeDigits(ns / scale)} ${unit}`;
  return `${ns} ns`;
}

/** MB/s (10^6 bytes), whole numbers with separators from 100 up: "2,345 MB/s" is written "2,345". */
export function formatRate(mbPerS: number): string {
  return Math.abs(mbPerS) >= 100 ? Math.round(mbPerS).toLocaleString('en-US') : threeDigits(mbPerS);
}

/** A speed-up ratio: "3.1×", "0.02×". */
export function formatSpeedup(ratio: number): string {
  return `${threeDigits(ratio)}×`;
}

/** Fewer reads than this and a p99 is only the slowest read: the report marks it. */
export const P99_MIN_OPS = 100;

/** The seed's Go benchmark (Varnish, "mmap 25× faster in Go") on this project's machine: ns per 16-byte record, read in place from the mapped slice vs through ReaderAt (pread). */
export const SEED_GO_NS = { readerAt: 575, slice: 1.5 };

/** The rule the adaptive read is held to: at least this fraction of the faster of mmap and pread. */
export const ADAPTIVE_BAR = 0.95;
