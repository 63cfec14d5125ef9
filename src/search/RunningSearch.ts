import type { MatchInfo, SearchProgressParams, SearchQuery } from '../../shared/protocol/search';
import { isWordUnit } from './compileQuery';
import { MatchList } from './MatchList';
import type { MatchBatch, RangeScanner, ScanRun } from './scanners';

/** What a finished (or stopped) search found, for hugeview.find's caller. */
export interface SearchSummary {
  searchId: number;
  query: SearchQuery;
  count: number;
  stored: number;
  first: MatchInfo | null;
  cancelled: boolean;
  error?: string;
}

/** What a search needs of its document (no vscode: the native tests run it on real files). */
export interface SearchedDocument {
  readonly size: number;
  read(offset: number, length: number): Uint8Array;
  readonly startedLines: { lineOf(offset: number): number | undefined } | undefined;
}

const BUCKETS = 200;
/** How many of segment A's first matches are kept to reconcile the seam at the cursor. */
const HEAD = 4096;

/**
 * One search, from the cursor, wrapping around: segment A is [from, size),
 * scanned first so the nearest matches come first; segment B is [0, from).
 * Counts are those of one non-overlapping scan from the start of the file (as
 * rg counts), whatever the cursor: when B's last match runs past the cursor,
 * the seam is reconciled (see reconcile()).
 */
export class RunningSearch {
  /** Segment B, [0, from): before segment A in file order. */
  private readonly before = new MatchList();
  /** Segment A, [from, size), after the seam is reconciled. */
  private after = new MatchList();
  private bucketsA = new Float64Array(BUCKETS);
  private readonly bucketsB = new Float64Array(BUCKETS);
  /** A's first raw matches (before the whole-word filter): [start, end, kept (1/0)] each. */
  private readonly head: number[] = [];
  /** A had more raw matches than the head holds. */
  private headFull = false;
  /** Where B's last raw match ended (0 if none). */
  private lastEndB = 0;
  private run_: ScanRun | undefined;
  private stopped = false;
  private done = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private error: string | undefined;
  private readonly size: number;
  private scannedA = 0;
  private scannedB = 0;
  private firstSent = false;

  constructor(
    readonly id: number,
    private readonly query: SearchQuery,
    private readonly scan: RangeScanner,
    /** Whole word for a native query: the encoding to read the characters either side in; else undefined. */
    private readonly wholeWord: string | undefined,
    private readonly document: SearchedDocument,
    private readonly from: number,
    private readonly cap: number,
    private readonly report: (progress: SearchProgressParams) => void,
    private readonly finish: (summary: SearchSummary) => void,
  ) {
    this.size = document.size;
  }

  async run(): Promise<void> {
    try {
      await this.segment(this.from, this.size, 'A');
      if (!this.stopped && this.from > 0) await this.segment(0, this.from, 'B');
      if (!this.stopped && this.lastEndB > this.from) await this.reconcile();
      this.done = !this.stopped;
    } catch (error) {
      this.error = (error as Error).message;
      this.done = true;
    }
    if (this.stopped) return;
    this.send();
    this.finish({ searchId: this.id, query: this.query, count: this.count, stored: this.before.stored + this.after.stored, first: this.first, cancelled: false, error: this.error });
  }

  stop(): void {
    this.stopped = true;
    this.run_?.cancel();
    if (this.timer) clearTimeout(this.timer);
    this.finish({ searchId: this.id, query: this.query, count: this.count, stored: this.before.stored + this.after.stored, first: this.first, cancelled: true });
  }

  /** The match nearest after the cursor (segment A is scanned first), else the first in the file. */
  private get first(): MatchInfo | null {
    if (this.after.stored > 0) return this.info(1, this.after, 0);
    if (this.before.stored > 0) return this.info(0, this.before, 0);
    return null;
  }

  private get count(): number {
    return this.before.count + this.after.count;
  }

  private bucketOf(offset: number): number {
    return Math.min(BUCKETS - 1, Math.floor((offset / Math.max(1, this.size)) * BUCKETS));
  }

  private async segment(from: number, to: number, which: 'A' | 'B'): Promise<void> {
    const list = which === 'A' ? this.after : this.before;
    const buckets = which === 'A' ? this.bucketsA : this.bucketsB;
    const accept = (batch: MatchBatch) => {
      if (this.stopped) return;
      const m = batch.matches;
      // Segment B's stored matches fit in what segment A left of the cap.
      const cap = which === 'B' ? Math.max(0, this.cap - this.after.stored) : this.cap;
      for (let i = 0; i < m.length; i += 2) {
        const kept = !this.wholeWord || this.isWholeWord(m[i], m[i + 1]);
        if (which === 'A') {
          if (this.head.length < 3 * HEAD) this.head.push(m[i], m[i] + m[i + 1], kept ? 1 : 0);
          else this.headFull = true;
        } else {
          this.lastEndB = Math.max(this.lastEndB, m[i] + m[i + 1]);
        }
        if (!kept) continue;
        list.add(m[i], m[i + 1], cap);
        buckets[this.bucketOf(m[i])]++;
      }
      if (which === 'A') this.scannedA = batch.scannedTo - this.from;
      else this.scannedB = batch.scannedTo;
      this.progressed();
    };
    this.run_ = this.scan(from, to, from, accept);
    const result = await this.run_.promise;
    if (!result.cancelled) accept(result);
  }

  /**
   * B's last match ends at lastEndB, past the cursor: a scan from the start of
   * the file goes on from there, not from the cursor, so A's first matches may
   * not be its. Scan on from lastEndB (the seam) until the scan falls into step
   * with A — at a position no match of A straddles, the leftmost match from
   * there is A's next one, and all after it are A's — then put the seam's
   * matches in place of A's before that position. If A's head runs out first,
   * the seam scans to the end and replaces A.
   */
  private async reconcile(): Promise<void> {
    const seam = new MatchList();
    const seamBuckets = new Float64Array(BUCKETS);
    let at = this.lastEndB;
    let inStep = this.inStep(at);
    if (!inStep) {
      let run: ScanRun | undefined;
      const accept = (batch: MatchBatch) => {
        const m = batch.matches;
        for (let i = 0; i < m.length && !inStep && !this.stopped; i += 2) {
          if (!this.wholeWord || this.isWholeWord(m[i], m[i + 1])) {
            seam.add(m[i], m[i + 1], this.cap);
            seamBuckets[this.bucketOf(m[i])]++;
          }
          at = m[i] + m[i + 1];
          inStep = this.inStep(at);
        }
        if (inStep) run?.cancel();
      };
      run = this.scan(at, this.size, at, accept);
      this.run_ = run;
      const result = await run.promise;
      if (!result.cancelled) accept(result);
      if (this.stopped) return;
    }
    // A's matches that start before `at` are gone (all of them when the seam ran to the end).
    let dropped = 0;
    if (inStep) {
      for (let k = 0; k < this.head.length && this.head[k] < at; k += 3) {
        if (this.head[k + 2] === 1) {
          dropped++;
          this.bucketsA[this.bucketOf(this.head[k])]--;
        }
      }
    } else {
      dropped = this.after.count;
      this.bucketsA = new Float64Array(BUCKETS);
    }
    const merged = new MatchList();
    for (let k = 0; k < seam.stored; k++) merged.add(seam.offsets[k], seam.lengths[k], this.cap);
    if (inStep) {
      for (let k = this.after.lowerBound(at); k < this.after.stored; k++) merged.add(this.after.offsets[k], this.after.lengths[k], this.cap);
    }
    merged.count = seam.count + this.after.count - dropped;
    this.after = merged;
    for (let b = 0; b < BUCKETS; b++) this.bucketsA[b] += seamBuckets[b];
  }

  /** No match of A straddles `at` (and A's matches up to `at` are known). */
  private inStep(at: number): boolean {
    const h = this.head;
    const n = h.length / 3;
    if (this.headFull && (n === 0 || at > h[3 * (n - 1)])) return false;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (h[3 * mid] < at) lo = mid + 1;
      else hi = mid;
    }
    // lo - 1 is the last match starting before `at`
    return lo === 0 || h[3 * (lo - 1) + 1] <= at;
  }

  private isWholeWord(offset: number, length: number): boolean {
    if (this.wholeWord === 'utf-16le' || this.wholeWord === 'utf-16be') {
      const unitAt = (at: number) => {
        if (at < 0 || at + 2 > this.size) return undefined;
        const b = this.document.read(at, 2);
        return this.wholeWord === 'utf-16le' ? b[0] | (b[1] << 8) : (b[0] << 8) | b[1];
      };
      return !isWordUnit(unitAt(offset - 2)) && !isWordUnit(unitAt(offset + length));
    }
    const before = offset > 0 ? this.document.read(offset - 1, 1)[0] : undefined;
    const after = offset + length < this.size ? this.document.read(offset + length, 1)[0] : undefined;
    return !isWordUnit(before) && !isWordUnit(after);
  }

  matchesIn(start: number, end: number): { offsets: number[]; lengths: number[] } {
    const offsets: number[] = [];
    const lengths: number[] = [];
    for (const list of [this.before, this.after]) {
      // a match starting up to its length before `start` can still cover it
      for (let i = Math.max(0, list.lowerBound(start) - 1); i < list.stored && list.offsets[i] < end && offsets.length < 10_000; i++) {
        if (list.offsets[i] + list.lengths[i] > start) {
          offsets.push(list.offsets[i]);
          lengths.push(list.lengths[i]);
        }
      }
    }
    return { offsets, lengths };
  }

  /** The next stored match after `from` (or the last before it), wrapping around. */
  next(from: number, direction: 1 | -1): MatchInfo | null {
    const total = this.before.stored + this.after.stored;
    if (total === 0) return null;
    const at = (k: number) => (k < this.before.stored ? this.info(0, this.before, k) : this.info(1, this.after, k - this.before.stored));
    const offsetOf = (k: number) => (k < this.before.stored ? this.before.offsets[k] : this.after.offsets[k - this.before.stored]);
    // binary search over the concatenation (before ++ after is in file order)
    let lo = 0;
    let hi = total;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (direction === 1 ? offsetOf(mid) <= from : offsetOf(mid) < from) lo = mid + 1;
      else hi = mid;
    }
    if (direction === 1) return at(lo < total ? lo : 0);
    return at(lo - 1 >= 0 ? lo - 1 : total - 1);
  }

  /** A stored match with its place among all matches in file order and its line, when indexed. */
  private info(segment: 0 | 1, list: MatchList, k: number): MatchInfo {
    const offset = list.offsets[k];
    let line: number | null = null;
    try {
      line = this.document.startedLines?.lineOf(offset) ?? null;
    } catch {
      line = null;
    }
    return { index: segment === 0 ? k : this.before.count + k, offset, length: list.lengths[k], line };
  }

  private progressed(): void {
    if (!this.firstSent && this.count > 0) {
      this.firstSent = true;
      return this.send(); // the first match goes out at once
    }
    this.timer ??= setTimeout(() => this.send(), 100);
  }

  private send(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const buckets = this.bucketsA.map((a, i) => a + this.bucketsB[i]);
    let max = 0;
    for (const b of buckets) max = Math.max(max, b);
    const overview = Array.from(buckets, (b) => (b <= 0 ? 0 : Math.round((Math.log1p(b) / Math.log1p(max)) * 100) / 100));
    const stored = this.before.stored + this.after.stored;
    const first = this.first;
    const scanned = this.scannedA + this.scannedB;
    this.report({ searchId: this.id, scanned: this.size ? Math.min(1, scanned / this.size) : 1, count: this.count, stored, done: this.done, first, overview, error: this.error });
  }
}
