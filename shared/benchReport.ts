/** The benchmark's JSON report. README documents this schema ("hugeview.bench/1"). */
import type { Backend, BenchMode } from './types';

export type Pattern = 'hot' | 'random' | 'sequential';
export type Cache = 'warm' | 'cold';
export type BenchBackend = Backend;

export interface OpStats {
  /** Operations measured (after warm-up). */
  ops: number;
  /** Median and 99th percentile of ns per operation. */
  p50Ns: number;
  p99Ns: number;
  meanNs: number;
  /** Bytes copied per second, in MB/s (10^6 bytes). */
  mbPerS: number;
  /** Operations per timed batch: tiny reads are timed in batches so the clock's own cost does not dominate. */
  batch: number;
}

export interface CaseResult {
  pattern: Pattern;
  blockBytes: number;
  cache: Cache;
  mmap: OpStats | null;
  pread: OpStats | null;
  /** The viewer's own read: the mapping where the pages are resident, else one pread (absent in reports from before it existed). */
  adaptive?: OpStats | null;
  /** The faster of mmap and pread (p50) / adaptive p50: 0.95 and up meets the rule "never slower than the faster way". */
  adaptiveVsBest?: number | null;
  /** The share of adaptive reads that took pread (0..1). */
  adaptivePreadShare?: number | null;
  /** pread p50 / mmap p50: above 1 means mmap is faster. Null when a side is missing. */
  speedup: number | null;
  winner: BenchBackend | 'tie' | null;
  /** Why a side is missing (e.g. the cache could not be dropped), or other caveats. */
  note?: string;
}

/**
 * The seed's own case: a native fold over 16-byte records read in place in
 * the mapping (nothing copied into JavaScript) against pread of each record +
 * the same fold. Times are ns per record.
 */
export interface InPlaceResult {
  pattern: Pattern;
  recordBytes: number;
  inPlace: OpStats | null;
  pread: OpStats | null;
  /** pread p50 / in-place p50. */
  speedup: number | null;
  note?: string;
}

export interface ScanResult {
  backend: BenchBackend;
  bytes: number;
  seconds: number;
  mbPerS: number;
  /** False when the time budget ended the scan before the end of the file. */
  complete: boolean;
}

export interface GuardCost {
  blockBytes: number;
  guardedNs: number;
  unguardedNs: number;
  overheadPct: number;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryBytes: number;
  os: string;
  kernel: string;
  node: string;
  fsType: string;
}

export interface BenchReport {
  schema: 'hugeview.bench/1';
  file: { path: string; size: number };
  machine: MachineInfo;
  mode: BenchMode;
  startedAt: string;
  durationMs: number;
  residencyBefore: number | null;
  residencyAfter: number | null;
  cases: CaseResult[];
  scans: ScanResult[];
  guard: GuardCost | null;
  /** The in-place fold rows (absent in reports from before they existed). */
  inPlace?: InPlaceResult[];
  /** Page round trips through an open HugeView editor, per backend (absent when no editor was open). */
  roundTrip?: RoundTripResult[];
  /** True when the run ended early (cancelled, or the file changed under it). */
  partial: boolean;
  error?: { code: string; message: string };
}

export interface BenchProgress {
  done: number;
  total: number;
  label: string;
}

/** The end-to-end page round trip through the viewer: webview asks → host reads → webview has the bytes. */
export interface RoundTripResult {
  backend: BenchBackend;
  pages: number;
  pageBytes: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}
