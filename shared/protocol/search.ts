/**
 * Search messages between the find widget (webview) and the search session
 * (host). A panel has at most one search running: a new StartSearch cancels
 * the previous one at once. Matches are byte ranges [offset, offset+length).
 *
 * What is searched: text and regex queries search the text as the editor
 * decodes it (its encoding: UTF-8, UTF-16 LE/BE, Windows-1252); hex queries
 * search raw bytes. Matches are counted as one non-overlapping scan from the
 * start of the file (as rg counts), whatever the cursor. Regex: a JavaScript
 * RegExp with `m` (`^`/`$` at line starts and ends, as rg's defaults) and `u`
 * when the pattern allows it; `^`, `\b` and lookbehind see up to 64 KiB of the
 * text before any chunk border or the cursor; a match may be up to 64 KiB long.
 * Case-insensitive text folds ASCII letters, and other characters as their
 * simple lower/upper-case forms (no full folding such as ß/SS).
 */
import { isOffset, isRecord, notification, request } from '../rpc';

export type SearchMode = 'text' | 'hex' | 'regex';

export interface SearchQuery {
  query: string;
  mode: SearchMode;
  caseSensitive: boolean;
  wholeWord: boolean;
}

function isQuery(p: Record<string, unknown>): boolean {
  return (
    typeof p.query === 'string' &&
    p.query.length > 0 &&
    p.query.length <= 4096 &&
    (p.mode === 'text' || p.mode === 'hex' || p.mode === 'regex') &&
    typeof p.caseSensitive === 'boolean' &&
    typeof p.wholeWord === 'boolean'
  );
}

// ---- webview → host --------------------------------------------------------

/** Starts a search from `from` (the cursor), wrapping around. Rejects with code EPATTERN and a readable message for a bad pattern. */
export const StartSearch = request<SearchQuery & { from: number }, { searchId: number }>(
  'search/start',
  (p): p is SearchQuery & { from: number } => isRecord(p) && isQuery(p) && isOffset(p.from),
);

/** Stops the running search (Esc, widget closed). Stored matches are dropped. */
export const CancelSearch = notification<{ searchId: number }>('search/cancel', (p): p is { searchId: number } => isRecord(p) && isOffset(p.searchId));

/** Stored matches overlapping [start, end) (for highlighting what is on screen); at most 10,000. */
export const MatchesIn = request<{ searchId: number; start: number; end: number }, { offsets: number[]; lengths: number[] }>(
  'search/matchesIn',
  (p): p is { searchId: number; start: number; end: number } => isRecord(p) && isOffset(p.searchId) && isOffset(p.start) && isOffset(p.end) && p.end >= p.start,
);

export interface MatchInfo {
  /** 0-based position among all matches in file order (the "312" of "312 of 48,201"). */
  index: number;
  offset: number;
  length: number;
  /** 0-based line of the match when the line index covers it, else null. */
  line: number | null;
}

/** The next match starting after `from` (direction 1), or the last one before it (-1), wrapping around; null when none (yet). */
export const NextMatch = request<{ searchId: number; from: number; direction: 1 | -1 }, MatchInfo | null>(
  'search/nextMatch',
  (p): p is { searchId: number; from: number; direction: 1 | -1 } => isRecord(p) && isOffset(p.searchId) && isOffset(p.from) && (p.direction === 1 || p.direction === -1),
);

// ---- host → webview --------------------------------------------------------

export interface SearchProgressParams {
  searchId: number;
  /** 0..1 of the file scanned. */
  scanned: number;
  /** Every match counted so far (counted even past the storage cap). */
  count: number;
  /** Matches kept for navigation and highlighting (hugeview.search.maxResults). */
  stored: number;
  done: boolean;
  /** The first match found (nearest after the cursor), once there is one. */
  first: MatchInfo | null;
  /** Match density over the file in 200 buckets, 0..1 each (for the scrollbar overview). */
  overview: number[];
  error?: string;
}

export const SearchProgress = notification<SearchProgressParams>(
  'search/progress',
  (p): p is SearchProgressParams => isRecord(p) && isOffset(p.searchId) && typeof p.scanned === 'number' && isOffset(p.count) && typeof p.done === 'boolean' && Array.isArray(p.overview),
);

/** The hugeview.find command (or a keybinding on the host side) drives the widget. */
export interface FindCommandParams extends Partial<SearchQuery> {
  action: 'open' | 'next' | 'previous' | 'close';
}

export const FindCommand = notification<FindCommandParams>(
  'search/command',
  (p): p is FindCommandParams => isRecord(p) && (p.action === 'open' || p.action === 'next' || p.action === 'previous' || p.action === 'close'),
);
