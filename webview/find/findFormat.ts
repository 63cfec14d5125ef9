/**
 * What the find widget says and seeds, as plain functions: the status label
 * ("312 of 48,201 · Ln 1,024"), its tooltip, and the query a selection
 * prefills (text, or hex bytes like "DE AD BE EF"), the toggles a command's
 * query sets, and whether typed input reads as hex bytes.
 */
import type { SearchQuery } from '../../shared/protocol/search';
import type { FindOptions } from './FindWidget';

export type FindState = 'closed' | 'running' | 'done' | 'error';

export interface StatusInput {
  state: FindState;
  /** 0..1 of the file scanned. */
  scanned: number;
  count: number;
  stored: number;
  /** False until the search for the query in the box has reported (nothing to say yet). */
  searched?: boolean;
  /** The selected match, if any: its 0-based index and line. */
  current?: { index: number; line: number | null };
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** The status label and its tooltip. */
export function statusText(input: StatusInput): { text: string; title: string } {
  const { state, count, stored } = input;
  const title = stored < count ? `Only the first ${formatCount(stored)} of ${formatCount(count)} matches are kept for navigation and highlighting.` : '';
  if (state === 'closed' || (state === 'done' && input.searched === false)) return { text: '', title: '' };
  if (state === 'running' && input.scanned === 0 && count === 0) return { text: 'Searching…', title: '' };
  if (state === 'running') {
    const percent = Math.max(0, Math.min(100, Math.floor(input.scanned * 100)));
    return { text: `${percent}% · ${formatCount(count)} found`, title };
  }
  if (count === 0) return { text: 'No results', title: '' };
  const current = input.current;
  if (current) {
    const line = current.line !== null ? ` · Ln ${formatCount(current.line + 1)}` : '';
    return { text: `${formatCount(current.index + 1)} of ${formatCount(count)}${line}`, title };
  }
  return { text: `${formatCount(count)} ${count === 1 ? 'result' : 'results'}`, title };
}

/** Bytes as the hex query syntax: uppercase pairs separated by spaces. */
export function hexQuery(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (const byte of bytes) parts.push(byte.toString(16).toUpperCase().padStart(2, '0'));
  return parts.join(' ');
}

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** The largest selection that seeds the find input. */
export const MAX_SEED_BYTES = 256;

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * What a selection seeds the input with: in the hex view its bytes as hex;
 * in the text view its text (escaped when regex is on), or its bytes as hex
 * when it is not valid UTF-8. A selection over a line break seeds nothing
 * (the input is one line), nor does an empty or too large one.
 */
export function seedFromSelection(bytes: Uint8Array | undefined, viewMode: 'hex' | 'text', regex: boolean): { query: string; hex: boolean } | undefined {
  if (!bytes || bytes.length === 0 || bytes.length > MAX_SEED_BYTES) return undefined;
  if (viewMode === 'hex') return { query: hexQuery(bytes), hex: true };
  let text: string;
  try {
    text = strictDecoder.decode(bytes);
  } catch {
    return { query: hexQuery(bytes), hex: true };
  }
  if (/[\r\n]/.test(text)) return undefined;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return { query: hexQuery(bytes), hex: true };
  return { query: regex ? escapeRegex(text) : text, hex: false };
}

/** The widget's toggles for a query a command seeds (hugeview.find). */
export function optionsFor(seed: Partial<SearchQuery>): Partial<FindOptions> {
  const options: Partial<FindOptions> = {};
  if (seed.mode) {
    options.hex = seed.mode === 'hex';
    options.regex = seed.mode === 'regex';
  }
  if (typeof seed.caseSensitive === 'boolean') options.caseSensitive = seed.caseSensitive;
  if (typeof seed.wholeWord === 'boolean') options.wholeWord = seed.wholeWord;
  return options;
}

/**
 * Whether find input reads as hex bytes rather than text: two or more tokens separated by spaces, each
 * exactly two hex digits or `??` (`DE AD`, `7f 45 4c 46`, `DE ?? EF`), or one `0x` run of whole bytes
 * (`0xDEADBEEF`). Words that happen to be hex (`dead`, `cafe`, `be`, `DEAD BEEF`) stay text.
 */
export function looksLikeHexBytes(query: string): boolean {
  const text = query.trim();
  if (/^0x(?:[0-9a-f]{2})+$/i.test(text)) return true;
  const tokens = text.split(/\s+/);
  return tokens.length >= 2 && tokens.every((t) => /^(?:[0-9a-f]{2}|\?\?)$/i.test(t)) && tokens.some((t) => t !== '??');
}
