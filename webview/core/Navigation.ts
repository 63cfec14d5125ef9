import { moveCursor } from './cursorMoves';
import type { Command, Move } from './keyCommands';
import { clampTop, rowsDown, rowsUp } from './RowLayout';
import type { ViewState } from './ViewState';

/**
 * The cursor, selection and scroll changes, written over the view state.
 * Each change runs through `run` (the viewer's PendingChange): it may read
 * bytes and throw MissingBytes, so it computes everything before assigning
 * and is retried when the missing page arrives.
 */
export class Navigation {
  constructor(
    private readonly s: ViewState,
    private readonly run: (change: () => void) => void,
  ) {}

  /** The cursor at `offset` (clamped into the file), `selectLength` bytes selected; scrolls only when it is off screen. */
  goTo(offset: number, selectLength: number): void {
    const s = this.s;
    const target = Math.max(0, Math.min(offset, s.size - 1));
    const end = Math.min(s.size, target + Math.max(0, selectLength));
    this.run(() => {
      const layout = s.layout;
      const cursor = layout.charStart(target);
      const row = layout.rowContaining(cursor);
      const top = s.isRowVisible(row) ? s.top : clampTop(layout, rowsUp(layout, row, Math.floor(s.visibleRows / 3)), s.visibleRows);
      s.top = top;
      s.cursor = cursor;
      s.anchor = end > cursor ? end : cursor;
      s.goalColumn = -1;
    });
  }

  /** A key's selection, scroll or move; false when it does nothing (the key goes on to VS Code). */
  command(command: Exclude<Command, { kind: 'copy' }>, repaint: () => void): boolean {
    const s = this.s;
    switch (command.kind) {
      case 'selectAll':
        s.anchor = 0;
        s.cursor = s.size;
        repaint();
        return true;
      case 'clearSelection':
        if (s.anchor === s.cursor) return false;
        s.anchor = s.cursor;
        repaint();
        return true;
      case 'scroll':
        if (command.rows !== 0) this.scrollRows(command.rows);
        return true;
      case 'move':
        this.move(command.move, command.extend);
        return true;
    }
  }

  /** A key's cursor move; `extend` grows the selection. */
  move(move: Move, extend: boolean): void {
    const s = this.s;
    this.run(() => {
      const layout = s.layout;
      const result = moveCursor(layout, { cursor: s.cursor, goalColumn: s.goalColumn }, move, extend, Math.max(1, s.visibleRows - 1));
      let top = s.top;
      if (result.scrollRows > 0) top = rowsDown(layout, top, result.scrollRows);
      else if (result.scrollRows < 0) top = rowsUp(layout, top, -result.scrollRows);
      top = s.topShowing(layout, top, result.cursor);
      s.top = top;
      if (!extend) s.anchor = result.cursor;
      s.cursor = result.cursor;
      s.goalColumn = result.goalColumn;
    });
  }

  scrollRows(rows: number): void {
    const s = this.s;
    this.run(() => {
      const layout = s.layout;
      const moved = rows > 0 ? rowsDown(layout, s.top, rows) : rowsUp(layout, s.top, -rows);
      s.top = clampTop(layout, moved, s.visibleRows);
    });
  }

  /** The row holding `offset` on top (clamped so a screen of rows fits). */
  showTop(offset: number): void {
    const s = this.s;
    this.run(() => {
      const layout = s.layout;
      s.top = clampTop(layout, layout.rowContaining(offset), s.visibleRows);
    });
  }

  /** The scrollbar dragged to `fraction` of the file. */
  scrollToFraction(fraction: number): void {
    const s = this.s;
    const target = Math.round(fraction * Math.max(0, s.size - s.visibleBytes()));
    this.run(() => {
      const layout = s.layout;
      s.top = clampTop(layout, layout.rowContaining(target), s.visibleRows);
    });
  }

  /** A click: the cursor goes to `offset`; with `extend` the selection grows from its anchor. */
  pressAt(offset: number, extend: boolean): void {
    const s = this.s;
    this.run(() => {
      const layout = s.layout;
      if (extend) {
        s.cursor = offset >= s.anchor ? layout.nextChar(offset) : offset;
      } else {
        s.cursor = s.anchor = layout.charStart(offset);
      }
      s.goalColumn = -1;
    });
  }

  /** A drag from `origin` to `offset`: selects both characters and everything between. */
  dragTo(origin: number, offset: number): void {
    const s = this.s;
    this.run(() => {
      const layout = s.layout;
      const [anchor, cursor] = offset >= origin ? [origin, layout.nextChar(offset)] : [layout.nextChar(origin), offset];
      s.anchor = anchor;
      s.cursor = cursor;
    });
  }

  /** Puts the last rows at the bottom of the view and the cursor at the end (follow mode). */
  followEnd(): void {
    const s = this.s;
    this.run(() => {
      const layout = s.layout;
      s.cursor = s.anchor = s.size;
      s.top = s.size === 0 ? 0 : clampTop(layout, rowsUp(layout, layout.rowContaining(s.size - 1), Math.max(0, s.visibleRows - 1)), s.visibleRows);
    });
  }

  /** After the layout changed under the same bytes (encoding): the top byte's row on top, the cursor on a character start. */
  keepTopByte(): void {
    const s = this.s;
    this.run(() => {
      const layout = s.layout;
      s.top = clampTop(layout, layout.rowContaining(s.top), s.visibleRows);
      s.cursor = s.anchor = layout.charStart(s.cursor);
    });
  }

  /** The top row kept where a screen of rows fits (after a resize; `toSize`: after the file's size changed). */
  clampTop(toSize: boolean): void {
    const s = this.s;
    this.run(() => {
      s.top = clampTop(s.layout, toSize ? Math.min(s.top, s.size) : s.top, s.visibleRows);
    });
  }

  /**
   * Changes the layout (mode or settings) keeping the cursor's byte (or the
   * top byte) at the same screen row. False when there is nothing to place
   * (before Init, an empty file): the caller just repaints.
   */
  relayout(change: () => void): boolean {
    const s = this.s;
    const { starts, end } = s.shown;
    const index = starts.findIndex((row, i) => s.cursor >= row && s.cursor < (starts[i + 1] ?? end));
    const anchorByte = index >= 0 ? s.cursor : s.top;
    const screenRow = Math.max(0, index);
    change();
    s.shown = { starts: [], end: 0 };
    if (!s.initialized || s.size === 0) return false;
    this.run(() => {
      const layout = s.layout;
      const cursor = s.cursor < s.size ? layout.charStart(s.cursor) : s.cursor;
      const top = clampTop(layout, rowsUp(layout, layout.rowContaining(anchorByte), screenRow), s.visibleRows);
      s.top = top;
      if (s.anchor === s.cursor) s.anchor = cursor;
      s.cursor = cursor;
      s.goalColumn = -1;
    });
    return true;
  }
}
