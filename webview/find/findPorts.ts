// What the find controller needs from the host's search, the viewer, the
// widget and the scrollbar overview (findFeature.ts connects the real ones;
// the unit tests, fakes).
import type { MatchInfo, SearchQuery } from '../../shared/protocol/search';
import type { FindHighlights } from './FindHighlights';
import type { FindOptions } from './FindWidget';

/** The host's search, as the controller needs it (main.ts puts the messenger behind it). */
export interface SearchHost {
  startSearch(params: SearchQuery & { from: number }): Promise<{ searchId: number }>;
  cancelSearch(searchId: number): void;
  matchesIn(searchId: number, start: number, end: number): Promise<{ offsets: number[]; lengths: number[] }>;
  nextMatch(searchId: number, from: number, direction: 1 | -1): Promise<MatchInfo | null>;
}

/** The viewer, as the controller needs it. */
export interface FindViewer {
  readonly cursorOffset: number;
  /** Where a new search starts: the selection's start (the cursor when nothing is selected). */
  readonly selectionStart: number;
  /** True while a jump waits for its bytes (the cursor is not where it is going yet). */
  readonly settling: boolean;
  readonly fileSize: number;
  readonly viewMode: 'hex' | 'text';
  selectedBytes(max: number): Uint8Array | undefined;
  goTo(offset: number, selectLength: number): void;
  setHighlights(highlights: FindHighlights | undefined): void;
  focus(): void;
}

/** The widget, as the controller needs it (FindWidget; a fake in tests). */
export interface FindView {
  readonly isOpen: boolean;
  query: string;
  open(): void;
  close(): void;
  getOptions(): FindOptions;
  setOptions(options: Partial<FindOptions>): void;
  setStatus(text: string, title: string): void;
  setError(message: string | undefined): void;
  setProgress(fraction: number | undefined): void;
  setCanNavigate(enabled: boolean): void;
}

export interface OverviewView {
  show(buckets: readonly number[]): void;
  clear(): void;
}
