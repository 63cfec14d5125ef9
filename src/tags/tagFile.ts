/**
 * The JSON a file's tags are exported to and imported from:
 *   { "format": "hugeview-tags", "version": 1, "file": "disk.img", "size": 123,
 *     "tags": [{ "start": 64, "length": 16, "name": "header", "color": "red", "note": "" }] }
 * Import reads the same shape (or a bare array of tags), checks every field of
 * every entry and says which entries it skipped and why; a file that is not
 * JSON, or has no tags list, imports nothing.
 */
import { MAX_TAGS, MAX_TAG_NAME, MAX_TAG_NOTE, TAG_COLORS, isTagColor, type Tag } from '../../shared/protocol/tags';
import type { NewTag } from './TagStore';

export const TAG_FILE_FORMAT = 'hugeview-tags';
export const TAG_FILE_VERSION = 1;

export function exportTags(tags: readonly Tag[], file: string, size: number): string {
  const entries = tags.map(({ start, length, name, color, note }) => ({ start, length, name, color, note }));
  return JSON.stringify({ format: TAG_FILE_FORMAT, version: TAG_FILE_VERSION, file, size, tags: entries }, null, 2) + '\n';
}

export interface Skipped {
  /** The entry's index in the file's tags list. */
  index: number;
  reason: string;
}

export type ParsedTags = { ok: true; tags: NewTag[]; skipped: Skipped[] } | { ok: false; error: string };

/** Why `entry` is not a tag that fits a file of `size` bytes, or the tag. */
function readEntry(entry: unknown, size: number): NewTag | string {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'not an object';
  const { start, length, name, color, note } = entry as Record<string, unknown>;
  if (typeof start !== 'number' || !Number.isSafeInteger(start) || start < 0) return `"start" is not a whole number ≥ 0 (${JSON.stringify(start)})`;
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) return `"length" is not a whole number ≥ 0 (${JSON.stringify(length)})`;
  if (start + length > size || (length === 0 && start >= size && size > 0)) return `the range ${start}+${length} is past the end of the file (${size} bytes)`;
  if (typeof name !== 'string') return '"name" is not a string';
  if (name.length > MAX_TAG_NAME) return `"name" is longer than ${MAX_TAG_NAME} characters`;
  if (!isTagColor(color)) return `"color" ${JSON.stringify(color)} is not one of ${TAG_COLORS.join(', ')}`;
  if (note !== undefined && typeof note !== 'string') return '"note" is not a string';
  if (typeof note === 'string' && note.length > MAX_TAG_NOTE) return `"note" is longer than ${MAX_TAG_NOTE} characters`;
  return { start, length, name, color, note: note ?? '' };
}

/** Reads an exported tags file for a file of `size` bytes: the valid tags, and each skipped entry with its reason. */
export function parseTags(text: string, size: number): ParsedTags {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON (${(error as Error).message})` };
  }
  let list: unknown = json;
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const { format, version, tags } = json as Record<string, unknown>;
    if (format !== undefined && format !== TAG_FILE_FORMAT) return { ok: false, error: `"format" is ${JSON.stringify(format)}, not "${TAG_FILE_FORMAT}"` };
    if (version !== undefined && version !== TAG_FILE_VERSION) return { ok: false, error: `"version" ${JSON.stringify(version)} is not one this HugeView reads (${TAG_FILE_VERSION})` };
    list = tags;
  }
  if (!Array.isArray(list)) return { ok: false, error: 'no "tags" list' };
  if (list.length > MAX_TAGS) return { ok: false, error: `${list.length} tags: a file keeps at most ${MAX_TAGS}` };
  const tags: NewTag[] = [];
  const skipped: Skipped[] = [];
  list.forEach((entry, index) => {
    const read = readEntry(entry, size);
    if (typeof read === 'string') skipped.push({ index, reason: read });
    else tags.push(read);
  });
  return { ok: true, tags, skipped };
}

/** The same tag already there: same range and name (an import twice adds nothing the second time). */
export function sameTag(a: NewTag, b: NewTag): boolean {
  return a.start === b.start && a.length === b.length && a.name === b.name;
}
