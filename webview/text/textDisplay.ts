/**
 * How a decoded character is shown in the text view: safe for layout and for
 * the eye. Nothing here can break a row or reorder it: newlines disappear,
 * tabs become spaces, C0 controls become Control Pictures (␀ ␍ ␛), and C1
 * controls, bidi overrides, line/paragraph separators and other invisible
 * format characters become U+FFFD.
 */
export const TAB_SIZE = 4;

export interface DisplayChar {
  /** What to draw ('' for a line feed or the CR of a CRLF). */
  text: string;
  /** Drawn dimmed (a control picture or replacement). */
  dim: boolean;
}

const REPLACEMENT = '\uFFFD';

/**
 * Characters that draw nothing (or change how their neighbours draw) and so
 * could hide or disguise content: C1 controls, bidi marks and overrides,
 * separators, zero-width spaces and joiners, the word joiner and invisible
 * operators, the soft hyphen, deprecated format controls, a BOM inside the
 * text, interlinear annotations and tag characters.
 */
export function isInvisibleFormat(code: number): boolean {
  return (
    (code >= 0x80 && code <= 0x9f) ||
    code === 0x00ad ||
    code === 0x034f ||
    code === 0x061c ||
    code === 0x115f ||
    code === 0x1160 ||
    code === 0x17b4 ||
    code === 0x17b5 ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200d) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x206a && code <= 0x206f) ||
    code === 0x3164 ||
    code === 0xfeff ||
    code === 0xffa0 ||
    (code >= 0xfff9 && code <= 0xfffb) ||
    (code >= 0xe0000 && code <= 0xe007f)
  );
}

/**
 * `code` is the character's code point, `column` the display column it
 * starts at (for tab stops), `nextCode` the following character's code point
 * (-1 if none; no longer needed since every CR is a line break, kept for callers).
 */
export function displayChar(code: number, column: number, _nextCode: number): DisplayChar {
  if (code === 0x0a) return { text: '', dim: false };
  if (code === 0x09) return { text: ' '.repeat(TAB_SIZE - (column % TAB_SIZE)), dim: false };
  // A CR ends a line (alone, classic Mac) or is the CR of a CRLF: either way a line break, not shown.
  if (code === 0x0d) return { text: '', dim: false };
  if (code < 0x20) return { text: String.fromCharCode(0x2400 + code), dim: true };
  if (code === 0x7f) return { text: '\u2421', dim: true };
  if (isInvisibleFormat(code)) return { text: REPLACEMENT, dim: true };
  return { text: String.fromCodePoint(code), dim: false };
}

/** One displayed row: per character, its byte offset, display text and first display column. */
export interface DisplayRow {
  /** Byte offset of each character, then the row's end offset. */
  starts: number[];
  texts: string[];
  dims: boolean[];
  /** Display column where each character starts, then the row's width. */
  columns: number[];
}

/**
 * Lays out a decoded row. `decoded` is TextDecoder's output for the row's
 * bytes; `starts` the character starts from utf8.charStarts (offsets
 * relative to the row, plus the row length) — they describe the same
 * characters, one code point each.
 */
export function displayRow(rowStart: number, decoded: string, starts: readonly number[]): DisplayRow {
  const codes: number[] = [];
  for (const ch of decoded) codes.push(ch.codePointAt(0) as number);
  const count = starts.length - 1;
  const row: DisplayRow = { starts: [], texts: [], dims: [], columns: [] };
  let column = 0;
  for (let i = 0; i < count; i++) {
    const code = i < codes.length ? codes[i] : 0xfffd;
    // A byte order mark at the start of the file is not content: hidden, as VS Code hides it.
    const shown = code === 0xfeff && rowStart + starts[i] === 0 ? { text: '', dim: false } : displayChar(code, column, i + 1 < codes.length ? codes[i + 1] : -1);
    row.starts.push(rowStart + starts[i]);
    row.texts.push(shown.text);
    row.dims.push(shown.dim);
    row.columns.push(column);
    column += codePointCount(shown.text);
  }
  row.starts.push(rowStart + starts[count]);
  row.columns.push(column);
  return row;
}

function codePointCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** Index of the character drawn at display column `column` (clamped to the row). */
export function charAtColumn(row: DisplayRow, column: number): number {
  const count = row.texts.length;
  for (let i = 0; i < count; i++) if (column < row.columns[i + 1]) return i;
  return count;
}
