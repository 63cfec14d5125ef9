/**
 * The matches to mark on screen: the last MatchesIn answer (near the view)
 * and the current match. Lookups are binary searches over the answer, so a
 * paint costs the same with 10 or 10,000 matches in the window; `version`
 * changes whenever what would be marked changes (rows use it in their keys).
 */
export const NOT_MATCHED = 0;
export const MATCHED = 1;
export const CURRENT = 2;
export type MatchState = 0 | 1 | 2;

export class FindHighlights {
  version = 0;
  private starts: number[] = [];
  /** coverEnd[i]: the furthest end among matches 0..i (overlapping matches stay correct). */
  private coverEnd: number[] = [];
  private currentStart = -1;
  private currentEnd = -1;

  /** Replaces the matches (any order; kept sorted by offset). */
  setMatches(offsets: readonly number[], lengths: readonly number[]): void {
    const n = Math.min(offsets.length, lengths.length);
    let sorted = true;
    for (let i = 1; i < n; i++) if (offsets[i] < offsets[i - 1]) sorted = false;
    const order = Array.from({ length: n }, (_, i) => i);
    if (!sorted) order.sort((a, b) => offsets[a] - offsets[b]);
    this.starts = new Array(n);
    this.coverEnd = new Array(n);
    let cover = -1;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      this.starts[k] = offsets[i];
      cover = Math.max(cover, offsets[i] + Math.max(0, lengths[i]));
      this.coverEnd[k] = cover;
    }
    this.version++;
  }

  setCurrent(offset: number, length: number): void {
    const end = offset + Math.max(0, length);
    if (offset === this.currentStart && end === this.currentEnd) return;
    this.currentStart = offset;
    this.currentEnd = end;
    this.version++;
  }

  clearCurrent(): void {
    this.setCurrent(-1, 0);
  }

  clear(): void {
    this.starts = [];
    this.coverEnd = [];
    this.currentStart = this.currentEnd = -1;
    this.version++;
  }

  get count(): number {
    return this.starts.length;
  }

  /** How the bytes [start, end) are marked: CURRENT if they touch the current match, MATCHED if any match. */
  stateOf(start: number, end: number): MatchState {
    if (this.currentStart < end && this.currentEnd > start) return CURRENT;
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.coverEnd[lo - 1] > start ? MATCHED : NOT_MATCHED;
  }

  /** The class suffix for a cell: '', ' match' or ' match current'. */
  classOf(start: number, end: number): string {
    const state = this.stateOf(start, end);
    return state === CURRENT ? ' match current' : state === MATCHED ? ' match' : '';
  }
}
