import { answeredRange, covers, windowAround, type ByteRange } from './matchWindow';

export type MatchesInFn = (searchId: number, start: number, end: number) => Promise<{ offsets: number[]; lengths: number[] }>;

/**
 * Keeps the matches around the screen: asks MatchesIn for the visible bytes
 * and a margin either side, only when the screen leaves the last answer or
 * the search stored more matches, with at most one request in flight (a
 * newer wish is asked for when the answer comes back).
 */
export class MatchWindowFetcher {
  private searchId: number | undefined;
  private stored = 0;
  private size = 0;
  private visible: ByteRange = { start: 0, end: 0 };
  private known: { range: ByteRange; stored: number; complete: boolean } | undefined;
  private inFlight = false;
  private askedKey = '';

  constructor(
    private readonly matchesIn: MatchesInFn,
    private readonly answered: (offsets: number[], lengths: number[]) => void,
  ) {}

  /** A new search (or none): forgets the cached answer. */
  reset(searchId: number | undefined): void {
    this.searchId = searchId;
    this.stored = 0;
    this.known = undefined;
    this.askedKey = '';
  }

  /** The search stored `stored` matches so far in a file of `size` bytes. */
  setStored(stored: number, size: number): void {
    this.stored = stored;
    this.size = size;
    this.fetch();
  }

  setVisible(start: number, end: number): void {
    this.visible = { start, end };
    this.fetch();
  }

  private fetch(): void {
    const searchId = this.searchId;
    const { stored, visible } = this;
    if (searchId === undefined || this.inFlight || stored === 0 || visible.end <= visible.start) return;
    const known = this.known;
    if (known && known.stored === stored && covers(known.range, visible)) return;
    // An answer that hit the cap and still missed the screen: ask for the screen alone.
    const asked = known && known.stored === stored && !known.complete ? visible : windowAround(visible, Math.max(this.size, visible.end));
    const key = `${searchId}:${asked.start}:${asked.end}:${stored}`;
    if (key === this.askedKey) return;
    this.askedKey = key;
    this.inFlight = true;
    this.matchesIn(searchId, asked.start, asked.end).then(
      ({ offsets, lengths }) => {
        this.inFlight = false;
        if (searchId !== this.searchId) return this.fetch();
        const range = answeredRange(asked, offsets);
        this.known = { range, stored, complete: range.end === asked.end };
        this.answered(offsets, lengths);
        this.fetch(); // the screen or the count may have moved on meanwhile
      },
      () => {
        this.inFlight = false;
      },
    );
  }
}
