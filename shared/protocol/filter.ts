/**
 * Filtered view messages between the filter pane (webview) and the filter
 * session (host). The host holds the result as compact line-start offsets;
 * the pane asks for windows of rows (line number, text, highlights) by
 * position in the result, as it scrolls. A line passes when its filters
 * agree (combine 'all': every filter; 'any': at least one), an include
 * filter passing on a line with a match and an exclude filter on a line
 * without one (grep -v). Context lines (grep -C) come around passing lines.
 */
import { isOffset, isRecord, notification, request } from '../rpc';

export interface LineFilter {
  pattern: string;
  mode: 'text' | 'regex';
  caseSensitive: boolean;
  wholeWord: boolean;
  exclude: boolean;
}

export interface FilterSpec {
  filters: LineFilter[];
  combine: 'all' | 'any';
  /** Lines of context before and after each passing line (grep -B / -A). */
  before: number;
  after: number;
}

export const MAX_FILTERS = 16;
export const MAX_CONTEXT = 1000;

export function isLineFilter(p: unknown): p is LineFilter {
  return (
    isRecord(p) &&
    typeof p.pattern === 'string' &&
    p.pattern.length > 0 &&
    p.pattern.length <= 4096 &&
    (p.mode === 'text' || p.mode === 'regex') &&
    typeof p.caseSensitive === 'boolean' &&
    typeof p.wholeWord === 'boolean' &&
    typeof p.exclude === 'boolean'
  );
}

export function isFilterSpec(p: unknown): p is FilterSpec {
  return (
    isRecord(p) &&
    Array.isArray(p.filters) &&
    p.filters.length <= MAX_FILTERS &&
    p.filters.every(isLineFilter) &&
    (p.combine === 'all' || p.combine === 'any') &&
    isOffset(p.before) &&
    p.before <= MAX_CONTEXT &&
    isOffset(p.after) &&
    p.after <= MAX_CONTEXT
  );
}

// ---- webview → host --------------------------------------------------------

/** Starts a filter (cancelling the running one). Rejects with code EPATTERN and a readable message for a bad pattern. */
export const StartFilter = request<FilterSpec, { filterId: number }>('filter/start', isFilterSpec);

/** Stops the running filter (the pane closed). */
export const CancelFilter = notification<{ filterId: number }>('filter/cancel', (p): p is { filterId: number } => isRecord(p) && isOffset(p.filterId));

export interface FilterRow {
  /** Byte offset of the line's start. */
  offset: number;
  /** 0-based line number, or null when not known. */
  line: number | null;
  /** The line's text (its first 2,000 characters). */
  text: string;
  /** A context line (around a passing line), not a passing one. */
  context: boolean;
  marked: boolean;
  /** Highlighted ranges in `text`: [start, end, …] in UTF-16 code units. */
  highlights: number[];
}

export interface RowsParams {
  filterId: number;
  /** Position in the list (0-based) and how many rows (at most 500). */
  start: number;
  count: number;
  /** Rows of the marked lines only ("show only marked"). */
  markedOnly: boolean;
}

/** Rows [start, start+count) of the result so far (fewer at its end). */
export const FilterRows = request<RowsParams, { rows: FilterRow[]; total: number }>(
  'filter/rows',
  (p): p is RowsParams => isRecord(p) && isOffset(p.filterId) && isOffset(p.start) && isOffset(p.count) && p.count <= 500 && typeof p.markedOnly === 'boolean',
);

/** Moves the main view to the line starting at `offset`. */
export const GoToFilterRow = notification<{ offset: number }>('filter/goTo', (p): p is { offset: number } => isRecord(p) && isOffset(p.offset));

/** Marks or unmarks the line starting at `offset`. */
export const ToggleMark = notification<{ offset: number }>('filter/toggleMark', (p): p is { offset: number } => isRecord(p) && isOffset(p.offset));

/** Exports the listed lines (or the marked ones) to a new document or the clipboard, capped. */
export const ExportFilter = request<{ filterId: number; target: 'document' | 'clipboard'; markedOnly: boolean }, ExportResult>(
  'filter/export',
  (p): p is { filterId: number; target: 'document' | 'clipboard'; markedOnly: boolean } =>
    isRecord(p) && isOffset(p.filterId) && (p.target === 'document' || p.target === 'clipboard') && typeof p.markedOnly === 'boolean',
);

export interface ExportResult {
  exported: number;
  total: number;
  capped: boolean;
}

// ---- host → webview --------------------------------------------------------

export interface FilterProgressParams {
  filterId: number;
  /** Lines listed so far (passing lines and their context). */
  listed: number;
  /** Passing lines so far. */
  matched: number;
  /** Marked lines. */
  marked: number;
  /** 0..1 of the file scanned. */
  scanned: number;
  done: boolean;
  error?: string;
}

export const FilterProgress = notification<FilterProgressParams>(
  'filter/progress',
  (p): p is FilterProgressParams =>
    isRecord(p) && isOffset(p.filterId) && isOffset(p.listed) && isOffset(p.matched) && isOffset(p.marked) && typeof p.scanned === 'number' && typeof p.done === 'boolean',
);

/** hugeview.filter (the command) opens the pane with these filters, or toggles it (`spec` absent) / closes it. */
export const ShowFilter = notification<{ action: 'open' | 'toggle' | 'close'; spec?: FilterSpec; filterId?: number }>(
  'filter/show',
  (p): p is { action: 'open' | 'toggle' | 'close'; spec?: FilterSpec; filterId?: number } =>
    isRecord(p) && (p.action === 'open' || p.action === 'toggle' || p.action === 'close') && (p.spec === undefined || isFilterSpec(p.spec)) && (p.filterId === undefined || isOffset(p.filterId)),
);
