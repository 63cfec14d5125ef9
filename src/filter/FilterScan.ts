import type { LineScanner } from '../core/LineScanner';
import type { RangeScanner, ScanRun } from '../search/scanners';
import { ContextStream, LineList, linePasses } from './LineList';

/** One filter, compiled to a scanner of the existing search engines. */
export interface ScannedFilter {
  scan: RangeScanner;
  /** Whole word to check on each native match (the kernel knows no words); regexes check it themselves. */
  isWholeWord?: (offset: number, length: number) => boolean;
  exclude: boolean;
}

/** What a filter scan needs of its document. */
export interface FilteredDocument {
  readonly size: number;
  /** Newline questions (native, or pread in chunks). */
  readonly lines: LineScanner;
  /**
   * Every line start in [from, to) after `from` (from itself is one): the
   * native kernel over "\n", or chunked reads; undefined for no newline scan.
   */
  newlineStarts(from: number, to: number, onStarts: (starts: number[]) => void): ScanRun;
  /** Whether a match's line is found natively around it (cheap), rather than by scanning every newline. */
  readonly countsNatively: boolean;
  /** The line holding `offset`: its start (no further back than `floor`, a line start) and its end (past its newline, at most `limit`). */
  lineAround(offset: number, floor: number, limit: number): { start: number; end: number };
}

export interface FilterSpecCompiled {
  filters: ScannedFilter[];
  combine: 'all' | 'any';
  before: number;
  after: number;
}

const FIRST_SEGMENT = 4 << 20;
/** Segments grow to this with a newline scan (a segment's line starts are held while it is combined). */
const MAX_SEGMENT_LINES_MODE = 16 << 20;

/**
 * Lists the lines of a file that pass a set of filters, in file order, in
 * segments that each end at a line start (so no line straddles two), with
 * grep's context around passing lines. Each filter runs on the search
 * engines off the JS thread (the native kernel, the regex worker); a match
 * becomes its line. Two ways to find lines:
 * - around matches: include filters without context, natively — a match's
 *   line is found around it, so only matched lines cost anything (their line
 *   numbers are found when shown);
 * - every line: an exclude filter, context lines or the pread backend need
 *   every line start of the segment (the newline scan), and each filter's
 *   matches mark the lines they fall on.
 */
export class FilterScan {
  readonly list = new LineList();
  scannedTo = 0;
  done = false;
  error: string | undefined;
  private stopped = false;
  private current: ScanRun | undefined;
  private readonly everyLine: boolean;
  private readonly stream: ContextStream;
  private readonly exclude: boolean[];

  constructor(
    private readonly doc: FilteredDocument,
    private readonly spec: FilterSpecCompiled,
    private readonly progressed: () => void,
  ) {
    this.exclude = spec.filters.map((f) => f.exclude);
    this.everyLine = !doc.countsNatively || spec.filters.length === 0 || spec.before > 0 || spec.after > 0 || this.exclude.some((e) => e);
    this.stream = new ContextStream(spec.before, spec.after, (offset, line, context) => this.list.add(offset, line, context));
  }

  get lines(): FilteredDocument['lines'] {
    return this.doc.lines;
  }

  get scanned(): number {
    return this.doc.size === 0 ? 1 : Math.min(1, this.scannedTo / this.doc.size);
  }

  async run(): Promise<void> {
    try {
      let from = 0;
      let line = 0;
      let segment = FIRST_SEGMENT;
      const cap = MAX_SEGMENT_LINES_MODE;
      // Around matches, one segment: each filter's matches stream in as the kernel finds them (no border to align).
      if (!this.everyLine) segment = this.doc.size;
      while (from < this.doc.size && !this.stopped) {
        const to = this.lineStartAtOrAfter(Math.min(this.doc.size, from + segment));
        const next = this.everyLine ? await this.everyLineSegment(from, to, line) : (await this.countingSegment(from, to)) ? NaN : undefined;
        if (next === undefined) return; // stopped
        line = next;
        from = to;
        this.scannedTo = to;
        this.progressed();
        segment = Math.min(cap, segment * 4);
      }
      this.done = !this.stopped;
    } catch (error) {
      this.error = (error as Error).message;
      this.done = true;
    }
    if (!this.stopped) this.progressed();
  }

  stop(): void {
    this.stopped = true;
    this.current?.cancel();
  }

  private lineStartAtOrAfter(offset: number): number {
    if (offset >= this.doc.size || offset === 0) return Math.min(offset, this.doc.size);
    const { offset: past, found } = this.doc.lines.findNewline(offset - 1, 1, this.doc.size);
    return found === 1 ? past : this.doc.size;
  }

  /** Runs `scan` over [from, to); false when stopped. */
  private async each(scan: RangeScanner, from: number, to: number, onMatches: (m: ArrayLike<number>) => void): Promise<boolean> {
    const single = !this.everyLine && this.spec.filters.length === 1;
    const run = scan(from, to, from, (batch) => {
      if (this.stopped) return;
      if (single) this.scannedTo = Math.max(this.scannedTo, Math.min(to, batch.scannedTo));
      onMatches(batch.matches);
    });
    this.current = run;
    const result = await run.promise;
    if (this.stopped || result.cancelled) return false;
    onMatches(result.matches);
    return true;
  }

  /** Every line start of [from, to), then each filter's hits per line; returns the next segment's first line number. */
  private async everyLineSegment(from: number, to: number, line: number): Promise<number | undefined> {
    let starts = new Float64Array(4096);
    let n = 0;
    const push = (offset: number) => {
      if (n === starts.length) {
        const grown = new Float64Array(2 * starts.length);
        grown.set(starts);
        starts = grown;
      }
      starts[n++] = offset;
    };
    push(from);
    const run = this.doc.newlineStarts(from, to, (batch) => {
      for (const s of batch) if (s < to) push(s);
    });
    this.current = run;
    const done = await run.promise;
    if (this.stopped || done.cancelled) return undefined;
    if (from === to) return line;
    const hits = this.spec.filters.map(() => new Uint8Array(n));
    for (let f = 0; f < this.spec.filters.length; f++) {
      const filter = this.spec.filters[f];
      const hit = hits[f];
      let j = 0;
      const ok = await this.each(filter.scan, from, to, (m) => {
        for (let i = 0; i < m.length; i += 2) {
          const at = m[i];
          if (at >= to || (filter.isWholeWord && !filter.isWholeWord(at, m[i + 1]))) continue;
          while (j + 1 < n && starts[j + 1] <= at) j++;
          hit[j] = 1;
        }
      });
      if (!ok) return undefined;
    }
    const lineHits = new Uint8Array(hits.length);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < hits.length; f++) lineHits[f] = hits[f][i];
      this.stream.line(starts[i], line + i, linePasses(lineHits, this.exclude, this.spec.combine));
    }
    return line + n;
  }

  /**
   * Include filters, no context, natively: a match's line is found by
   * reading the bytes around it (one pread of a kilobyte for a usual line),
   * so only matched lines cost
   * anything and further matches on a listed line cost nothing. Line numbers
   * are left unknown (NaN): the rows on screen get theirs when asked for.
   */
  private async countingSegment(from: number, to: number): Promise<boolean> {
    const single = this.spec.filters.length === 1;
    const perFilter: Array<{ offsets: number[]; lines: number[] }> = [];
    for (const filter of this.spec.filters) {
      const found = { offsets: [] as number[], lines: [] as number[] };
      /** The end of the last listed line (just past its newline): a line start. */
      let listedEnd = from;
      const ok = await this.each(filter.scan, from, to, (m) => {
        for (let i = 0; i < m.length; i += 2) {
          const at = m[i];
          if (at >= to || at < listedEnd || (filter.isWholeWord && !filter.isWholeWord(at, m[i + 1]))) continue;
          const { start, end } = this.doc.lineAround(at, listedEnd, to);
          listedEnd = end;
          if (single) this.list.add(start, NaN, false);
          else {
            found.offsets.push(start);
            found.lines.push(NaN);
          }
        }
        if (single) this.progressed();
      });
      if (!ok) return false;
      perFilter.push(found);
    }
    if (!single) this.merge(perFilter);
    return true;
  }

  /** The lines several include filters found, in file order: on all of them ('all') or on any. */
  private merge(perFilter: Array<{ offsets: number[]; lines: number[] }>): void {
    const at = perFilter.map(() => 0);
    for (;;) {
      let low = Infinity;
      let lowLine = 0;
      for (let f = 0; f < perFilter.length; f++) {
        const o = perFilter[f].offsets[at[f]];
        if (o !== undefined && o < low) {
          low = o;
          lowLine = perFilter[f].lines[at[f]];
        }
      }
      if (low === Infinity) return;
      let on = 0;
      for (let f = 0; f < perFilter.length; f++) {
        if (perFilter[f].offsets[at[f]] === low) {
          on++;
          at[f]++;
        }
      }
      if (this.spec.combine === 'any' || on === perFilter.length) this.list.add(low, lowLine, false);
    }
  }
}
