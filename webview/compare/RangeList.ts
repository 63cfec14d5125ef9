import { formatHexOffset } from '../../shared/offsets';
import type { RangeWindow } from '../../shared/protocol/compare';
import { element } from '../core/dom';

const ROW_HEIGHT = 22;
/** The spacer never grows past this (browsers cap element heights): past it, scrolling maps by fraction. */
const MAX_SPACER_PX = 1_000_000;
const WINDOW = 200;
const MAX_CACHED = 20_000;

interface Entry {
  offset: number;
  length: number;
  left: string;
  right: string;
}

/**
 * The differing ranges, virtualised: only the rows on screen exist, and
 * their data comes from the host in windows of WINDOW ranges as the list
 * scrolls, so any count (10 M ranges) costs the same.
 */
export class RangeList {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsBox: HTMLElement;
  private readonly entries = new Map<number, Entry>();
  private readonly asked = new Set<number>();
  private total = 0;
  private current = -1;
  private digits = 8;
  private frame = 0;

  constructor(
    private readonly fetch: (start: number, count: number) => Promise<RangeWindow>,
    private readonly select: (index: number) => void,
  ) {
    this.element = element('div', 'range-list');
    const header = element('div', 'range-header', this.element);
    for (const [cls, text] of [['n', '#'], ['at', 'Offset'], ['len', 'Length'], ['l', 'Left'], ['r', 'Right']]) element('span', cls, header).textContent = text;
    this.viewport = element('div', 'range-viewport', this.element);
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('role', 'listbox');
    this.viewport.setAttribute('aria-label', 'Differing ranges');
    this.spacer = element('div', 'range-spacer', this.viewport);
    this.rowsBox = element('div', 'range-rows', this.viewport);
    this.viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.rowsBox.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('.range-row');
      const index = Number(row?.dataset.index);
      if (row && Number.isSafeInteger(index)) this.select(index);
    });
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  /** How many ranges the host holds now (the list grows as batches arrive); digits: the offset width. */
  setTotal(total: number, digits: number): void {
    if (total === this.total && digits === this.digits) return;
    // Entries at the old end may have come back short: ask for them again.
    for (const start of [...this.asked]) if (start + WINDOW > this.total) this.asked.delete(start);
    this.total = total;
    this.digits = digits;
    this.spacer.style.height = `${Math.min(total * ROW_HEIGHT, MAX_SPACER_PX)}px`;
    this.schedule();
  }

  /** Marks range `index` as the current difference and scrolls it into view. */
  setCurrent(index: number): void {
    this.current = index;
    const { first, rows } = this.visible();
    if (index < first || index >= first + rows - 1) this.scrollToIndex(Math.max(0, index - Math.floor(rows / 3)));
    this.schedule();
  }

  private scrollToIndex(index: number): void {
    const rows = this.rowsFit();
    const last = Math.max(1, this.total - rows);
    const scrollable = this.viewport.scrollHeight - this.viewport.clientHeight;
    this.viewport.scrollTop = this.total * ROW_HEIGHT <= MAX_SPACER_PX ? index * ROW_HEIGHT : Math.round((Math.min(index, last) / last) * scrollable);
  }

  private rowsFit(): number {
    return Math.max(1, Math.ceil(this.viewport.clientHeight / ROW_HEIGHT) + 1);
  }

  private visible(): { first: number; rows: number } {
    const rows = this.rowsFit();
    if (this.total * ROW_HEIGHT <= MAX_SPACER_PX) return { first: Math.floor(this.viewport.scrollTop / ROW_HEIGHT), rows };
    const scrollable = Math.max(1, this.viewport.scrollHeight - this.viewport.clientHeight);
    const first = Math.round((this.viewport.scrollTop / scrollable) * Math.max(0, this.total - rows + 1));
    return { first: Math.min(first, Math.max(0, this.total - 1)), rows };
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const { first, rows } = this.visible();
    const end = Math.min(this.total, first + rows);
    this.rowsBox.style.transform = `translateY(${this.viewport.scrollTop}px)`;
    while (this.rowsBox.children.length < end - first) this.makeRow();
    while (this.rowsBox.children.length > end - first) this.rowsBox.lastElementChild?.remove();
    for (let i = first; i < end; i++) this.paintRow(this.rowsBox.children[i - first] as HTMLElement, i);
    this.want(first, end);
  }

  private makeRow(): void {
    const row = element('div', 'range-row', this.rowsBox);
    row.setAttribute('role', 'option');
    for (const cls of ['n', 'at', 'len', 'l', 'r']) element('span', cls, row);
  }

  private paintRow(row: HTMLElement, index: number): void {
    const entry = this.entries.get(index);
    row.dataset.index = String(index);
    row.classList.toggle('current', index === this.current);
    row.setAttribute('aria-selected', String(index === this.current));
    const cells = row.children;
    cells[0].textContent = String(index + 1);
    cells[1].textContent = entry ? `0x${formatHexOffset(entry.offset, this.digits)}` : '…';
    cells[2].textContent = entry ? entry.length.toLocaleString('en-US') : '';
    cells[3].textContent = entry ? entry.left + (entry.length > 8 ? ' …' : '') : '';
    cells[4].textContent = entry ? entry.right + (entry.length > 8 ? ' …' : '') : '';
  }

  private want(first: number, end: number): void {
    for (let start = Math.floor(first / WINDOW) * WINDOW; start < end; start += WINDOW) {
      if (this.asked.has(start)) continue;
      this.asked.add(start);
      this.fetch(start, WINDOW).then(
        (window) => {
          if (this.entries.size > MAX_CACHED) {
            this.entries.clear();
            this.asked.clear();
            this.asked.add(start);
          }
          window.offsets.forEach((offset, i) => this.entries.set(window.start + i, { offset, length: window.lengths[i], left: window.left[i], right: window.right[i] }));
          this.schedule();
        },
        () => this.asked.delete(start),
      );
    }
  }
}
