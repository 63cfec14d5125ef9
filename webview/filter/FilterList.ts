import type { FilterRow } from '../../shared/protocol/filter';
import { element } from '../core/dom';

/** The spacer never grows past this many pixels (browsers cap element heights); past it a pixel stands for several rows. */
const MAX_SPACER_PX = 4_000_000;

export interface FilterListEvents {
  /** Rows [start, end) are on screen and not held: fetch them. */
  need(start: number, end: number): void;
  activate(index: number, row: FilterRow): void;
  toggleMark(index: number, row: FilterRow): void;
}

/**
 * The filter pane's list, virtualised: only the rows on screen are in the
 * DOM (a recycled pool), over a spacer as tall as the list (scaled beyond
 * MAX_SPACER_PX), so ten million rows scroll like ten. Rows arrive from the
 * host by window (set()); a row not arrived yet shows its place only. All
 * text goes in with textContent.
 */
export class FilterList {
  readonly element: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly layer: HTMLElement;
  private readonly pool: HTMLElement[] = [];
  private rows = new Map<number, FilterRow>();
  private total = 0;
  private first = 0;
  selected = -1;
  private rowHeight = 20;

  constructor(private readonly events: FilterListEvents) {
    this.element = element('div', 'filter-list');
    this.element.id = 'filter-list';
    this.element.tabIndex = 0;
    this.element.setAttribute('role', 'listbox');
    this.element.setAttribute('aria-label', 'Filtered lines');
    this.spacer = element('div', 'filter-spacer', this.element);
    this.layer = element('div', 'filter-layer', this.element);
    this.element.addEventListener('scroll', () => this.render());
    this.element.addEventListener('keydown', (e) => this.key(e));
    this.layer.addEventListener('click', (e) => {
      const rowEl = (e.target as HTMLElement).closest<HTMLElement>('.filter-row');
      if (!rowEl) return;
      const index = Number(rowEl.dataset.index);
      if ((e.target as HTMLElement).classList.contains('filter-mark')) return this.mark(index);
      this.select(index);
      this.activate();
    });
    new ResizeObserver(() => this.render()).observe(this.element);
  }

  get length(): number {
    return this.total;
  }

  private get visible(): number {
    return Math.max(1, Math.floor(this.element.clientHeight / this.rowHeight));
  }

  /** Empties the list (a new filter). */
  reset(): void {
    this.rows.clear();
    this.total = 0;
    this.selected = -1;
    this.element.scrollTop = 0;
    this.render();
  }

  setTotal(total: number): void {
    if (total === this.total) return;
    this.total = total;
    this.render();
  }

  /** Rows arrived for positions start…; a window far from the screen is dropped (keeps the map small). */
  set(start: number, rows: FilterRow[]): void {
    rows.forEach((row, k) => this.rows.set(start + k, row));
    if (this.rows.size > 5000) {
      for (const key of this.rows.keys()) if (Math.abs(key - this.first) > 1000) this.rows.delete(key);
    }
    this.render();
  }

  /** Drops the held rows (their marks changed): the screen asks again. */
  invalidate(): void {
    this.rows.clear();
    this.render();
  }

  private spacerHeight(): number {
    return Math.min(this.total * this.rowHeight, MAX_SPACER_PX);
  }

  /** The first row on screen for the scroll position, and back. */
  private firstForScroll(): number {
    const room = this.spacerHeight() - this.element.clientHeight;
    const rowsOff = Math.max(0, this.total - this.visible);
    if (room <= 0 || rowsOff === 0) return 0;
    return Math.min(rowsOff, Math.round((this.element.scrollTop / room) * rowsOff));
  }

  private scrollForFirst(first: number): number {
    const room = this.spacerHeight() - this.element.clientHeight;
    const rowsOff = Math.max(0, this.total - this.visible);
    return rowsOff === 0 ? 0 : (first / rowsOff) * Math.max(0, room);
  }

  render(): void {
    const measured = parseFloat(getComputedStyle(this.element).getPropertyValue('--hv-filter-row-height'));
    if (measured > 0) this.rowHeight = measured;
    this.spacer.style.height = `${this.spacerHeight()}px`;
    this.first = this.firstForScroll();
    this.layer.style.transform = `translateY(${this.element.scrollTop}px)`;
    const n = Math.min(this.visible + 1, Math.max(0, this.total - this.first));
    while (this.pool.length < n) this.pool.push(this.newRow());
    let missingFrom = -1;
    let missingTo = -1;
    for (let k = 0; k < this.pool.length; k++) {
      const el = this.pool[k];
      if (k >= n) {
        el.hidden = true;
        continue;
      }
      const index = this.first + k;
      el.hidden = false;
      const row = this.rows.get(index);
      if (!row) {
        if (missingFrom < 0) missingFrom = index;
        missingTo = index + 1;
      }
      this.paintRow(el, index, row);
    }
    if (missingFrom >= 0) this.events.need(missingFrom, missingTo);
  }

  private newRow(): HTMLElement {
    const el = element('div', 'filter-row', this.layer);
    el.setAttribute('role', 'option');
    element('span', 'filter-mark', el).title = 'Mark this line (Space)';
    element('span', 'filter-line-number', el);
    element('span', 'filter-text', el);
    return el;
  }

  private paintRow(el: HTMLElement, index: number, row: FilterRow | undefined): void {
    el.dataset.index = String(index);
    el.style.top = `${(index - this.first) * this.rowHeight}px`;
    el.classList.toggle('selected', index === this.selected);
    el.setAttribute('aria-selected', String(index === this.selected));
    el.classList.toggle('context', row?.context === true);
    el.classList.toggle('marked', row?.marked === true);
    const [mark, number, text] = el.children as unknown as HTMLElement[];
    mark.textContent = row?.marked ? '●' : '';
    el.dataset.line = row?.line != null ? String(row.line + 1) : '';
    el.dataset.offset = row ? String(row.offset) : '';
    number.textContent = row?.line != null ? String(row.line + 1) : '';
    text.replaceChildren();
    if (!row) return;
    let at = 0;
    const h = row.highlights;
    for (let i = 0; i + 1 < h.length; i += 2) {
      if (h[i] > at) text.append(row.text.slice(at, h[i]));
      const match = element('span', 'filter-match', text);
      match.textContent = row.text.slice(h[i], h[i + 1]);
      at = h[i + 1];
    }
    if (at < row.text.length) text.append(row.text.slice(at));
  }

  select(index: number): void {
    if (this.total === 0) return;
    this.selected = Math.max(0, Math.min(this.total - 1, index));
    if (this.selected < this.first) this.element.scrollTop = this.scrollForFirst(this.selected);
    else if (this.selected >= this.first + this.visible) this.element.scrollTop = this.scrollForFirst(this.selected - this.visible + 1);
    this.render();
  }

  private activate(): void {
    const row = this.rows.get(this.selected);
    if (row) this.events.activate(this.selected, row);
  }

  private mark(index: number): void {
    const row = this.rows.get(index);
    if (row) this.events.toggleMark(index, row);
  }

  private key(e: KeyboardEvent): void {
    const page = Math.max(1, this.visible - 1);
    const moves: Record<string, () => number> = {
      ArrowDown: () => this.selected + 1,
      ArrowUp: () => Math.max(0, this.selected - 1),
      PageDown: () => this.selected + page,
      PageUp: () => Math.max(0, this.selected - page),
      Home: () => 0,
      End: () => this.total - 1,
    };
    const move = moves[e.key];
    if (move && !e.altKey && !e.ctrlKey && !e.metaKey) {
      this.select(move());
    } else if (e.key === 'Enter') {
      this.activate();
    } else if (e.key === ' ') {
      this.mark(this.selected);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }
}
