import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MatchInfo, SearchProgressParams, SearchQuery } from '../../shared/searchProtocol';
import { MmapSource } from '../bytes/MmapSource';
import type { HugeViewDocument } from '../viewer/HugeViewDocument';
import type { TextEncodingName } from '../../shared/protocol';
import { compileQuery, isWordUnit, literalAsRegex, type CompiledQuery } from './compileQuery';
import { MatchList } from './MatchList';
import { nativeRangeScanner, regexRangeScanner, type MatchBatch, type RangeScanner, type ScanRun } from './scanners';

const BUCKETS = 200;

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

/**
 * One panel's search: starts at the cursor and wraps around (segment A is
 * [cursor, end), segment B is [0, cursor)), counts every match, keeps the first
 * hugeview.search.maxResults for navigation and highlighting, and reports
 * progress. A new search cancels the running one at once.
 */
export class SearchSession {
  private static nextId = 1;
  private search: RunningSearch | undefined;
  private readonly finished = new vscode.EventEmitter<SearchSummary>();
  readonly onDidFinish = this.finished.event;

  constructor(
    private readonly document: HugeViewDocument,
    private readonly distDir: string,
    private readonly report: (progress: SearchProgressParams) => void,
    /** The encoding the editor shows the text in: Find searches that text. */
    private readonly encoding: () => TextEncodingName = () => 'utf-8',
  ) {}

  /** Starts a search; throws PatternError (code EPATTERN) for a bad query. */
  start(query: SearchQuery, from: number): number {
    const compiled = compileQuery(query, this.encoding());
    this.cancel();
    const id = SearchSession.nextId++;
    const cap = Math.max(1, vscode.workspace.getConfiguration('hugeview').get<number>('search.maxResults', 100_000));
    this.search = new RunningSearch(id, query, this.scannerFor(compiled, query), compiled.kind === 'native' && compiled.wholeWord ? compiled.encoding : undefined, this.document, Math.min(from, this.document.size), cap, this.report, (summary) => this.finished.fire(summary));
    this.search.run();
    return id;
  }

  cancel(searchId?: number): void {
    if (!this.search || (searchId !== undefined && this.search.id !== searchId)) return;
    this.search.stop();
    this.search = undefined;
  }

  matchesIn(searchId: number, start: number, end: number): { offsets: number[]; lengths: number[] } {
    return this.current(searchId)?.matchesIn(start, end) ?? { offsets: [], lengths: [] };
  }

  nextMatch(searchId: number, from: number, direction: 1 | -1): MatchInfo | null {
    return this.current(searchId)?.next(from, direction) ?? null;
  }

  dispose(): void {
    this.cancel();
    this.finished.dispose();
  }

  private current(searchId: number): RunningSearch | undefined {
    return this.search?.id === searchId ? this.search : undefined;
  }

  private scannerFor(compiled: CompiledQuery, query: SearchQuery): RangeScanner {
    // Workers read the document's own descriptor, never the path.
    const acquire = () => this.document.descriptor.acquire();
    if (compiled.kind === 'regex') return regexRangeScanner(acquire, compiled, this.distDir);
    const source = this.document.byteSource;
    if (source instanceof MmapSource) return nativeRangeScanner(source.native, compiled);
    return regexRangeScanner(acquire, literalAsRegex(compiled, query), this.distDir);
  }
}

class RunningSearch {
  /** Segment B, [0, from): before segment A in file order. */
  private readonly before = new MatchList();
  /** Segment A, [from, size): scanned first, so the nearest matches come first. */
  private readonly after = new MatchList();
  private readonly buckets = new Float64Array(BUCKETS);
  private run_: ScanRun | undefined;
  private stopped = false;
  private done = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private error: string | undefined;
  private readonly size: number;

  constructor(
    readonly id: number,
    private readonly query: SearchQuery,
    private readonly scan: RangeScanner,
    /** Whole word for a native query: the encoding to read the characters either side in; else undefined. */
    private readonly wholeWord: string | undefined,
    private readonly document: HugeViewDocument,
    private readonly from: number,
    private readonly cap: number,
    private readonly report: (progress: SearchProgressParams) => void,
    private readonly finish: (summary: SearchSummary) => void,
  ) {
    this.size = document.size;
  }

  async run(): Promise<void> {
    try {
      await this.segment(this.from, this.size, this.after);
      if (!this.stopped && this.from > 0) await this.segment(0, this.from, this.before);
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

  private async segment(from: number, to: number, list: MatchList): Promise<void> {
    const accept = (batch: MatchBatch) => {
      if (this.stopped) return;
      const m = batch.matches;
      // Segment B's stored matches fit in what segment A left of the cap.
      const cap = list === this.before ? Math.max(0, this.cap - this.after.stored) : this.cap;
      for (let i = 0; i < m.length; i += 2) {
        if (this.wholeWord && !this.isWholeWord(m[i], m[i + 1])) continue;
        list.add(m[i], m[i + 1], cap);
        this.buckets[Math.min(BUCKETS - 1, Math.floor((m[i] / Math.max(1, this.size)) * BUCKETS))]++;
      }
      if (list === this.after) this.scannedA = batch.scannedTo - this.from;
      else this.scannedB = batch.scannedTo;
      this.progressed();
    };
    this.run_ = this.scan(from, to, from, accept);
    const result = await this.run_.promise;
    if (!result.cancelled) accept(result);
  }

  private scannedA = 0;
  private scannedB = 0;

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

  private firstSent = false;

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
    let max = 0;
    for (const b of this.buckets) max = Math.max(max, b);
    const overview = Array.from(this.buckets, (b) => (b === 0 ? 0 : Math.round((Math.log1p(b) / Math.log1p(max)) * 100) / 100));
    const stored = this.before.stored + this.after.stored;
    const first = this.first;
    const scanned = this.scannedA + this.scannedB;
    this.report({ searchId: this.id, scanned: this.size ? Math.min(1, scanned / this.size) : 1, count: this.count, stored, done: this.done, first, overview, error: this.error });
  }
}

export function distDir(extensionUri: vscode.Uri): string {
  return path.join(extensionUri.fsPath, 'dist');
}
