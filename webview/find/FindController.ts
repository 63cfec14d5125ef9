import type { FindCommandParams, MatchInfo, SearchMode, SearchProgressParams, SearchQuery } from '../../shared/protocol/search';
import { FindHighlights } from './FindHighlights';
import { looksLikeHexBytes, optionsFor, seedFromSelection, statusText, type FindState } from './findFormat';
import type { FindView, FindViewer, OverviewView, SearchHost } from './findPorts';
import { MatchWindowFetcher } from './MatchWindowFetcher';
import { Marker, setMarker } from '../core/testMarkers';

export const DEBOUNCE_MS = 150;

/**
 * One search at a time, as the find widget drives it: starts (debounced
 * typing, toggles), progress for the current searchId only, the first match
 * selected as soon as it is found, next / previous, highlights for what is on
 * screen (one MatchesIn in flight, the last answer cached) and the overview.
 */
export class FindController {
  readonly highlights = new FindHighlights();
  private state: FindState = 'closed';
  /** Bumps whenever a search starts or stops: replies for an older one are dropped. */
  private generation = 0;
  private searchId: number | undefined;
  private starting: Promise<number | undefined> = Promise.resolve(undefined);
  /** Progress that came before StartSearch's reply told us its id. */
  private early = new Map<number, SearchProgressParams>();
  private progress: SearchProgressParams | undefined;
  private current: MatchInfo | undefined;
  private navigated = false;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private navigation: Promise<void> = Promise.resolve();
  private readonly window: MatchWindowFetcher;
  /**
   * The hex option as the controller last set it from the typing (hex view only); undefined once the
   * person (Alt+X, the toggle) or a command chose it: then it is left alone.
   */
  private hexAuto: boolean | undefined = false;

  constructor(
    private readonly view: FindView,
    private readonly viewer: FindViewer,
    private readonly host: SearchHost,
    private readonly overview: OverviewView,
  ) {
    this.window = new MatchWindowFetcher(
      (searchId, start, end) => host.matchesIn(searchId, start, end),
      (offsets, lengths) => {
        this.highlights.setMatches(offsets, lengths);
        this.viewer.setHighlights(this.highlights);
      },
    );
    this.setState('closed');
  }

  get isOpen(): boolean {
    return this.view.isOpen;
  }

  /** True when F3 has something to go through. */
  get hasSearch(): boolean {
    return this.state !== 'closed' && this.view.query !== '';
  }

  // ---- what the person does ---------------------------------------------------

  /** Ctrl+F or FindCommand 'open': shows the widget, seeded from the command or the selection. */
  open(seed?: Partial<SearchQuery>): void {
    const wasOpen = this.view.isOpen;
    let start = !wasOpen && this.view.query !== '';
    if (!wasOpen) this.hexAuto = this.view.getOptions().hex;
    if (seed?.query) {
      this.view.query = seed.query;
      this.view.setOptions(optionsFor(seed));
      if (seed.mode) this.hexAuto = undefined;
      start = true;
    } else if (!this.current || this.viewer.selectionStart !== this.current.offset) {
      // The selection seeds the query, unless it is the current match (a wildcard or regex query stays).
      const seeded = seedFromSelection(this.viewer.selectedBytes(256), this.viewer.viewMode, this.view.getOptions().regex);
      if (seeded && seeded.query !== this.view.query) {
        this.view.query = seeded.query;
        this.view.setOptions({ hex: seeded.hex });
        this.hexAuto = seeded.hex;
        start = true;
      }
    }
    this.view.open();
    if (this.state === 'closed') this.setState('done');
    if (start) this.startNow();
    else this.showStatus();
  }

  close(): void {
    if (!this.view.isOpen && this.state === 'closed') return;
    this.stopSearch();
    this.view.close();
    this.setState('closed');
    this.showStatus();
    this.viewer.focus();
  }

  inputChanged(): void {
    this.guessHex();
    if (this.debounce !== undefined) clearTimeout(this.debounce);
    this.view.setStatus('', ''); // the old query's count (or "No results") is not this query's
    this.debounce = setTimeout(() => this.startNow(), DEBOUNCE_MS);
  }

  optionsChanged(): void {
    if (this.view.getOptions().hex !== this.hexAuto) this.hexAuto = undefined; // the person chose
    this.startNow();
  }

  /** In the hex view, typing that reads as hex bytes (`DE AD`, `7f 45 4c 46`, `0xCAFE`) searches for bytes. */
  private guessHex(): void {
    if (this.viewer.viewMode !== 'hex' || this.hexAuto === undefined) return;
    const options = this.view.getOptions();
    if (options.regex || options.hex !== this.hexAuto) return;
    const hex = looksLikeHexBytes(this.view.query);
    if (hex !== options.hex) this.view.setOptions({ hex });
    this.hexAuto = hex;
  }

  /** Next (1) or previous (-1) match. Typing not yet searched for is searched first (its first match is the answer). */
  navigate(direction: 1 | -1): void {
    if (this.debounce !== undefined) return this.startNow();
    if (!this.view.isOpen && this.state === 'closed') return this.open();
    this.navigation = this.navigation.then(() => this.step(direction)).catch(() => undefined);
  }

  command(params: FindCommandParams): void {
    switch (params.action) {
      case 'open':
        return this.open(params);
      case 'next':
        return this.navigate(1);
      case 'previous':
        return this.navigate(-1);
      case 'close':
        return this.close();
    }
  }

  // ---- what the host and the viewer report ------------------------------------------

  searchProgress(p: SearchProgressParams): void {
    if (p.searchId === this.searchId) return this.applyProgress(p);
    if (this.searchId === undefined && this.state === 'running' && this.early.size < 64) this.early.set(p.searchId, p);
  }

  /** The viewer's cursor moved (reported after a paint): a selection away from the current match drops it. */
  cursorMoved(): void {
    const current = this.current;
    if (!current || this.viewer.settling) return;
    const cursor = this.viewer.cursorOffset;
    // In the text view the cursor lands on the start of the character holding the match's first byte.
    if (cursor >= current.offset - 3 && cursor <= current.offset + current.length) return;
    this.current = undefined;
    this.highlights.clearCurrent();
    this.viewer.setHighlights(this.highlights);
    this.showStatus();
  }

  /** The viewer painted the bytes [start, end): fetch their matches if the cache does not hold them. */
  painted(start: number, end: number): void {
    this.window.setVisible(start, end);
  }

  // ---- the search ------------------------------------------------------------------

  private startNow(): void {
    if (this.debounce !== undefined) clearTimeout(this.debounce);
    this.debounce = undefined;
    this.stopSearch();
    const query = this.view.query;
    if (!this.view.isOpen) this.view.open();
    if (query === '') {
      this.setState('done');
      return this.showStatus();
    }
    const options = this.view.getOptions();
    const mode: SearchMode = options.hex ? 'hex' : options.regex ? 'regex' : 'text';
    const params = { query, mode, caseSensitive: !options.hex && options.caseSensitive, wholeWord: !options.hex && options.wholeWord, from: this.viewer.selectionStart };
    const generation = this.generation;
    this.setState('running');
    this.showStatus();
    this.viewer.setHighlights(this.highlights);
    this.starting = this.host.startSearch(params).then(
      ({ searchId }) => {
        if (generation !== this.generation) {
          this.host.cancelSearch(searchId); // closed (or replaced) before the reply came
          return undefined;
        }
        this.searchId = searchId;
        const early = this.early.get(searchId);
        this.early.clear();
        this.window.reset(searchId);
        if (early) this.applyProgress(early);
        return searchId;
      },
      (error: { code?: string; message?: string }) => {
        if (generation !== this.generation) return undefined;
        this.early.clear();
        this.view.setError(error.code === 'EPATTERN' ? String(error.message) : `Search failed: ${error.message ?? String(error)}`);
        this.setState('error');
        this.showStatus();
        return undefined;
      },
    );
  }

  /** Forgets the running search (telling the host), its highlights and overview. */
  private stopSearch(): void {
    this.generation++;
    if (this.searchId !== undefined) this.host.cancelSearch(this.searchId);
    this.searchId = undefined;
    this.starting = Promise.resolve(undefined);
    this.early.clear();
    this.progress = undefined;
    this.current = undefined;
    this.navigated = false;
    this.window.reset(undefined);
    this.highlights.clear();
    this.viewer.setHighlights(undefined);
    this.overview.clear();
    this.view.setError(undefined);
    this.view.setProgress(undefined);
  }

  private applyProgress(p: SearchProgressParams): void {
    const wasDone = this.progress?.done === true;
    this.progress = p;
    if (p.error) {
      this.view.setError(p.error);
      this.setState('error');
    } else {
      this.setState(p.done ? 'done' : 'running');
    }
    if (p.first && !this.navigated) {
      this.navigated = true;
      this.select(p.first);
    }
    this.view.setProgress(p.done || p.error ? undefined : p.scanned);
    this.overview.show(p.overview);
    this.showStatus();
    this.window.setStored(p.stored, this.viewer.fileSize);
    // The index of a match found while scanning can move once the matches before it are counted: ask again.
    if (p.done && !wasDone && this.current) this.refreshCurrent(this.current);
  }

  private async step(direction: 1 | -1): Promise<void> {
    const searchId = await this.starting;
    if (searchId === undefined || searchId !== this.searchId) return;
    const generation = this.generation;
    // With no current match, "after the cursor" includes a match at the cursor.
    const from = this.current ? this.current.offset : direction === 1 ? Math.max(0, this.viewer.cursorOffset - 1) : this.viewer.cursorOffset;
    const match = await this.host.nextMatch(searchId, from, direction);
    if (generation !== this.generation || !match) return;
    this.navigated = true;
    this.select(match);
  }

  private refreshCurrent(current: MatchInfo): void {
    const searchId = this.searchId;
    if (searchId === undefined || current.offset === 0) return;
    const generation = this.generation;
    this.host.nextMatch(searchId, current.offset - 1, 1).then(
      (match) => {
        if (generation !== this.generation || this.current !== current || !match || match.offset !== current.offset) return;
        this.current = match;
        this.showStatus();
      },
      () => undefined,
    );
  }

  private select(match: MatchInfo): void {
    this.current = match;
    this.highlights.setCurrent(match.offset, match.length);
    this.viewer.setHighlights(this.highlights);
    this.viewer.goTo(match.offset, match.length);
    this.showStatus();
  }

  // ---- what the widget shows ----------------------------------------------------------

  private setState(state: FindState): void {
    this.state = state;
    setMarker(Marker.findState, state);
  }

  private showStatus(): void {
    const p = this.progress;
    const status = statusText({
      state: this.state === 'error' && !p ? 'done' : this.state,
      searched: p !== undefined || this.state === 'error',
      scanned: p?.scanned ?? 0,
      count: p?.count ?? 0,
      stored: p?.stored ?? 0,
      current: this.current,
    });
    this.view.setStatus(status.text, status.title);
    this.view.setCanNavigate((p?.count ?? 0) > 0 || this.current !== undefined);
  }
}
