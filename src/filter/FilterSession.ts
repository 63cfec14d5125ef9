import * as vscode from 'vscode';
import {
  CancelFilter, ExportFilter, FilterProgress, FilterRows, GoToFilterRow, ShowFilter, StartFilter, ToggleMark,
  type ExportResult, type FilterRow, type FilterSpec,
} from '../../shared/protocol/filter';
import type { Editor } from '../core/Editor';
import { compileFilters, highlightRanges, highlighters } from './compileFilters';
import { FilterScan } from './FilterScan';
import { filteredDocument } from './filteredDocument';
import { MarkSet } from './MarkSet';

/** What hugeview.filter returns when its scan ends. */
export interface FilterSummary {
  filterId: number;
  matchedLines: number;
  listedLines: number;
  scannedBytes: number;
  done: boolean;
  error?: string;
}

/** The most lines an export writes. */
export const EXPORT_CAP = 100_000;
const ROW_BYTES = 4096;
const ROW_CHARS = 2000;

interface Running {
  id: number;
  spec: FilterSpec;
  scan: FilterScan;
  regexes: RegExp[];
  dispose(): void;
  finished: Promise<FilterSummary>;
}

/**
 * One editor's filtered view: the running filter (one at a time; a new one
 * cancels it, and so does a reload of the document), its result on the host
 * as line offsets (LineList), row windows for the pane, marks, export.
 */
export class FilterSession implements vscode.Disposable {
  private running: Running | undefined;
  private nextId = 1;
  private readonly marks = new MarkSet();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly editor: Editor) {
    const { messenger } = editor;
    messenger.onRequest(StartFilter, (spec) => ({ filterId: this.start(spec).id }));
    messenger.onNotification(CancelFilter, ({ filterId }) => this.running?.id === filterId && this.cancel());
    messenger.onRequest(FilterRows, (p) => this.rows(p.filterId, p.start, p.count, p.markedOnly));
    messenger.onNotification(GoToFilterRow, ({ offset }) => offset <= editor.document.size && editor.goTo(offset));
    messenger.onNotification(ToggleMark, ({ offset }) => {
      if (offset > editor.document.size) return;
      this.marks.toggle(offset);
      this.report();
    });
    messenger.onRequest(ExportFilter, (p) => this.export(p.target, p.markedOnly, p.filterId));
    this.subscriptions = [
      editor.onDidReload(() => {
        this.cancel();
        this.marks.clear();
      }),
    ];
  }

  /** hugeview.filter: shows the pane with `spec` and resolves when its scan ends. */
  async show(spec: FilterSpec): Promise<FilterSummary> {
    const running = this.start(spec);
    this.editor.messenger.notify(ShowFilter, { action: 'open', spec, filterId: running.id });
    return running.finished;
  }

  toggle(): void {
    this.editor.messenger.notify(ShowFilter, { action: 'toggle' });
  }

  get current(): { id: number; listed: number; matched: number } | undefined {
    const r = this.running;
    return r && { id: r.id, listed: r.scan.list.length, matched: r.scan.list.matched };
  }

  get listMemoryBytes(): number {
    return this.running?.scan.list.memoryBytes ?? 0;
  }

  /** Starts a filter; throws PatternError (EPATTERN) for a bad pattern. */
  start(spec: FilterSpec): Running {
    const document = this.editor.document;
    const engines = {
      native: document.nativeFile,
      lend: () => document.lendDescriptor(),
      encoding: this.editor.encoding,
      byteAt: (offset: number) => (offset >= 0 && offset < document.size ? document.read(offset, 1)[0] : undefined),
    };
    const filters = compileFilters(spec.filters, engines);
    const regexes = highlighters(spec.filters, this.editor.encoding);
    this.cancel();
    const doc = filteredDocument(document);
    const id = this.nextId++;
    let firstSent = false;
    const scan: FilterScan = new FilterScan(doc, { filters, combine: spec.combine, before: spec.before, after: spec.after }, () => {
      if (this.running?.id !== id) return;
      if (!firstSent && scan.list.length > 0) {
        firstSent = true;
        return this.report(); // the first rows go out at once
      }
      if (scan.done) return this.report();
      this.timer ??= setTimeout(() => this.report(), 100);
    });
    const finished = scan.run().then(() => ({ filterId: id, matchedLines: scan.list.matched, listedLines: scan.list.length, scannedBytes: scan.scannedTo, done: scan.done, error: scan.error }));
    this.running = { id, spec, scan, regexes, finished, dispose: () => doc.dispose() };
    void finished.then(() => {
      if (this.running?.id !== id) return;
      if (scan.error) void vscode.window.showErrorMessage(`HugeView filter: ${scan.error}`);
    });
    return this.running;
  }

  cancel(): void {
    if (!this.running) return;
    this.running.scan.stop();
    const r = this.running;
    void r.finished.then(() => r.dispose());
    this.running = undefined;
  }

  private report(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const r = this.running;
    if (!r) return;
    const { scan } = r;
    this.editor.messenger.notify(FilterProgress, { filterId: r.id, listed: scan.list.length, matched: scan.list.matched, marked: this.marks.size, scanned: scan.scanned, done: scan.done, error: scan.error });
  }

  /** The text of the line starting at `offset` (its first ROW_CHARS characters), without its line break. */
  private lineText(offset: number, maxBytes: number): string {
    const bytes = this.editor.document.read(offset, maxBytes);
    let end = bytes.indexOf(0x0a);
    if (end < 0) end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    return new TextDecoder(this.editor.encoding).decode(bytes.subarray(0, end));
  }

  private rows(filterId: number, start: number, count: number, markedOnly: boolean): { rows: FilterRow[]; total: number } {
    const r = this.running;
    if (!r || r.id !== filterId) return { rows: [], total: 0 };
    const list = r.scan.list;
    const lines = r.scan.lines;
    const total = markedOnly ? this.marks.size : list.length;
    const rows: FilterRow[] = [];
    const end = Math.min(total, start + count);
    if (markedOnly) {
      const index = this.editor.document.startedLines;
      for (let i = start; i < end; i++) {
        const offset = this.marks.at(i);
        rows.push(this.row(r, offset, safeLine(() => index?.lineOf(offset)), false));
      }
      return { rows, total };
    }
    if (start >= end) return { rows, total };
    // line numbers: from the checkpoint at or before `start`, counting newlines between the entries
    const cp = list.checkpoint(start);
    let previous = list.offsetAt(cp.index);
    let line = Number.isNaN(cp.line) ? this.lineOf(previous, lines) : cp.line;
    for (let i = cp.index + 1; i <= start; i++) {
      const offset = list.offsetAt(i);
      line += lines.countNewlines(previous, offset);
      previous = offset;
    }
    for (let i = start; i < end; i++) {
      const offset = list.offsetAt(i);
      if (i > start) line += lines.countNewlines(previous, offset);
      previous = offset;
      rows.push(this.row(r, offset, line, list.isContext(i)));
    }
    return { rows, total };
  }

  /** The line holding `offset`: from the document's line index where it has got there, else counted natively from the start. */
  private lineOf(offset: number, lines: Running['scan']['lines']): number {
    const known = safeLine(() => this.editor.document.startedLinesFor('byte')?.lineOf(offset));
    return known ?? lines.countNewlines(0, offset);
  }

  private row(r: Running, offset: number, line: number | null, context: boolean): FilterRow {
    const full = this.lineText(offset, ROW_BYTES);
    const text = full.length > ROW_CHARS ? full.slice(0, ROW_CHARS) : full;
    return { offset, line, text, context, marked: this.marks.has(offset), highlights: context ? [] : highlightRanges(text, r.regexes) };
  }

  /** Writes the listed (or marked) lines, at most EXPORT_CAP of them, to a new untitled document or the clipboard. */
  async export(target: 'document' | 'clipboard', markedOnly: boolean, filterId?: number, cap = EXPORT_CAP): Promise<ExportResult> {
    const r = this.running;
    if (!r || (filterId !== undefined && r.id !== filterId)) return { exported: 0, total: 0, capped: false };
    const list = r.scan.list;
    const total = markedOnly ? this.marks.size : list.length;
    const n = Math.min(total, cap);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(this.lineText(markedOnly ? this.marks.at(i) : list.offsetAt(i), 64 * 1024));
    const text = parts.join('\n') + (n ? '\n' : '');
    if (target === 'clipboard') await vscode.env.clipboard.writeText(text);
    else await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: text }), { preview: false });
    const capped = n < total;
    const what = target === 'clipboard' ? 'copied to the clipboard' : 'exported to a new document';
    const scanning = r.scan.done ? '' : ' (the filter was still running: more lines may follow)';
    void vscode.window.showInformationMessage(
      capped
        ? `HugeView: first ${n.toLocaleString('en-US')} lines ${what} of ${total.toLocaleString('en-US')} (exports are capped at ${cap.toLocaleString('en-US')} lines)${scanning}.`
        : `HugeView: ${n.toLocaleString('en-US')} lines ${what}${scanning}.`,
    );
    return { exported: n, total, capped };
  }

  dispose(): void {
    this.cancel();
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

function safeLine(get: () => number | undefined): number | null {
  try {
    return get() ?? null;
  } catch {
    return null;
  }
}
