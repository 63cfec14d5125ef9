import { CancelFilter, ExportFilter, FilterProgress, FilterRows, GoToFilterRow, ShowFilter, StartFilter, ToggleMark, type FilterProgressParams, type FilterSpec } from '../../shared/protocol/filter';
import type { Messenger } from '../../shared/rpc';
import type { Viewer } from '../core/Viewer';
import { FilterPane } from './FilterPane';

/** Rows fetched either side of the screen, so a short scroll finds them held. */
const AHEAD = 100;

const n = (x: number) => x.toLocaleString('en-US');

/**
 * Puts the filtered view on the viewer: the pane under the rows, its filters
 * started on the host (StartFilter), the list filled by window (FilterRows)
 * as it scrolls and as progress comes in; a row's Enter or click moves the
 * main view to its line (GoToFilterRow).
 */
export function wireFilter(viewer: Viewer, messenger: Messenger): void {
  let filterId: number | undefined;
  let last: FilterProgressParams | undefined;
  let generation = 0;
  const inflight = new Set<string>();

  const pane = new FilterPane({
    changed: (spec) => void start(spec),
    close: () => setOpen(false),
    export: (target) => {
      if (filterId !== undefined) void messenger.request(ExportFilter, { filterId, target, markedOnly: pane.markedOnly }, 120_000).catch(() => undefined);
    },
    markedOnly: () => {
      pane.list.reset();
      showProgress();
    },
    need: (start, end) => fetch(start, end),
    activate: (_index, row) => messenger.notify(GoToFilterRow, { offset: row.offset }),
    toggleMark: (_index, row) => messenger.notify(ToggleMark, { offset: row.offset }),
  });
  document.body.appendChild(pane.element);

  function setOpen(open: boolean): void {
    pane.element.hidden = !open;
    document.body.classList.toggle('hv-filter-open', open);
    if (open) pane.list.render();
    else viewer.element.focus();
  }

  async function start(spec: FilterSpec): Promise<void> {
    const mine = ++generation;
    if (filterId !== undefined) messenger.notify(CancelFilter, { filterId });
    filterId = undefined;
    last = undefined;
    pane.list.reset();
    pane.setError(undefined);
    if (spec.filters.length === 0 && spec.before === 0 && spec.after === 0) {
      pane.setStatus('Type a pattern to list the lines that match', 1, true);
      return;
    }
    pane.setStatus('Filtering…', 0, false);
    try {
      const { filterId: id } = await messenger.request(StartFilter, spec);
      if (mine === generation) adopt(id);
    } catch (error) {
      if (mine === generation) pane.setError((error as Error).message);
    }
  }

  function adopt(id: number): void {
    filterId = id;
    inflight.clear();
    pane.list.reset();
    if (last?.filterId === id) showProgress();
  }

  function showProgress(): void {
    const p = last;
    if (!p || p.filterId !== filterId) return;
    pane.list.setTotal(pane.markedOnly ? p.marked : p.listed);
    const context = p.listed > p.matched ? ` (${n(p.listed)} with context)` : '';
    const marked = p.marked ? ` · ${n(p.marked)} marked` : '';
    const shown = pane.markedOnly ? `${n(p.marked)} marked lines` : `${n(p.matched)} matching lines${context}${marked}`;
    const progress = p.done ? '' : ` · ${Math.floor(p.scanned * 100)}%`;
    pane.setStatus(p.error ? `${shown} · ${p.error}` : `${shown}${progress}`, p.scanned, p.done);
    pane.element.dataset.done = p.done ? '1' : '';
  }

  function fetch(start: number, end: number): void {
    const id = filterId;
    if (id === undefined) return;
    const from = Math.max(0, start - AHEAD);
    const count = Math.min(500, end + AHEAD - from);
    const key = `${id}:${pane.markedOnly}:${from}:${count}:${last?.listed}`;
    if (inflight.has(key)) return;
    inflight.add(key);
    const markedOnly = pane.markedOnly;
    void messenger.request(FilterRows, { filterId: id, start: from, count, markedOnly }).then(
      ({ rows }) => {
        inflight.delete(key);
        if (id === filterId && markedOnly === pane.markedOnly) pane.list.set(from, rows);
      },
      () => inflight.delete(key),
    );
  }

  messenger.onNotification(FilterProgress, (p) => {
    const marksChanged = last !== undefined && last.filterId === p.filterId && last.marked !== p.marked;
    last = p;
    if (p.filterId !== filterId) return;
    if (marksChanged) pane.list.invalidate();
    showProgress();
  });

  messenger.onNotification(ShowFilter, ({ action, spec, filterId: id }) => {
    if (action === 'close') return setOpen(false);
    if (action === 'toggle' && !pane.element.hidden) return setOpen(false);
    setOpen(true);
    if (spec && id !== undefined) {
      generation++;
      if (filterId !== undefined && filterId !== id) messenger.notify(CancelFilter, { filterId });
      pane.setSpec(spec);
      pane.setError(undefined);
      adopt(id);
      pane.list.element.focus();
    } else if (!seedFromFind()) pane.focusInput();
  });

  /**
   * "Filter on this query": opened (Ctrl+Alt+L, the title bar) while the find
   * widget is open with a text or regex query, the pane filters on that query
   * (unless it already does). The widget is read through its DOM (its ids
   * and aria-pressed toggles), not its code: plug-ins do not import each other.
   */
  function seedFromFind(): boolean {
    const widget = document.getElementById('find-widget');
    const input = document.getElementById('find-input') as HTMLInputElement | null;
    const pressed = (id: string) => document.getElementById(id)?.getAttribute('aria-pressed') === 'true';
    if (!widget || widget.hidden || !input?.value || pressed('find-hex')) return false;
    const spec: FilterSpec = { filters: [{ pattern: input.value, mode: pressed('find-regex') ? 'regex' : 'text', caseSensitive: pressed('find-case'), wholeWord: pressed('find-word'), exclude: false }], combine: 'all', before: 0, after: 0 };
    if (JSON.stringify(pane.spec()) === JSON.stringify(spec) && filterId !== undefined) return false;
    pane.setSpec(spec);
    void start(spec);
    pane.list.element.focus();
    return true;
  }
}
