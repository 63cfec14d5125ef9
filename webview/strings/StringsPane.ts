import type { StringRow, StringsProgressParams } from '../../shared/protocol/strings';
import { MAX_WINDOW_ROWS } from '../../shared/protocol/strings';
import { formatHexOffset, offsetDigits } from '../../shared/offsets';
import { element } from '../core/dom';
import './strings.css';

export interface StringsPaneEvents {
  /** The rows [start, start + count) are needed. */
  fetch(start: number, count: number): void;
  filter(text: string): void;
  cancel(): void;
  close(): void;
  /** Go to a string in the viewer. */
  open(row: StringRow): void;
}

const ROW_PX = 22;
/** Browsers cap an element's height: past this the scrollbar maps to rows by fraction. */
const MAX_SCROLL_PX = 4_000_000;
const ENCODING_BADGE = { ascii: 'A', latin1: 'L1', utf16le: 'U16' } as const;
const ENCODING_TITLE = { ascii: 'ASCII (strings -e s)', latin1: 'Latin-1 / 8-bit (strings -e S)', utf16le: 'UTF-16 LE (strings -e l)' } as const;

/**
 * The strings pane at the bottom of the viewer: a header (filter, status,
 * stop, close) and a virtualised list: only the rows on screen exist, filled
 * from windows the host sends; the scroll height stands for every row (by
 * fraction past a few million pixels). Arrow keys, Page Up/Down, Home/End
 * move the selection, Enter or a click goes to the string. Text goes in with
 * textContent only: the strings are file bytes.
 */
export class StringsPane {
  readonly element: HTMLElement;
  private readonly filterInput: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly stop: HTMLButtonElement;
  private readonly list: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsBox: HTMLElement;
  private readonly rowElements: HTMLElement[] = [];
  private rows = new Map<number, StringRow>();
  private shown = 0;
  private selected = 0;
  private size = 0;
  private filterTimer: ReturnType<typeof setTimeout> | undefined;
  private shownFilter = '';

  constructor(private readonly events: StringsPaneEvents) {
    const root = (this.element = element('section', 'strings-pane'));
    root.id = 'strings-pane';
    root.hidden = true;
    root.setAttribute('aria-label', 'Strings');
    const header = element('div', 'strings-header', root);
    element('span', 'strings-title', header).textContent = 'Strings';
    this.filterInput = element('input', 'strings-filter', header);
    this.filterInput.type = 'text';
    this.filterInput.placeholder = 'Filter';
    this.filterInput.setAttribute('aria-label', 'Show only strings containing');
    this.filterInput.addEventListener('input', () => {
      clearTimeout(this.filterTimer);
      this.filterTimer = setTimeout(() => events.filter(this.filterInput.value), 150);
    });
    this.filterInput.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'Enter') {
        e.preventDefault();
        this.list.focus();
        if (e.key === 'Enter') this.openSelected();
      } else if (e.key === 'Escape' && this.filterInput.value) {
        e.preventDefault();
        e.stopPropagation();
        this.filterInput.value = '';
        events.filter('');
      }
    });
    this.status = element('span', 'strings-status', header);
    this.status.setAttribute('aria-live', 'polite');
    this.stop = this.button(header, 'strings-stop', 'Stop', 'Stop looking for strings (the ones found stay)', () => events.cancel());
    this.button(header, 'strings-close', '×', 'Close the strings list', () => events.close());
    this.list = element('div', 'strings-list', root);
    this.list.tabIndex = 0;
    this.list.setAttribute('role', 'listbox');
    this.list.setAttribute('aria-label', 'Strings found');
    this.spacer = element('div', 'strings-spacer', this.list);
    this.rowsBox = element('div', 'strings-rows', this.list);
    this.list.addEventListener('scroll', () => this.render(), { passive: true });
    this.list.addEventListener('keydown', (e) => this.key(e));
    this.rowsBox.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('.strings-row');
      if (!row?.dataset.index) return;
      this.select(Number(row.dataset.index), false);
      this.openSelected();
    });
    new ResizeObserver(() => this.render()).observe(this.list);
  }

  private button(parent: HTMLElement, className: string, text: string, title: string, onClick: () => void): HTMLButtonElement {
    const b = element('button', `strings-button ${className}`, parent);
    b.textContent = text;
    b.title = title;
    b.setAttribute('aria-label', title);
    b.addEventListener('click', onClick);
    return b;
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  /** A new list: empty, filter cleared, pane shown. */
  open(listId: number, size: number): void {
    this.element.dataset.listId = String(listId);
    this.size = size;
    this.rows.clear();
    this.shown = 0;
    this.selected = 0;
    this.filterInput.value = '';
    this.shownFilter = '';
    this.list.scrollTop = 0;
    this.setVisible(true);
    this.status.textContent = 'Looking for strings…';
    this.render();
    this.list.focus();
  }

  setVisible(visible: boolean): void {
    this.element.hidden = !visible;
    document.body.classList.toggle('hv-strings-open', visible);
  }

  progress(p: StringsProgressParams): void {
    // Rows already fetched stay right while strings are added (both lists only grow); a new filter changes them all.
    const changed = p.filter !== this.shownFilter || p.shown < this.shown;
    this.shownFilter = p.filter;
    this.shown = p.shown;
    const d = this.element.dataset;
    d.count = String(p.count);
    d.shown = String(p.shown);
    d.filter = p.filter;
    d.done = p.done ? '1' : '0';
    const n = (x: number) => x.toLocaleString('en-US');
    const found = p.filter ? `${n(p.shown)} of ${n(p.count)} strings` : `${n(p.count)} strings`;
    this.status.textContent = p.error ? `${found} · ${p.error}` : p.done ? `${found}${p.cancelled ? ' (stopped)' : ''}` : `${found} · ${Math.floor(p.scanned * 100)}%…`;
    this.status.classList.toggle('error', p.error !== undefined);
    this.stop.hidden = p.done;
    if (changed) this.rows.clear();
    this.selected = Math.min(this.selected, Math.max(0, this.shown - 1));
    this.render();
  }

  /** Rows the host sent. */
  fill(rows: StringRow[]): void {
    for (const row of rows) this.rows.set(row.index, row);
    this.render();
  }

  private get visibleRows(): number {
    return Math.max(1, Math.ceil(this.list.clientHeight / ROW_PX) + 1);
  }

  /** The first row on screen, from the scroll position. */
  private firstRow(): number {
    const full = this.shown * ROW_PX;
    const top = this.list.scrollTop;
    if (full <= MAX_SCROLL_PX) return Math.floor(top / ROW_PX);
    const range = MAX_SCROLL_PX - this.list.clientHeight;
    return Math.round((top / Math.max(1, range)) * Math.max(0, this.shown - this.visibleRows + 1));
  }

  private render(): void {
    if (this.element.hidden) return;
    const height = Math.min(this.shown * ROW_PX, MAX_SCROLL_PX);
    this.spacer.style.height = `${height}px`;
    const first = this.firstRow();
    const count = Math.min(this.visibleRows, Math.max(0, this.shown - first));
    const scaled = this.shown * ROW_PX > MAX_SCROLL_PX;
    this.rowsBox.style.transform = `translateY(${scaled ? this.list.scrollTop : first * ROW_PX}px)`;
    while (this.rowElements.length < count) this.rowElements.push(this.makeRow());
    const digits = offsetDigits(this.size);
    let missing = -1;
    for (let k = 0; k < this.rowElements.length; k++) {
      const el = this.rowElements[k];
      const index = first + k;
      el.hidden = k >= count;
      if (el.hidden) continue;
      const row = this.rows.get(index);
      if (!row && missing < 0) missing = index;
      el.dataset.index = String(index);
      el.classList.toggle('selected', index === this.selected);
      el.setAttribute('aria-selected', String(index === this.selected));
      const [offset, badge, text] = el.children as unknown as HTMLElement[];
      if (row) {
        el.dataset.offset = String(row.offset);
        offset.textContent = formatHexOffset(row.offset, digits);
        offset.title = `${row.offset.toLocaleString('en-US')} (decimal), ${row.length} bytes`;
        badge.textContent = ENCODING_BADGE[row.encoding];
        badge.title = ENCODING_TITLE[row.encoding];
        text.textContent = row.truncated ? `${row.text}…` : row.text;
      } else {
        delete el.dataset.offset;
        offset.textContent = '';
        badge.textContent = '';
        text.textContent = '…';
      }
    }
    if (missing >= 0) this.events.fetch(first, Math.min(MAX_WINDOW_ROWS, Math.max(count, 1)));
  }

  private makeRow(): HTMLElement {
    const row = element('div', 'strings-row', this.rowsBox);
    row.setAttribute('role', 'option');
    element('span', 'strings-offset', row);
    element('span', 'strings-encoding', row);
    element('span', 'strings-text', row);
    return row;
  }

  private key(e: KeyboardEvent): void {
    const page = Math.max(1, this.visibleRows - 2);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (e.key in moves) {
      e.preventDefault();
      this.select(Math.max(0, Math.min(this.shown - 1, this.selected + moves[e.key])), true);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      this.openSelected();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.events.close();
    }
  }

  private select(index: number, reveal: boolean): void {
    this.selected = index;
    if (reveal && this.shown * ROW_PX <= MAX_SCROLL_PX) {
      const top = index * ROW_PX;
      if (top < this.list.scrollTop) this.list.scrollTop = top;
      else if (top + ROW_PX > this.list.scrollTop + this.list.clientHeight) this.list.scrollTop = top + ROW_PX - this.list.clientHeight;
    } else if (reveal) {
      const range = MAX_SCROLL_PX - this.list.clientHeight;
      const first = this.firstRow();
      if (index < first || index >= first + this.visibleRows - 1) this.list.scrollTop = (index / Math.max(1, this.shown - this.visibleRows + 1)) * range;
    }
    this.render();
  }

  private openSelected(): void {
    const row = this.rows.get(this.selected);
    if (row) this.events.open(row);
  }
}
