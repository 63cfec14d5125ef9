/**
 * Tags: named, coloured byte ranges with a note, kept per file. A bookmark is
 * a zero-length tag (Toggle Bookmark). The host owns the list (src/tags/);
 * the webview only draws it (webview/tags/): this file's tags cross here.
 */
import { isOffset, isRecord, noParams, notification, request } from '../rpc';

/** The palette: VS Code's chart colours (charts.red …), which every theme (light, dark, high contrast) defines. */
export const TAG_COLORS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'] as const;
export type TagColor = (typeof TAG_COLORS)[number];

export function isTagColor(value: unknown): value is TagColor {
  return typeof value === 'string' && (TAG_COLORS as readonly string[]).includes(value);
}

export interface Tag {
  /** Stable within the store (tree items, commands). */
  id: string;
  start: number;
  /** 0: a bookmark (a point, not a range). */
  length: number;
  name: string;
  color: TagColor;
  note: string;
}

export const MAX_TAG_NAME = 200;
export const MAX_TAG_NOTE = 2000;
export const MAX_TAG_ID = 64;
/** The most tags one file keeps (and sends to a webview). */
export const MAX_TAGS = 10_000;

export function isTag(value: unknown): value is Tag {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    value.id.length > 0 &&
    value.id.length <= MAX_TAG_ID &&
    isOffset(value.start) &&
    isOffset(value.length) &&
    Number.isSafeInteger(value.start + value.length) &&
    typeof value.name === 'string' &&
    value.name.length <= MAX_TAG_NAME &&
    isTagColor(value.color) &&
    typeof value.note === 'string' &&
    value.note.length <= MAX_TAG_NOTE
  );
}

function isTagList(value: unknown): value is Tag[] {
  return Array.isArray(value) && value.length <= MAX_TAGS && value.every(isTag);
}

// ---- webview → host --------------------------------------------------------

/** Asked once the webview has started (and after it reloads): this file's tags. */
export const GetTags = request<Record<string, never>, { tags: Tag[] }>('tags/get', noParams);

// ---- host → webview --------------------------------------------------------

/** This file's tags, sorted by start (at most MAX_TAGS). */
export const TagsChanged = notification<{ tags: Tag[] }>('tags/changed', (p): p is { tags: Tag[] } => isRecord(p) && isTagList(p.tags));
