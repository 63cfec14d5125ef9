import type { ByteSource } from '../core/PagedBytes';
import type { CursorLayout } from '../core/RowLayout';
import { textRules, type TextRules } from './encoding';

/** How far back a row start is looked for (bytes): bounds work and memory for any line length. */
export const SCAN_BACK = 64 * 1024;
/**
 * Inside a very long line, rows also break at sync points: the first
 * character boundary at or after each multiple of SYNC whose preceding SYNC
 * bytes hold no newline. That makes row starts computable from at most
 * SCAN_BACK bytes back, identically whether you scroll up or down.
 */
export const SYNC = 16 * 1024;

/**
 * Visual rows of text in one encoding (TextRules): a row ends after a '\n', after `maxColumns`
 * characters, at a sync point (see SYNC) or at the end of the file. Reads
 * bytes through a ByteSource, so any call may throw MissingBytes.
 */
export class TextLayout implements CursorLayout {
  private readonly forcedMemo = new Map<number, boolean>();

  constructor(
    private readonly bytes: ByteSource,
    readonly maxColumns: number,
    readonly rules: TextRules = textRules('utf-8'),
  ) {}

  get size(): number {
    return this.bytes.size;
  }

  nextRowStart(row: number): number {
    const size = this.size;
    if (row >= size) return size;
    const byteAt = this.bytes.byteAt;
    let sync = this.firstSyncAfter(row);
    let syncBreak = this.syncBreak(sync);
    let p = row;
    let columns = 0;
    while (p < size) {
      while (syncBreak <= p) {
        if (syncBreak === p && p > row && this.isForced(sync)) return p;
        sync += SYNC;
        syncBreak = this.syncBreak(sync);
      }
      if (this.rules.isNewline(byteAt, p, size)) return p + this.rules.unit;
      if (columns >= this.maxColumns) return p;
      p += this.rules.charLength(byteAt, p, size);
      columns++;
    }
    return size;
  }

  rowContaining(offset: number): number {
    const size = this.size;
    if (size === 0) return 0;
    const x = Math.max(0, Math.min(offset, size - 1));
    const byteAt = this.bytes.byteAt;
    const unit = this.rules.unit;
    const limit = Math.max(0, x - SCAN_BACK);
    let lineStart = -1;
    for (let q = Math.floor((x - unit) / unit) * unit; q >= limit; q -= unit) {
      if (this.rules.isNewline(byteAt, q, size)) {
        lineStart = q + unit;
        break;
      }
    }
    if (lineStart < 0 && limit === 0) lineStart = 0;
    let anchor = lineStart;
    const lowest = lineStart >= 0 ? lineStart + 1 : limit;
    for (let sync = Math.floor(x / SYNC) * SYNC; sync >= SYNC && sync >= lowest; sync -= SYNC) {
      const at = this.syncBreak(sync);
      if (at > x) continue;
      if (this.isForced(sync)) {
        anchor = Math.max(anchor, at);
        break;
      }
    }
    if (anchor < 0) anchor = this.boundaryAtOrAfter(limit); // unreachable when SCAN_BACK ≥ 3·SYNC
    let row = anchor;
    for (;;) {
      const next = this.nextRowStart(row);
      if (next > x || next <= row) return row;
      row = next;
    }
  }

  /** Start of the character holding `offset` (characters counted from the row start). */
  charStart(offset: number): number {
    const size = this.size;
    if (offset >= size) return size;
    const byteAt = this.bytes.byteAt;
    let p = this.rowContaining(offset);
    for (;;) {
      const next = p + this.rules.charLength(byteAt, p, size);
      if (next > offset) return p;
      p = next;
    }
  }

  /** Start of the character after the one holding `offset` (`size` at most). */
  nextChar(offset: number): number {
    if (offset >= this.size) return this.size;
    const start = this.charStart(offset);
    return start + this.rules.charLength(this.bytes.byteAt, start, this.size);
  }

  /** Start of the character before the one holding `offset` (0 at least). */
  prevChar(offset: number): number {
    if (offset <= 0) return 0;
    return this.charStart(Math.min(offset, this.size) - 1);
  }

  isLineBreak(offset: number): boolean {
    return offset >= 0 && offset < this.size && this.rules.isNewline(this.bytes.byteAt, offset, this.size);
  }

  /** Character starts in [row, next): the row's columns. */
  columnsOf(row: number, next: number): number[] {
    const byteAt = this.bytes.byteAt;
    const starts: number[] = [];
    for (let p = row; p < next; p += this.rules.charLength(byteAt, p, next)) starts.push(p);
    return starts;
  }

  private firstSyncAfter(row: number): number {
    let sync = Math.max(SYNC, Math.floor(row / SYNC) * SYNC);
    if (this.syncBreak(sync) <= row) sync += SYNC;
    return sync;
  }

  /** The first character boundary at or after `sync`: past at most 3 bytes inside a character. */
  private syncBreak(sync: number): number {
    const end = Math.min(this.size, sync + 3);
    let p = sync;
    while (p < end && this.rules.isInside(this.bytes.byteAt, p)) p++;
    return p;
  }

  private boundaryAtOrAfter(offset: number): number {
    return this.syncBreak(offset);
  }

  /** True when the SYNC bytes before `sync` hold no newline. */
  private isForced(sync: number): boolean {
    const known = this.forcedMemo.get(sync);
    if (known !== undefined) return known;
    const byteAt = this.bytes.byteAt;
    let forced = true;
    const unit = this.rules.unit;
    for (let q = sync - unit; q >= sync - SYNC; q -= unit) {
      if (this.rules.isNewline(byteAt, q, this.size)) {
        forced = false;
        break;
      }
    }
    if (this.forcedMemo.size > 4096) this.forcedMemo.clear();
    this.forcedMemo.set(sync, forced);
    return forced;
  }
}
