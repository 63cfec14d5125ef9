/** A row element that remembers which row (by start offset) it shows, -1 for none. */
export interface RecycledRow {
  readonly element: HTMLElement;
  readonly shownOffset: number;
}

/**
 * Orders recycled rows for a new screen: a row already showing one of the
 * wanted offsets keeps its content and only moves with its neighbours; the
 * rest are reused for the new offsets. When scrolling by k rows only k
 * elements move in the DOM (and get repainted), so the browser re-lays out
 * k rows, not the screen. Returns the rows in screen order.
 */
export function recycleRows<R extends RecycledRow>(container: HTMLElement, rows: R[], offsets: readonly number[]): R[] {
  const byOffset = new Map<number, R>();
  for (const row of rows) if (row.shownOffset >= 0) byOffset.set(row.shownOffset, row);
  const ordered: (R | undefined)[] = offsets.map((offset) => byOffset.get(offset));
  const used = new Set(ordered.filter((row): row is R => row !== undefined));
  const free = rows.filter((row) => !used.has(row));
  for (let i = 0; i < rows.length; i++) if (ordered[i] === undefined) ordered[i] = free.shift();
  const result = ordered as R[];
  // Put every element right before its successor, from the bottom up; kept rows are already in order.
  let next: Element | null = null;
  for (let i = result.length - 1; i >= 0; i--) {
    const element = result[i].element;
    if (element.nextElementSibling !== next || element.parentElement !== container) container.insertBefore(element, next);
    next = element;
  }
  return result;
}
