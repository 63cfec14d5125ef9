/**
 * The compare panel's messages: two files side by side, byte for byte at the
 * same offsets. The host runs the compare and keeps the differing ranges
 * (src/compare/DiffRanges.ts); the webview reads pages of either file and
 * asks for windows of ranges as its list scrolls.
 */
import { isOffset, isRecord, notification, request, noParams } from '../rpc';
import { isBytesPerRow, isPageParams, type PageParams, type PageResult, type ViewSettings } from './editor';

export type CompareSide = 'left' | 'right';

export function isSide(value: unknown): value is CompareSide {
  return value === 'left' || value === 'right';
}

export interface CompareFileInfo {
  fileName: string;
  /** The full path, shown as the pane's tooltip. */
  path: string;
  size: number;
}

export interface CompareInitParams {
  left: CompareFileInfo;
  right: CompareFileInfo;
  settings: ViewSettings;
  /** Both files look like text (no NUL byte in their first 64 KiB): the view offers Text beside Hex. */
  bothText: boolean;
}

/** Where the compare stands: counts so far, and whether it is over. */
export interface CompareSummary {
  /** [0, comparedTo) is compared; the compare ends at `common`. */
  comparedTo: number;
  /** The shorter size: the bytes both files have. */
  common: number;
  leftSize: number;
  rightSize: number;
  differingBytes: number;
  /** Ranges of consecutive differing bytes in [0, common) (the tail of the longer file is not one). */
  ranges: number;
  /** Ranges the host holds and the list can show (all of them unless memory ran short). */
  listed: number;
  /** -1 while none is known. */
  firstDifference: number;
  done: boolean;
  cancelled: boolean;
  /** Why the compare stopped early, when it failed. */
  error?: string;
  backend: 'native' | 'js';
}

function isFileInfo(value: unknown): value is CompareFileInfo {
  return isRecord(value) && typeof value.fileName === 'string' && value.fileName.length < 1000 && typeof value.path === 'string' && value.path.length < 5000 && isOffset(value.size);
}

function isViewSettings(value: unknown): value is ViewSettings {
  return isRecord(value) && isBytesPerRow(value.bytesPerRow) && isOffset(value.maxLineColumns) && typeof value.fontFamily === 'string' && typeof value.fontSize === 'number';
}

function isSummary(p: unknown): p is CompareSummary {
  return (
    isRecord(p) &&
    [p.comparedTo, p.common, p.leftSize, p.rightSize, p.differingBytes, p.ranges, p.listed].every(isOffset) &&
    typeof p.firstDifference === 'number' && Number.isSafeInteger(p.firstDifference) && p.firstDifference >= -1 &&
    typeof p.done === 'boolean' && typeof p.cancelled === 'boolean' &&
    (p.error === undefined || (typeof p.error === 'string' && p.error.length < 2000)) &&
    (p.backend === 'native' || p.backend === 'js')
  );
}

/** The most ranges one window request returns. */
export const MAX_RANGE_WINDOW = 500;
/** Bytes of each side a range's preview shows. */
export const PREVIEW_BYTES = 8;

export interface RangeWindow {
  start: number;
  /** Each range's offset and length, and the first PREVIEW_BYTES of each side there, as hex. */
  offsets: number[];
  lengths: number[];
  left: string[];
  right: string[];
}

function isHexList(value: unknown, length: number): value is string[] {
  return Array.isArray(value) && value.length === length && value.every((s) => typeof s === 'string' && /^[0-9A-F ]{0,64}$/.test(s));
}

export function isRangeWindow(p: unknown): p is RangeWindow {
  if (!isRecord(p) || !isOffset(p.start) || !Array.isArray(p.offsets) || !Array.isArray(p.lengths)) return false;
  const n = p.offsets.length;
  return n <= MAX_RANGE_WINDOW && p.lengths.length === n && p.offsets.every(isOffset) && p.lengths.every(isOffset) && isHexList(p.left, n) && isHexList(p.right, n);
}

// ---- webview → host --------------------------------------------------------

export const CompareReady = notification<Record<string, never>>('compare/ready', noParams);

export const CompareReadPage = request<PageParams & { side: CompareSide }, PageResult>(
  'compare/readPage',
  (p): p is PageParams & { side: CompareSide } => isPageParams(p) && isSide((p as Record<string, unknown>).side),
);

/** Ranges [start, start + count) of the list, with their previews. */
export const GetRanges = request<{ start: number; count: number }, RangeWindow>(
  'compare/ranges',
  (p): p is { start: number; count: number } => isRecord(p) && isOffset(p.start) && isOffset(p.count) && p.count <= MAX_RANGE_WINDOW,
);

/** A click in the list: that range becomes the current difference (F7 goes on from it). */
export const SelectDifference = notification<{ index: number }>('compare/select', (p): p is { index: number } => isRecord(p) && isOffset(p.index));

/** The Cancel button. */
export const CancelCompare = notification<Record<string, never>>('compare/cancel', noParams);

// ---- host → webview --------------------------------------------------------

export const CompareInit = notification<CompareInitParams>(
  'compare/init',
  (p): p is CompareInitParams => isRecord(p) && isFileInfo(p.left) && isFileInfo(p.right) && isViewSettings(p.settings) && typeof p.bothText === 'boolean',
);

export const SummaryChanged = notification<CompareSummary>('compare/summary', isSummary);

/** Show difference `index` (F7, Shift+F7, a click): both sides go to its offset with its bytes selected. */
export const RevealDifference = notification<{ index: number; offset: number; length: number }>(
  'compare/reveal',
  (p): p is { index: number; offset: number; length: number } => isRecord(p) && isOffset(p.index) && isOffset(p.offset) && isOffset(p.length),
);
