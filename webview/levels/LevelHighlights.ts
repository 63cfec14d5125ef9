import type { UserHighlight } from '../../shared/protocol/levels';
import type { RangeHighlights } from '../core/decorations';
import type { ByteSource } from '../core/PagedBytes';

/** The level words, as the host's count sees them: whole words, case-sensitive (native/level_count.h). */
const LEVEL_TOKEN = /(?<![A-Za-z0-9_])(?:ERROR|FATAL|CRITICAL|WARNING|WARN|INFO|DEBUG|TRACE)(?![A-Za-z0-9_])/g;
const LEVEL_CLASS: Record<string, string> = {
  ERROR: ' lvl-error', FATAL: ' lvl-error', CRITICAL: ' lvl-error',
  WARNING: ' lvl-warn', WARN: ' lvl-warn', INFO: ' lvl-info', DEBUG: ' lvl-debug', TRACE: ' lvl-debug',
};
/** A user regex stops marking a row after this many matches. */
const MAX_MATCHES_PER_ROW = 500;

interface Mark {
  start: number;
  end: number;
  cls: string;
}

interface CompiledHighlight {
  regex: RegExp;
  cls: string;
}

/**
 * The text rows' colours: level tokens, and the user's highlights (hugeview.highlights,
 * classes ' hl-<i>'). Found in a row's bytes (already loaded: the row is being
 * painted) when the row is painted; remembered until the paint ends.
 */
export class LevelHighlights implements RangeHighlights {
  version = 0;
  private user: CompiledHighlight[] = [];
  private rows = new Map<string, Mark[]>();

  constructor(private readonly bytes: ByteSource) {}

  /** The user's highlights, compiled here (a pattern this engine refuses is left out: the host said so already). */
  setUserHighlights(highlights: readonly UserHighlight[]): void {
    this.user = [];
    highlights.forEach((h, i) => {
      try {
        this.user.push({ regex: new RegExp(h.pattern, `g${h.flags}`), cls: ` hl-${i}` });
      } catch {
        // left out
      }
    });
    this.changed();
  }

  /** A paint ended: the marks found for its rows are dropped (the bytes may change under the same offsets). */
  endOfPaint(): void {
    this.rows.clear();
  }

  changed(): void {
    this.rows.clear();
    this.version++;
  }

  stateOf(start: number, end: number): number {
    return this.marksOf(start, end).length ? 1 : 0;
  }

  classOf(start: number, end: number): string {
    let cls = '';
    for (const mark of this.current) if (mark.start < end && mark.end > start) cls += mark.cls;
    return cls;
  }

  /** The marks of the row classOf is asked about: the last one stateOf looked at. */
  private current: Mark[] = [];

  private marksOf(start: number, end: number): Mark[] {
    const key = `${start}:${end}`;
    let marks = this.rows.get(key);
    if (!marks) {
      marks = this.find(start, end);
      this.rows.set(key, marks);
    }
    this.current = marks;
    return marks;
  }

  private find(start: number, end: number): Mark[] {
    let row: Uint8Array;
    try {
      row = this.bytes.slice(start, end);
    } catch {
      return [];
    }
    const marks: Mark[] = [];
    // Levels: Latin-1 over the row and a byte either side (a token cut by a wrap counts in neither part).
    const before = this.byteAt(start - 1);
    let text = before === undefined ? '' : String.fromCharCode(before);
    const shift = text.length;
    text += latin1(row);
    const after = this.byteAt(end);
    if (after !== undefined) text += String.fromCharCode(after);
    LEVEL_TOKEN.lastIndex = shift;
    for (let m = LEVEL_TOKEN.exec(text); m && m.index < shift + row.length; m = LEVEL_TOKEN.exec(text)) {
      const at = start + m.index - shift;
      if (at + m[0].length <= end) marks.push({ start: at, end: at + m[0].length, cls: LEVEL_CLASS[m[0]] });
    }
    if (this.user.length) this.findUser(start, row, marks);
    return marks;
  }

  /** The user's regexes over the row decoded as UTF-8, each match mapped back to its bytes. */
  private findUser(start: number, row: Uint8Array, marks: Mark[]): void {
    // The line break is not text: `$` matches before it.
    let length = row.length;
    if (length && row[length - 1] === 0x0a) length--;
    if (length && row[length - 1] === 0x0d) length--;
    const { text, offsets } = decodeWithOffsets(row.subarray(0, length));
    for (const { regex, cls } of this.user) {
      regex.lastIndex = 0;
      let n = 0;
      for (let m = regex.exec(text); m && n < MAX_MATCHES_PER_ROW; m = regex.exec(text), n++) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        marks.push({ start: start + offsets[m.index], end: start + offsets[m.index + m[0].length], cls });
      }
    }
  }

  private byteAt(offset: number): number | undefined {
    if (offset < 0 || offset >= this.bytes.size) return undefined;
    try {
      return this.bytes.byteAt(offset);
    } catch {
      return undefined;
    }
  }
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}

/** UTF-8 text of `bytes` (bad bytes as U+FFFD), and for each UTF-16 index (and the end) the byte offset it starts at. */
export function decodeWithOffsets(bytes: Uint8Array): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    let code = need === 0 ? b : need === 1 ? b & 0x1f : need === 2 ? b & 0x0f : b & 0x07;
    let ok = need >= 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) ok = false;
      else code = (code << 6) | (c & 0x3f);
    }
    const char = ok ? String.fromCodePoint(code) : '\uFFFD';
    for (let k = 0; k < char.length; k++) offsets.push(i);
    text += char;
    i += ok ? need + 1 : 1;
  }
  offsets.push(bytes.length);
  return { text, offsets };
}
