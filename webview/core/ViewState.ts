import { PAGE_SIZE } from '../../shared/offsets';
import type { ViewMode } from '../../shared/types';
import type { HexLayout } from '../hex/HexLayout';
import type { TextLayout } from '../text/TextLayout';
import { clampTop, rowsDown, rowsUp, type CursorLayout } from './RowLayout';
import type { ShownRows } from './Screen';

/**
 * What the viewer shows, as plain state: the file size, the mode and its
 * layouts, the top row, the cursor and selection, how many rows fit, and
 * the rows the last paint put on screen. The viewer, its navigation and its
 * paint read and write it; it does no I/O and touches no DOM.
 */
export class ViewState {
  initialized = false;
  size = 0;
  mode: ViewMode = 'hex';
  /** Bytes per hex row now: the setting, or what fits the width when it is 'auto'. */
  rowBytes = 16;
  top = 0;
  cursor = 0;
  anchor = 0;
  /** The column an up/down move keeps aiming for (-1: the cursor's own). */
  goalColumn = -1;
  /** Row elements on screen (a partly visible last one included), and rows fully visible. */
  rowElements = 2;
  visibleRows = 1;
  /** Row starts on screen after the last paint, and where the last one ends. */
  shown: ShownRows = { starts: [], end: 0 };

  constructor(
    public hexLayout: HexLayout,
    public textLayout: TextLayout,
  ) {}

  get layout(): CursorLayout {
    return this.mode === 'hex' ? this.hexLayout : this.textLayout;
  }

  /** The selection as [start, end), whichever way it was made. */
  selection(): [number, number] {
    return this.anchor <= this.cursor ? [this.anchor, this.cursor] : [this.cursor, this.anchor];
  }

  /** How many bytes a screen shows (for the scrollbar and drags). */
  visibleBytes(): number {
    if (this.mode === 'hex') return this.visibleRows * this.rowBytes;
    return this.shown.starts.length > 0 ? Math.max(1, this.shown.end - this.shown.starts[0]) : PAGE_SIZE;
  }

  /** Where the view's bytes end: what the rows show in text, what they can hold in hex. */
  viewEnd(): number {
    return this.mode === 'hex' ? this.top + this.rowElements * this.rowBytes : Math.max(this.shown.end, this.top + 1);
  }

  isRowVisible(row: number): boolean {
    const starts = this.shown.starts;
    const last = starts[Math.min(this.visibleRows, starts.length) - 1];
    return starts[0] === this.top && last !== undefined && row >= this.top && row <= last;
  }

  /** The top row that keeps `cursor` on screen, moving `top` as little as possible. */
  topShowing(layout: CursorLayout, top: number, cursor: number): number {
    if (this.size === 0) return 0;
    const row = layout.rowContaining(Math.min(cursor, this.size - 1));
    if (row < top) return row;
    const bottom = rowsDown(layout, top, this.visibleRows - 1);
    if (row > bottom) return rowsUp(layout, row, this.visibleRows - 1);
    return clampTop(layout, top, this.visibleRows);
  }
}
