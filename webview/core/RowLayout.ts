/**
 * Where rows start. The hex layout is arithmetic; the text layout reads bytes
 * (and may throw MissingBytes). Row starts increase strictly; the last row
 * ends at `size`. Everything below works for both.
 */
export interface RowLayout {
  readonly size: number;
  /** Start of the row holding `offset` (offsets ≥ size count as the last byte). */
  rowContaining(offset: number): number;
  /** Start of the row after the one starting at `row` (`size` after the last row). */
  nextRowStart(row: number): number;
}

/** A RowLayout that also knows its characters (bytes in hex, UTF-8 characters in text). */
export interface CursorLayout extends RowLayout {
  /** Start of the character holding `offset`. */
  charStart(offset: number): number;
  /** Start of the next character (`size` at most). */
  nextChar(offset: number): number;
  /** Start of the previous character (0 at least). */
  prevChar(offset: number): number;
  /** Character starts of the row [row, next). */
  columnsOf(row: number, next: number): number[];
  /** True for the character that ends a line ('\n' in text; never in hex). */
  isLineBreak(offset: number): boolean;
}

export function lastRowStart(layout: RowLayout): number {
  return layout.size === 0 ? 0 : layout.rowContaining(layout.size - 1);
}

export function prevRowStart(layout: RowLayout, row: number): number {
  return row <= 0 ? 0 : layout.rowContaining(Math.min(row, layout.size) - 1);
}

/** Moves down up to `count` rows, never past the last row. */
export function rowsDown(layout: RowLayout, row: number, count: number): number {
  for (let i = 0; i < count; i++) {
    const next = layout.nextRowStart(row);
    if (next >= layout.size) break;
    row = next;
  }
  return row;
}

/** Moves up up to `count` rows, never before 0. */
export function rowsUp(layout: RowLayout, row: number, count: number): number {
  for (let i = 0; i < count && row > 0; i++) row = prevRowStart(layout, row);
  return row;
}

/** Row starts from `top`, at most `count` of them, stopping at the end of the file. */
export function rowsFrom(layout: RowLayout, top: number, count: number): number[] {
  const rows: number[] = [];
  let row = top;
  while (rows.length < count && row < layout.size) {
    rows.push(row);
    row = layout.nextRowStart(row);
  }
  return rows;
}

/**
 * The top row to use instead of `top` so the screen of `visibleRows` rows is
 * filled: near the end of the file the top moves up until the last row sits
 * at the bottom. Only reads the rows near the view.
 */
export function clampTop(layout: RowLayout, top: number, visibleRows: number): number {
  if (layout.size === 0) return 0;
  top = layout.rowContaining(Math.min(top, layout.size - 1));
  let row = top;
  let count = 1;
  while (count < visibleRows) {
    const next = layout.nextRowStart(row);
    if (next >= layout.size) break;
    row = next;
    count++;
  }
  return count < visibleRows ? rowsUp(layout, top, visibleRows - count) : top;
}

/** Index of the row starting at `row` among `rows`, or -1. */
export function rowIndexOf(rows: readonly number[], offset: number, end: number): number {
  for (let i = 0; i < rows.length; i++) {
    const next = i + 1 < rows.length ? rows[i + 1] : end;
    if (offset >= rows[i] && offset < next) return i;
  }
  return -1;
}
