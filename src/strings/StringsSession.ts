import type * as vscode from 'vscode';
import {
  CancelStrings, CloseStrings, FilterStrings, MAX_STRING_CHARS, ShowStrings, StringsProgress, StringsWindow,
  type StringRow, type StringsProgressParams,
} from '../../shared/protocol/strings';
import type { Editor } from '../core/Editor';
import { log } from '../log';
import { StringFilter } from './StringFilter';
import { decodeString, StringList } from './StringList';
import { startStrings, type StringsJob, type StringsOptions } from './stringsJob';

const PROGRESS_EVERY_MS = 100;
/** The filter tests strings in slices of this many ms, then lets the host's thread go. */
const FILTER_SLICE_MS = 15;

export interface StringsOutcome {
  count: number;
  done: boolean;
}

/**
 * One editor's strings list: runs the scan (one at a time: a new one cancels
 * the last), keeps what it finds in a StringList, filters it, answers the
 * pane's window requests and tells the pane how far it got.
 */
export class StringsSession implements vscode.Disposable {
  private listId = 0;
  private list = new StringList();
  private options: StringsOptions | undefined;
  private job: StringsJob | undefined;
  private scannedTo = 0;
  private done = false;
  private cancelled = false;
  private error: string | undefined;
  private filter: StringFilter | undefined;
  private filterTimer: ReturnType<typeof setTimeout> | undefined;
  private progressTimer: ReturnType<typeof setTimeout> | undefined;
  private lastProgress = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly editor: Editor) {
    const { messenger } = editor;
    messenger.onRequest(StringsWindow, ({ listId, start, count }) => ({ listId, shown: this.shown, rows: listId === this.listId ? this.rows(start, count) : [] }));
    messenger.onNotification(FilterStrings, ({ listId, text }) => listId === this.listId && this.setFilter(text));
    messenger.onNotification(CancelStrings, ({ listId }) => listId === this.listId && this.job?.cancel());
    messenger.onNotification(CloseStrings, () => this.close());
    this.subscriptions = [
      editor.onDidReload(() => {
        if (!this.options) return;
        this.job?.cancel();
        this.error = 'the file changed since: run Strings again';
        this.sendProgress(true);
      }),
    ];
  }

  /** Strings found so far, and how many the pane shows (those passing the filter). */
  get count(): number {
    return this.list.count;
  }

  get shown(): number {
    return this.filter ? this.filter.shown : this.list.count;
  }

  /** The strings shown, as the pane gets them (the test API reads these too). */
  rows(start: number, count: number): StringRow[] {
    const rows: StringRow[] = [];
    const end = Math.min(this.shown, start + count);
    for (let index = start; index < end; index++) {
      const i = this.filter ? this.filter.at(index) : index;
      const encoding = this.list.encoding(i);
      const length = this.list.length(i);
      const step = encoding === 'utf16le' ? 2 : 1;
      let text = '';
      try {
        text = decodeString(this.editor.document.read(this.list.offset(i), Math.min(length, MAX_STRING_CHARS * step)), encoding, MAX_STRING_CHARS);
      } catch {
        // the file shrank: the row shows its offset without text
      }
      rows.push({ index, offset: this.list.offset(i), length, encoding, text, truncated: length / step > MAX_STRING_CHARS });
    }
    return rows;
  }

  /** Scans `options` (cancelling a scan going on); resolves with the count when it ends. */
  run(options: StringsOptions): Promise<StringsOutcome> {
    this.close();
    const listId = ++this.listId;
    this.options = options;
    this.list = new StringList();
    this.scannedTo = options.from;
    this.done = this.cancelled = false;
    this.error = undefined;
    this.editor.messenger.notify(ShowStrings, { listId, ...options });
    const began = performance.now();
    const job = (this.job = startStrings(this.editor.document, options, (strings, scannedTo) => {
      if (listId !== this.listId) return;
      this.list.add(strings);
      this.scannedTo = scannedTo;
      this.pumpFilter();
      this.sendProgress(false);
    }));
    return job.result.then(
      ({ cancelled }) => {
        if (listId !== this.listId) return { count: this.list.count, done: false };
        this.done = true;
        this.cancelled = cancelled;
        this.job = undefined;
        this.sendProgress(true);
        log().info(`strings of ${this.editor.document.fileName}: ${this.list.count} (≥ ${options.minLength}, ${options.encodings.join('+')}) in ${(performance.now() - began).toFixed(0)} ms${cancelled ? ', cancelled' : ''}`);
        return { count: this.list.count, done: !cancelled };
      },
      (error: Error) => {
        if (listId === this.listId) {
          this.done = true;
          this.job = undefined;
          this.error = error.message;
          this.sendProgress(true);
        }
        throw error;
      },
    );
  }

  private setFilter(text: string): void {
    clearTimeout(this.filterTimer);
    this.filterTimer = undefined;
    this.filter = text === '' ? undefined : new StringFilter(this.list, (offset, length) => this.editor.document.read(offset, length), text);
    this.pumpFilter();
    this.sendProgress(true);
  }

  /** Tests new strings against the filter, a slice at a time. */
  private pumpFilter(): void {
    const filter = this.filter;
    if (!filter || this.filterTimer) return;
    if (filter.pump(FILTER_SLICE_MS)) return;
    this.filterTimer = setTimeout(() => {
      this.filterTimer = undefined;
      if (filter !== this.filter) return;
      this.pumpFilter();
      this.sendProgress(false);
    }, 0);
  }

  private sendProgress(now: boolean): void {
    const wait = this.lastProgress + PROGRESS_EVERY_MS - performance.now();
    if (!now && wait > 0) {
      this.progressTimer ??= setTimeout(() => {
        this.progressTimer = undefined;
        this.sendProgress(true);
      }, wait);
      return;
    }
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
    this.lastProgress = performance.now();
    const o = this.options;
    if (!o) return;
    const params: StringsProgressParams = {
      listId: this.listId,
      scanned: o.to > o.from ? Math.min(1, (this.scannedTo - o.from) / (o.to - o.from)) : 1,
      count: this.list.count,
      shown: this.shown,
      filter: this.filter?.text ?? '',
      done: this.done && !this.filterTimer,
      cancelled: this.cancelled,
      ...(this.error ? { error: this.error } : {}),
    };
    this.editor.messenger.notify(StringsProgress, params);
  }

  /** Stops the scan and drops the list (the pane closed, or a new scan starts). */
  private close(): void {
    this.listId++;
    this.job?.cancel();
    this.job = undefined;
    this.filter = undefined;
    clearTimeout(this.filterTimer);
    this.filterTimer = undefined;
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
  }

  dispose(): void {
    this.close();
    for (const s of this.subscriptions) s.dispose();
  }
}
