/**
 * The one protocol between the extension host and the webview, imported by
 * both bundles. Each message is a descriptor carrying its params and result
 * types, so a request and its response cannot drift apart. Every message the
 * host receives is checked by the descriptor's `valid` before use.
 *
 * wire: { id, method, params } | { replyTo, result } | { replyTo, error } | { method, params }
 */
export interface RequestType<P, R> {
  readonly kind: 'request';
  readonly method: string;
  readonly valid: (params: unknown) => params is P;
  /** Phantom: the result type. */
  readonly _result?: R;
}

export interface NotificationType<P> {
  readonly kind: 'notification';
  readonly method: string;
  readonly valid: (params: unknown) => params is P;
}

export function request<P, R>(method: string, valid: (params: unknown) => params is P): RequestType<P, R> {
  return { kind: 'request', method, valid };
}

export function notification<P>(method: string, valid: (params: unknown) => params is P = anything as (p: unknown) => p is P): NotificationType<P> {
  return { kind: 'notification', method, valid };
}

// ---- validation helpers --------------------------------------------------

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative integer a double holds exactly. */
export function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function anything(_: unknown): _ is unknown {
  return true;
}

function noParams(value: unknown): value is Record<string, never> {
  return value === undefined || (isRecord(value) && Object.keys(value).length === 0);
}

// ---- shared types --------------------------------------------------------

export type ViewMode = 'hex' | 'text';
/** Text encodings the text view decodes (WHATWG names, as TextDecoder takes them). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export const TEXT_ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];

export function isEncoding(value: unknown): value is TextEncodingName {
  return typeof value === 'string' && (TEXT_ENCODINGS as readonly string[]).includes(value);
}
export type Backend = 'mmap' | 'pread';

/** Bytes per hex row: a fixed count, or 'auto' (the most of 4/8/16/32 that fit the width). */
export type BytesPerRow = 4 | 8 | 16 | 32 | 'auto';

export function isBytesPerRow(value: unknown): value is BytesPerRow {
  return value === 4 || value === 8 || value === 16 || value === 32 || value === 'auto';
}

export interface ViewSettings {
  bytesPerRow: BytesPerRow;
  maxLineColumns: number;
  fontFamily: string;
  fontSize: number;
}

export interface InitParams {
  fileName: string;
  size: number;
  backend: Backend;
  mode: ViewMode;
  encoding: TextEncodingName;
  settings: ViewSettings;
}

export interface CursorParams {
  offset: number;
  /** Selection [anchor, offset] as a half-open byte range [start, end); start === end when empty. */
  selectionStart: number;
  selectionEnd: number;
  mode: ViewMode;
  /** First byte of the top row, so the host can restore the view. */
  topOffset: number;
}

export type CopyFormat = 'hex' | 'text';

// ---- webview → host --------------------------------------------------------

/** The largest page the host serves in one reply. */
export const MAX_PAGE_LENGTH = 1 << 20;
/** The largest selection Ctrl+C copies. */
export const MAX_COPY_BYTES = 16 * 1024 * 1024;

export const ReadPage = request<{ offset: number; length: number }, { offset: number; data: ArrayBuffer; size: number }>(
  'readPage',
  (p): p is { offset: number; length: number } => isRecord(p) && isOffset(p.offset) && isOffset(p.length) && p.length > 0 && p.length <= MAX_PAGE_LENGTH,
);

export const CopyRange = request<{ start: number; end: number; format: CopyFormat }, { bytes: number }>(
  'copyRange',
  (p): p is { start: number; end: number; format: CopyFormat } =>
    isRecord(p) && isOffset(p.start) && isOffset(p.end) && p.end >= p.start && (p.format === 'hex' || p.format === 'text'),
);

export const Ready = notification<Record<string, never>>('ready', noParams);

export const CursorChanged = notification<CursorParams>(
  'cursorChanged',
  (p): p is CursorParams =>
    isRecord(p) && isOffset(p.offset) && isOffset(p.selectionStart) && isOffset(p.selectionEnd) && isOffset(p.topOffset) && (p.mode === 'hex' || p.mode === 'text'),
);

/** The webview shows a message (e.g. a copy that was too large) through the host's notifications. */
export const ShowMessage = notification<{ level: 'info' | 'warning' | 'error'; text: string }>(
  'showMessage',
  (p): p is { level: 'info' | 'warning' | 'error'; text: string } =>
    isRecord(p) && (p.level === 'info' || p.level === 'warning' || p.level === 'error') && typeof p.text === 'string' && p.text.length < 2000,
);

// ---- host → webview --------------------------------------------------------

// The webview checks these too: a message is data until a descriptor accepts it.

function isMode(value: unknown): value is ViewMode {
  return value === 'hex' || value === 'text';
}

function isSettings(value: unknown): value is ViewSettings {
  return (
    isRecord(value) &&
    isBytesPerRow(value.bytesPerRow) &&
    isOffset(value.maxLineColumns) &&
    typeof value.fontFamily === 'string' &&
    typeof value.fontSize === 'number'
  );
}

export const Init = notification<InitParams>(
  'init',
  (p): p is InitParams => isRecord(p) && typeof p.fileName === 'string' && isOffset(p.size) && (p.backend === 'mmap' || p.backend === 'pread') && isMode(p.mode) && isEncoding(p.encoding) && isSettings(p.settings),
);
export interface FileChangedParams {
  size: number;
  shrunk: boolean;
  /** Other bytes than before (rewritten in place, or a new file at the path): every cached page and line number is stale. */
  rewritten?: boolean;
  /** What to tell the user in the view (e.g. "app.log was rewritten on disk — reloaded"). */
  notice?: string;
}
export const FileChanged = notification<FileChangedParams>(
  'fileChanged',
  (p): p is FileChangedParams =>
    isRecord(p) && isOffset(p.size) && typeof p.shrunk === 'boolean' && (p.rewritten === undefined || typeof p.rewritten === 'boolean') &&
    (p.notice === undefined || (typeof p.notice === 'string' && p.notice.length <= 500)),
);
export const GoTo = notification<{ offset: number; selectLength?: number }>(
  'goTo',
  (p): p is { offset: number; selectLength?: number } => isRecord(p) && isOffset(p.offset) && (p.selectLength === undefined || isOffset(p.selectLength)),
);
export const SetMode = notification<{ mode: ViewMode }>('setMode', (p): p is { mode: ViewMode } => isRecord(p) && isMode(p.mode));
export const SettingsChanged = notification<ViewSettings>('settingsChanged', isSettings);
/** host → webview: decode the text view with another encoding (keeps the same byte in view). */
export const SetEncoding = notification<{ encoding: TextEncodingName }>('setEncoding', (p): p is { encoding: TextEncodingName } => isRecord(p) && isEncoding(p.encoding));
export const RequestCopy = notification<Record<string, never>>('requestCopy', noParams);

// ---- the benchmark's page round trip ----------------------------------------

/** host → webview: time `pages` page requests through `backend`; the webview answers with each round trip in ms. */
export const MeasureRoundTrip = request<{ backend: Backend; pages: number }, { samplesMs: number[] }>(
  'measureRoundTrip',
  (p): p is { backend: Backend; pages: number } => isRecord(p) && (p.backend === 'mmap' || p.backend === 'pread') && Number.isSafeInteger(p.pages) && (p.pages as number) > 0 && (p.pages as number) <= 10_000,
);

/** webview → host: one page through the named backend (only while a round-trip measurement runs). */
export const BenchReadPage = request<{ offset: number; length: number; backend: Backend }, { offset: number; data: ArrayBuffer; size: number }>(
  'benchReadPage',
  (p): p is { offset: number; length: number; backend: Backend } =>
    isRecord(p) && isOffset(p.offset) && isOffset(p.length) && p.length > 0 && p.length <= MAX_PAGE_LENGTH && (p.backend === 'mmap' || p.backend === 'pread'),
);

// ---- the line index ----------------------------------------------------------

/** webview → host: the 0-based line holding `offset`, or null while the index has not reached it. */
export const LineAt = request<{ offset: number }, { line: number | null }>('lineAt', (p): p is { offset: number } => isRecord(p) && isOffset(p.offset));

export interface IndexProgressParams {
  scannedTo: number;
  newlines: number;
  done: boolean;
  size: number;
}

/** host → webview: how far the line index has counted. */
export const IndexProgress = notification<IndexProgressParams>(
  'indexProgress',
  (p): p is IndexProgressParams => isRecord(p) && isOffset(p.scannedTo) && isOffset(p.newlines) && typeof p.done === 'boolean' && isOffset(p.size),
);

// ---- follow mode (tail -f) -----------------------------------------------------

/** host → webview: pin the view to the end of the file as it grows (or stop). */
export const SetFollow = notification<{ following: boolean }>('setFollow', (p): p is { following: boolean } => isRecord(p) && typeof p.following === 'boolean');

/** webview → host: the user scrolled away from the end, which leaves follow mode. */
export const FollowChanged = notification<{ following: boolean }>('followChanged', (p): p is { following: boolean } => isRecord(p) && typeof p.following === 'boolean');
