/**
 * The editor's own messages: the webview starts (Init, Ready), reads pages,
 * reports its cursor and mode; the host moves the view, switches its mode,
 * encoding and settings, and says when the file changed.
 */
import { isOffset, isRecord, noParams, notification, request } from '../rpc';
import { isBackend, isEncoding, isViewMode, type Backend, type TextEncodingName, type ViewMode } from '../types';
import { PAGE_SIZE } from '../offsets';

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

function isSettings(value: unknown): value is ViewSettings {
  return (
    isRecord(value) &&
    isBytesPerRow(value.bytesPerRow) &&
    isOffset(value.maxLineColumns) &&
    typeof value.fontFamily === 'string' &&
    typeof value.fontSize === 'number'
  );
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

/** The largest page the host serves in one reply. */
export const MAX_PAGE_LENGTH = 1 << 20;

export type PageParams = { offset: number; length: number };
export type PageResult = { offset: number; data: ArrayBuffer; size: number };

export function isPageParams(p: unknown): p is PageParams {
  return isRecord(p) && isOffset(p.offset) && isOffset(p.length) && p.length > 0 && p.length <= MAX_PAGE_LENGTH;
}

// ---- webview → host --------------------------------------------------------

export const ReadPage = request<PageParams, PageResult>('editor/readPage', isPageParams);

export const Ready = notification<Record<string, never>>('editor/ready', noParams);

export const CursorChanged = notification<CursorParams>(
  'editor/cursorChanged',
  (p): p is CursorParams =>
    isRecord(p) && isOffset(p.offset) && isOffset(p.selectionStart) && isOffset(p.selectionEnd) && isOffset(p.topOffset) && isViewMode(p.mode),
);

/** The webview shows a message (e.g. a copy that was too large) through the host's notifications. */
export const ShowMessage = notification<{ level: 'info' | 'warning' | 'error'; text: string }>(
  'editor/showMessage',
  (p): p is { level: 'info' | 'warning' | 'error'; text: string } =>
    isRecord(p) && (p.level === 'info' || p.level === 'warning' || p.level === 'error') && typeof p.text === 'string' && p.text.length < 2000,
);

// ---- host → webview --------------------------------------------------------

// The webview checks these too: a message is data until a descriptor accepts it.

export const Init = notification<InitParams>(
  'editor/init',
  (p): p is InitParams => isRecord(p) && typeof p.fileName === 'string' && isOffset(p.size) && isBackend(p.backend) && isViewMode(p.mode) && isEncoding(p.encoding) && isSettings(p.settings),
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
  'editor/fileChanged',
  (p): p is FileChangedParams =>
    isRecord(p) && isOffset(p.size) && typeof p.shrunk === 'boolean' && (p.rewritten === undefined || typeof p.rewritten === 'boolean') &&
    (p.notice === undefined || (typeof p.notice === 'string' && p.notice.length <= 500)),
);
/** A page the host sends unasked, so the view paints a jump's target without a round trip. */
export interface CarriedPage {
  /** The page's index (its offset / PAGE_SIZE). */
  index: number;
  /** Its bytes: PAGE_SIZE, or fewer for the file's last page. */
  data: ArrayBuffer;
}
/** The most pages a GoTo carries (the target's, and the one before and after it when the target is near an edge). */
export const MAX_CARRIED_PAGES = 3;

function isCarriedPages(p: unknown): p is CarriedPage[] {
  return Array.isArray(p) && p.length <= MAX_CARRIED_PAGES &&
    p.every((page) => isRecord(page) && isOffset(page.index) && page.data instanceof ArrayBuffer && page.data.byteLength > 0 && page.data.byteLength <= PAGE_SIZE);
}

export interface GoToParams {
  offset: number;
  selectLength?: number;
  pages?: CarriedPage[];
}
export const GoTo = notification<GoToParams>(
  'editor/goTo',
  (p): p is GoToParams =>
    isRecord(p) && isOffset(p.offset) && (p.selectLength === undefined || isOffset(p.selectLength)) && (p.pages === undefined || isCarriedPages(p.pages)),
);
export const SetMode = notification<{ mode: ViewMode }>('editor/setMode', (p): p is { mode: ViewMode } => isRecord(p) && isViewMode(p.mode));
export const SettingsChanged = notification<ViewSettings>('editor/settingsChanged', isSettings);
/** Decode the text view with another encoding (keeps the same byte in view). */
export const SetEncoding = notification<{ encoding: TextEncodingName }>('editor/setEncoding', (p): p is { encoding: TextEncodingName } => isRecord(p) && isEncoding(p.encoding));

// ---- copying the selection (Ctrl+C) -------------------------------------------

export type CopyFormat = 'hex' | 'text';

/** webview → host: put [start, end) on the clipboard, as hex ("Hex with spaces") or as UTF-8 text. */
export const CopyRange = request<{ start: number; end: number; format: CopyFormat }, { bytes: number }>(
  'editor/copyRange',
  (p): p is { start: number; end: number; format: CopyFormat } =>
    isRecord(p) && isOffset(p.start) && isOffset(p.end) && p.end >= p.start && (p.format === 'hex' || p.format === 'text'),
);

/** host → webview: copy the selection (hugeview.copy); the webview answers with CopyRange. */
export const RequestCopy = notification<Record<string, never>>('editor/requestCopy', noParams);
