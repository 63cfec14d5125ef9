import { MAX_CONTEXT, MAX_FILTERS, type FilterSpec, type LineFilter } from '../../shared/protocol/filter';
import { element } from '../core/dom';
import { FilterList, type FilterListEvents } from './FilterList';
import './filter.css';

export interface FilterPaneEvents extends FilterListEvents {
  /** The filters changed (typed, toggled, added, removed). */
  changed(spec: FilterSpec): void;
  close(): void;
  export(target: 'document' | 'clipboard'): void;
  markedOnly(on: boolean): void;
}

const TOGGLES: Array<{ name: 'caseSensitive' | 'wholeWord' | 'regex'; label: string; title: string }> = [
  { name: 'caseSensitive', label: 'Aa', title: 'Match Case' },
  { name: 'wholeWord', label: 'ab', title: 'Match Whole Word' },
  { name: 'regex', label: '.*', title: 'Use Regular Expression' },
];

/**
 * The filtered view's pane under the rows (like VS Code's panel): a bar of
 * filters (each include or exclude, with Find's toggles), all/any, context
 * lines, "marked only", export and close, a status line with the count and
 * progress, and the virtualised list. Its top edge drags to resize it.
 */
export class FilterPane {
  readonly element: HTMLElement;
  readonly list: FilterList;
  private readonly filtersBox: HTMLElement;
  private readonly combine: HTMLSelectElement;
  private readonly context: HTMLInputElement;
  private readonly markedButton: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly progress: HTMLElement;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  markedOnly = false;

  constructor(private readonly events: FilterPaneEvents) {
    const root = (this.element = element('div', 'filter-pane'));
    root.id = 'filter-pane';
    root.hidden = true;
    root.setAttribute('role', 'region');
    root.setAttribute('aria-label', 'Filtered view');
    const sash = element('div', 'filter-sash', root);
    sash.addEventListener('pointerdown', (e) => this.drag(e, sash));

    const bar = element('div', 'filter-bar', root);
    this.filtersBox = element('div', 'filter-filters', bar);
    const controls = element('div', 'filter-controls', bar);
    const add = this.button(controls, '+', 'Add a filter', 'filter-add');
    add.addEventListener('click', () => {
      if (this.filtersBox.children.length < MAX_FILTERS) this.addFilter().querySelector('input')?.focus();
    });
    this.combine = element('select', 'filter-select', controls);
    this.combine.id = 'filter-combine';
    this.combine.title = 'Lines that pass all filters, or any';
    for (const [value, label] of [['all', 'All'], ['any', 'Any']]) {
      const o = element('option', '', this.combine);
      o.value = value;
      o.textContent = label;
    }
    this.combine.addEventListener('change', () => this.fire(true));
    const contextLabel = element('label', 'filter-context-label', controls);
    contextLabel.textContent = '±';
    contextLabel.title = 'Context lines around each line (like grep -C)';
    this.context = element('input', 'filter-context', contextLabel);
    this.context.id = 'filter-context';
    this.context.type = 'number';
    this.context.min = '0';
    this.context.max = String(MAX_CONTEXT);
    this.context.value = '0';
    this.context.setAttribute('aria-label', 'Context lines');
    this.context.addEventListener('input', () => this.fire(false));
    this.markedButton = this.button(controls, '●', 'Show only marked lines', 'filter-marked-only');
    this.markedButton.setAttribute('aria-pressed', 'false');
    this.markedButton.addEventListener('click', () => {
      this.markedOnly = !this.markedOnly;
      this.markedButton.setAttribute('aria-pressed', String(this.markedOnly));
      this.markedButton.classList.toggle('on', this.markedOnly);
      this.events.markedOnly(this.markedOnly);
    });
    this.button(controls, 'Export', 'Export the listed lines to a new document (capped at 100,000)', 'filter-export').addEventListener('click', () => this.events.export('document'));
    this.button(controls, 'Copy', 'Copy the listed lines (capped at 100,000)', 'filter-copy').addEventListener('click', () => this.events.export('clipboard'));
    this.button(controls, '×', 'Close (Escape)', 'filter-close').addEventListener('click', () => this.events.close());

    const statusLine = element('div', 'filter-status-line', root);
    this.status = element('span', 'filter-status', statusLine);
    this.status.id = 'filter-status';
    this.status.setAttribute('aria-live', 'polite');
    this.progress = element('div', 'filter-progress', statusLine);

    this.list = new FilterList(events);
    root.appendChild(this.list.element);
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.events.close();
      }
    });
    this.addFilter();
  }

  private button(parent: HTMLElement, label: string, title: string, id: string): HTMLButtonElement {
    const b = element('button', 'filter-button', parent);
    b.id = id;
    b.type = 'button';
    b.textContent = label;
    b.title = title;
    b.setAttribute('aria-label', title);
    return b;
  }

  private addFilter(filter?: LineFilter): HTMLElement {
    const row = element('div', 'filter-item', this.filtersBox);
    const kind = element('select', 'filter-select filter-kind', row);
    kind.title = 'Keep lines that match, or lines that do not';
    for (const [value, label] of [['include', 'Include'], ['exclude', 'Exclude']]) {
      const o = element('option', '', kind);
      o.value = value;
      o.textContent = label;
    }
    kind.value = filter?.exclude ? 'exclude' : 'include';
    kind.addEventListener('change', () => this.fire(true));
    const box = element('div', 'filter-input-box', row);
    const input = element('input', 'filter-input', box);
    input.type = 'text';
    input.spellcheck = false;
    input.placeholder = 'Filter';
    input.setAttribute('aria-label', 'Filter pattern');
    input.value = filter?.pattern ?? '';
    input.addEventListener('input', () => this.fire(false));
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') this.fire(true);
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        this.list.element.focus();
        if (this.list.selected < 0) this.list.select(0);
      }
    });
    for (const t of TOGGLES) {
      const b = element('button', 'filter-toggle', box);
      b.type = 'button';
      b.textContent = t.label;
      b.title = t.title;
      b.dataset.toggle = t.name;
      const on = t.name === 'regex' ? filter?.mode === 'regex' : filter?.[t.name] === true;
      b.setAttribute('aria-pressed', String(on));
      b.addEventListener('click', () => {
        b.setAttribute('aria-pressed', String(b.getAttribute('aria-pressed') !== 'true'));
        this.fire(true);
      });
    }
    const remove = element('button', 'filter-button filter-remove', row);
    remove.type = 'button';
    remove.textContent = '−';
    remove.title = 'Remove this filter';
    remove.addEventListener('click', () => {
      row.remove();
      if (this.filtersBox.children.length === 0) this.addFilter();
      this.fire(true);
    });
    return row;
  }

  /** Puts `spec` in the bar (hugeview.filter's arguments). */
  setSpec(spec: FilterSpec): void {
    this.filtersBox.replaceChildren();
    for (const f of spec.filters) this.addFilter(f);
    if (spec.filters.length === 0) this.addFilter();
    this.combine.value = spec.combine;
    this.context.value = String(Math.max(spec.before, spec.after));
  }

  spec(): FilterSpec {
    const filters: LineFilter[] = [];
    for (const row of Array.from(this.filtersBox.children) as HTMLElement[]) {
      const pattern = row.querySelector<HTMLInputElement>('.filter-input')!.value;
      if (!pattern) continue;
      const on = (name: string) => row.querySelector(`[data-toggle="${name}"]`)?.getAttribute('aria-pressed') === 'true';
      filters.push({ pattern, mode: on('regex') ? 'regex' : 'text', caseSensitive: on('caseSensitive'), wholeWord: on('wholeWord'), exclude: row.querySelector<HTMLSelectElement>('.filter-kind')!.value === 'exclude' });
    }
    const context = Math.max(0, Math.min(MAX_CONTEXT, Math.floor(Number(this.context.value) || 0)));
    return { filters, combine: this.combine.value === 'any' ? 'any' : 'all', before: context, after: context };
  }

  private fire(now: boolean): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.events.changed(this.spec()), now ? 0 : 250);
  }

  /** Marks the filter inputs invalid (a bad pattern) or valid. */
  setError(message: string | undefined): void {
    this.element.classList.toggle('error', message !== undefined);
    if (message !== undefined) this.setStatus(message, 1, true);
  }

  setStatus(text: string, scanned: number, done: boolean): void {
    this.status.textContent = text;
    this.progress.style.width = `${Math.round(scanned * 100)}%`;
    this.progress.hidden = done;
  }

  focusInput(): void {
    this.filtersBox.querySelector<HTMLInputElement>('.filter-input')?.focus();
  }

  private drag(e: PointerEvent, sash: HTMLElement): void {
    e.preventDefault();
    sash.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => {
      const height = Math.max(90, Math.min(window.innerHeight - 60, window.innerHeight - m.clientY));
      document.body.style.setProperty('--hv-filter-height', `${height}px`);
    };
    const up = () => {
      sash.removeEventListener('pointermove', move);
      sash.removeEventListener('pointerup', up);
    };
    sash.addEventListener('pointermove', move);
    sash.addEventListener('pointerup', up);
  }
}
