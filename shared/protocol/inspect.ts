/**
 * Hex inspection messages: the data inspector's settings and bookmarks in the
 * margin. The inspector decodes bytes the webview reads itself (ReadPage);
 * only its options and the bookmark list cross here.
 */
import { isOffset, isRecord, noParams, notification, request } from '../rpc';

export type Endianness = 'little' | 'big';

export interface InspectState {
  /** The data inspector side panel is shown. */
  inspectorVisible: boolean;
  /** hugeview.inspector is "hover": the panel follows the byte under the pointer. */
  hover: boolean;
  endianness: Endianness;
  /** hugeview.colorizeBytes: hex and decoded cells coloured by byte class. */
  colorize: boolean;
}

export interface Bookmark {
  offset: number;
  name: string;
}

/** The most bookmarks sent to a webview (the margin marks); the store keeps every one. */
export const MAX_BOOKMARK_MARKS = 10_000;
export const MAX_BOOKMARK_NAME = 200;

function isEndianness(value: unknown): value is Endianness {
  return value === 'little' || value === 'big';
}

function isState(p: unknown): p is InspectState {
  return isRecord(p) && typeof p.inspectorVisible === 'boolean' && typeof p.hover === 'boolean' && isEndianness(p.endianness) && typeof p.colorize === 'boolean';
}

function isBookmarks(value: unknown): value is Bookmark[] {
  return (
    Array.isArray(value) &&
    value.length <= MAX_BOOKMARK_MARKS &&
    value.every((b) => isRecord(b) && isOffset(b.offset) && typeof b.name === 'string' && b.name.length <= MAX_BOOKMARK_NAME)
  );
}

// ---- webview → host --------------------------------------------------------

/** Asked once the webview has started: the inspector's options and this file's bookmarks. */
export const GetInspectState = request<Record<string, never>, InspectState & { bookmarks: Bookmark[] }>(
  'inspect/getState',
  noParams,
);

/** The panel's own controls: its close button, its little/big-endian switch. */
export const SetInspectOption = notification<{ inspectorVisible?: boolean; endianness?: Endianness }>(
  'inspect/setOption',
  (p): p is { inspectorVisible?: boolean; endianness?: Endianness } =>
    isRecord(p) && (p.inspectorVisible === undefined || typeof p.inspectorVisible === 'boolean') && (p.endianness === undefined || isEndianness(p.endianness)),
);

// ---- host → webview --------------------------------------------------------

export const InspectStateChanged = notification<InspectState>('inspect/state', isState);

/** This file's bookmarks, sorted by offset (at most MAX_BOOKMARK_MARKS). */
export const BookmarksChanged = notification<{ bookmarks: Bookmark[] }>('inspect/bookmarks', (p): p is { bookmarks: Bookmark[] } => isRecord(p) && isBookmarks(p.bookmarks));
