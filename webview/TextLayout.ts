import type { ByteSource } from './PagedBytes';
import type { CursorLayout } from './RowLayout';
import { charLength, isContinuationByte } from './utf8';

/** How far back a row start is looked for (bytes): bounds work and memory for any line length. */
export const SCAN_BACK = 64 * 1024;
/**
 * Inside a very long line, rows also break at sync points: the first
 * character boundary at or after each multiple of SYNC whose preceding SYNC
 * bytes hold no newline. That makes row starts computable from at most
 * SCAN_BACK bytes back, identically whether you scroll up or down.
 */
export const SYNC = 16 * 1024;
const NEWLINE = 0x0a;

/**
 * Visual rows of UTF-8 text: a row ends after a '\n', after `maxColumns`
 * characters, at a sync point (see SYNC) or at the end of the file. Reads
 * bytes through a ByteSource, so any call may throw MissingBytes.
 */
export class TextLayout implements CursorLayout {
  private readonly forcedMemo = new Map<number, boolean>();

  constructor(
    private readonly bytes: ByteSource,
    readonly maxColumns: number,
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
      if (byteAt(p) === NEWLINE) return p + 1;
      if (columns >= this.maxColumns) return p;
      p += charLength(byteAt, p, size);
      columns++;
    }
    return size;
  }

  rowContaining(offset: number): number {
    const size = this.size;
    if (size === 0) return 0;
    const x = Math.max(0, Math.min(offset, size - 1));
    const byteAt = this.bytes.byteAt;
    const limit = Math.max(0, x - SCAN_BACK);
    let lineStart = -1;
    for (let q = x - 1; q >= limit; q--) {
      if (byteAt(q) === NEWLINE) {
        lineStart = q + 1;
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
      const next = p + charLength(byteAt, p, size);
      if (next > offset) return p;
      p = next;
    }
  }

  /** Start of the character after the one holding `offset` (`size` at most). */
  nextChar(offset: number): number {
    if (offset >= this.size) return this.size;
    const start = this.charStart(offset);
    return start + charLength(this.bytes.byteAt, start, this.size);
  }

  /** Start of the character before the one holding `offset` (0 at least). */
  prevChar(offset: number): number {
    if (offset <= 0) return 0;
    return this.charStart(Math.min(offset, this.size) - 1);
  }

  isLineBreak(offset: number): boolean {
    return offset >= 0 && offset < this.size && this.bytes.byteAt(offset) === NEWLINE;
  }

  /** Character starts in [row, next): the row's columns. */
  columnsOf(row: number, next: number): number[] {
    const byteAt = this.bytes.byteAt;
    const starts: number[] = [];
    for (let p = row; p < next; p += charLength(byteAt, p, next)) starts.push(p);
    return starts;
  }

  private firstSyncAfter(row: number): number {
    let sync = Math.max(SYNC, Math.floor(row / SYNC) * SYNC);
    if (this.syncBreak(sync) <= row) sync += SYNC;
    return sync;
  }

  /** The first character boundary at or after `sync`: past at most 3 continuation bytes. */
  private syncBreak(sync: number): number {
    const end = Math.min(this.size, sync + 3);
    let p = sync;
    while (p < end && isContinuationByte(this.bytes.byteAt(p))) p++;
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
    for (let q = sync - 1; q >= sync - SYNC; q--) {
      if (byteAt(q) === NEWLINE) {
        forced = false;
        break;
      }
    }
    if (this.forcedMemo.size > 4096) this.forcedMemo.clear();
    this.forcedMemo.set(sync, forced);
    return forced;
  }
}
