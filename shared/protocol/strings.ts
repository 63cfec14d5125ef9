/**
 * Strings: printable runs of at least N characters (binutils `strings -n N`,
 * `-e S`/`-e l`), found off the JS thread and kept on the host in typed
 * arrays; the webview's pane shows them as a virtualised list and asks for
 * the window of rows on screen. Offsets are bytes into the file; a UTF-16 LE
 * string's length is in bytes too (two per character).
 */
import { isOffset, isRecord, noParams, notification, request } from '../rpc';

export type StringEncodingName = 'ascii' | 'latin1' | 'utf16le';
export const STRING_ENCODINGS: readonly StringEncodingName[] = ['ascii', 'latin1', 'utf16le'];
export const isStringEncoding = (v: unknown): v is StringEncodingName => v === 'ascii' || v === 'latin1' || v === 'utf16le';

/** The most rows one window request returns, and the most characters of a string it carries. */
export const MAX_WINDOW_ROWS = 500;
export const MAX_STRING_CHARS = 400;
export const MAX_FILTER_CHARS = 1000;

export interface StringsListParams {
  listId: number;
  minLength: number;
  encodings: StringEncodingName[];
  from: number;
  to: number;
}

export interface StringsProgressParams {
  listId: number;
  /** 0..1 of [from, to) scanned. */
  scanned: number;
  /** Strings found so far. */
  count: number;
  /** Strings that pass the filter (all of them without one). */
  shown: number;
  /** The filter the shown count is for. */
  filter: string;
  done: boolean;
  cancelled: boolean;
  error?: string;
}

export interface StringRow {
  /** Index among the shown strings. */
  index: number;
  offset: number;
  length: number;
  encoding: StringEncodingName;
  /** The characters (at most MAX_STRING_CHARS; `truncated` when cut). */
  text: string;
  truncated: boolean;
}

const isList = (p: unknown): p is StringsListParams =>
  isRecord(p) && isOffset(p.listId) && isOffset(p.minLength) && isOffset(p.from) && isOffset(p.to) && Array.isArray(p.encodings) && p.encodings.every(isStringEncoding);

/** host → webview: a new list (hugeview.strings ran): open the pane and show it. */
export const ShowStrings = notification<StringsListParams>('strings/show', isList);

/** host → webview: the scan or the filter moved on. */
export const StringsProgress = notification<StringsProgressParams>(
  'strings/progress',
  (p): p is StringsProgressParams =>
    isRecord(p) && isOffset(p.listId) && typeof p.scanned === 'number' && p.scanned >= 0 && p.scanned <= 1 && isOffset(p.count) && isOffset(p.shown) &&
    typeof p.filter === 'string' && typeof p.done === 'boolean' && typeof p.cancelled === 'boolean' && (p.error === undefined || typeof p.error === 'string'),
);

/** webview → host: the shown rows [start, start + count). */
export const StringsWindow = request<{ listId: number; start: number; count: number }, { listId: number; shown: number; rows: StringRow[] }>(
  'strings/window',
  (p): p is { listId: number; start: number; count: number } => isRecord(p) && isOffset(p.listId) && isOffset(p.start) && isOffset(p.count) && p.count <= MAX_WINDOW_ROWS,
);

/** webview → host: show only strings containing `text` (case-insensitive; empty: all). */
export const FilterStrings = notification<{ listId: number; text: string }>(
  'strings/filter',
  (p): p is { listId: number; text: string } => isRecord(p) && isOffset(p.listId) && typeof p.text === 'string' && p.text.length <= MAX_FILTER_CHARS,
);

/** webview → host: stop the scan (the strings found so far stay). */
export const CancelStrings = notification<{ listId: number }>('strings/cancel', (p): p is { listId: number } => isRecord(p) && isOffset(p.listId));

/** webview → host: the pane closed: the list is dropped. */
export const CloseStrings = notification<Record<string, never>>('strings/close', noParams);
