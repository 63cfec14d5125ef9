import type { Move } from './keyCommands';
import { type CursorLayout, rowsDown, rowsUp } from './RowLayout';

export interface CursorState {
  cursor: number;
  /** Column kept across up/down moves (-1: none yet). */
  goalColumn: number;
}

export interface MoveResult extends CursorState {
  /** Rows the view should scroll with the cursor (PageUp/PageDown). */
  scrollRows: number;
}

/**
 * Where a key move puts the cursor. Works for both views through
 * CursorLayout: a character is a byte in hex and a UTF-8 character in text.
 * The cursor stays on a character (at most the last one) unless extending a
 * selection, which may reach `size` so the last byte can be included.
 */
export function moveCursor(layout: CursorLayout, state: CursorState, move: Move, extend: boolean, pageRows: number): MoveResult {
  const size = layout.size;
  if (size === 0) return { cursor: 0, goalColumn: -1, scrollRows: 0 };
  const lastChar = layout.charStart(size - 1);
  const max = extend ? size : lastChar;
  const cursor = Math.min(state.cursor, size);
  const done = (to: number, goalColumn = -1, scrollRows = 0): MoveResult => ({ cursor: Math.max(0, Math.min(max, to)), goalColumn, scrollRows });
  switch (move) {
    case 'left':
      return done(layout.prevChar(cursor));
    case 'right':
      return done(cursor >= size ? size : layout.nextChar(cursor));
    case 'up':
      return vertical(layout, state, -1, max, 0);
    case 'down':
      return vertical(layout, state, 1, max, 0);
    case 'pageUp':
      return vertical(layout, state, -pageRows, max, -pageRows);
    case 'pageDown':
      return vertical(layout, state, pageRows, max, pageRows);
    case 'rowStart':
      return done(layout.rowContaining(Math.min(cursor, size - 1)));
    case 'rowEnd': {
      const row = layout.rowContaining(Math.min(cursor, size - 1));
      const next = layout.nextRowStart(row);
      const columns = layout.columnsOf(row, next);
      const last = columns[columns.length - 1];
      if (!extend) return done(last);
      return done(layout.isLineBreak(last) ? last : next);
    }
    case 'fileStart':
      return done(0);
    case 'fileEnd':
      return done(max);
  }
}

function vertical(layout: CursorLayout, state: CursorState, rows: number, max: number, scrollRows: number): MoveResult {
  const size = layout.size;
  const at = Math.min(state.cursor, size - 1);
  const row = layout.rowContaining(at);
  const column = state.goalColumn >= 0 ? state.goalColumn : layout.columnsOf(row, at).length;
  const target = rows < 0 ? rowsUp(layout, row, -rows) : rowsDown(layout, row, rows);
  if (target === row) {
    // Already on the first / last row: go to its start / the end.
    return { cursor: rows < 0 ? 0 : max, goalColumn: column, scrollRows };
  }
  const columns = layout.columnsOf(target, layout.nextRowStart(target));
  return { cursor: Math.min(max, columns[Math.min(column, columns.length - 1)]), goalColumn: column, scrollRows };
}
