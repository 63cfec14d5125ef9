import { PAGE_SIZE, formatHexOffset, offsetDigits } from '../shared/offsets';
import type { CursorParams, InitParams, ViewSettings } from '../shared/protocol/editor';
import type { CopyFormat } from '../shared/protocol/inspect';
import type { TextEncodingName, ViewMode } from '../shared/types';
import { copySelection } from './copySelection';
import type { FindHighlights } from './FindHighlights';
import { moveCursor } from './cursorMoves';
import { FontMetrics } from './FontMetrics';
import { fitBytesPerRow, HexLayout } from './HexLayout';
import type { Command } from './keyCommands';
import { PageCache, type PageReply } from './PageCache';
import { MissingBytes, PagedBytes } from './PagedBytes';
import { CursorReporter } from './CursorReporter';
import { LineNumbers } from './LineNumbers';
import { textRules, type TextRules } from './encoding';
import { clampTop, type CursorLayout, rowsDown, rowsUp } from './RowLayout';
import { Screen, type ShownRows } from './Screen';
import { wantedPages } from './pageDemand';
import { PendingChange } from './PendingChange';
import { TextLayout } from './TextLayout';
import './base.css';

/** What the viewer needs from the extension host. */
export interface ViewerHost {
  readPage(offset: number, length: number): Promise<PageReply>;
  copyRange(start: number, end: number, format: CopyFormat): Promise<{ bytes: number }>;
  showMessage(level: 'info' | 'warning' | 'error', text: string): void;
  cursorChanged(params: CursorParams): void;
  lineAt(offset: number): Promise<{ line: number | null }>;
  /** Asks the host to leave follow mode (the user scrolled away from the end); the host answers with setFollowing. */
  followChanged(following: boolean): void;
}

/** Longest visual text row; a larger maxLineColumns setting is capped to keep a screen of rows in the page cache. */
const MAX_WRAP_COLUMNS = 10_000;

/**
 * Owns the view state (size, mode, top row, cursor, selection) and turns it
 * into paints. Every state change that needs bytes runs as a navigation:
 * it is retried when the missing page arrives, and the screen keeps its old
 * rows until the new ones can be painted whole (no blank rows on jumps).
 */
export class Viewer {
  readonly element: HTMLElement;
  private readonly screen: Screen;
  private readonly metrics: FontMetrics;
  private readonly cache: PageCache;
  private readonly bytes: PagedBytes;

  private initialized = false;
  private size = 0;
  private mode: ViewMode = 'hex';
  private settings: ViewSettings = { bytesPerRow: 'auto', maxLineColumns: 2000, fontFamily: '', fontSize: 14 };
  /** Bytes per hex row now: the setting, or what fits the width when it is 'auto'. */
  private rowBytes = 16;
  private hexLayout: HexLayout;
  private textLayout: TextLayout;

  private top = 0;
  private cursor = 0;
  private anchor = 0;
  private goalColumn = -1;
  private rowElements = 2;
  private visibleRows = 1;
  private contentVersion = 0;

  private readonly pending: PendingChange;
  private paintScheduled = false;
  private pageArrived = false;
  /** Row starts on screen after the last paint, and where the last one ends. */
  private shown: ShownRows = { starts: [], end: 0 };
  private readonly cursorReporter: CursorReporter;
  private readonly lineNumbers: LineNumbers;
  /** How the text view decodes: UTF-8, UTF-16 LE/BE, Windows-1252. */
  private rules: TextRules = textRules('utf-8');
  /** Follow mode (tail -f): the view stays on the last rows as the file grows. */
  private following = false;
  /** Asked the host to leave follow mode; until it answers, the view no longer snaps to the end. */
  private leaving = false;
  /** Set by a scroll or move the user made, checked after the next paint. */
  private userMoved = false;
  /** A notice for the user (the file was rewritten), shown until they move. */
  private info: string | undefined;
  private highlights: FindHighlights | undefined;
  /** Called after every paint with the bytes on screen [start, end) (the find widget fetches their matches). */
  onPainted: ((start: number, end: number) => void) | undefined;

  constructor(
    root: HTMLElement,
    private readonly host: ViewerHost,
  ) {
    this.element = root;
    root.classList.add('viewer');
    root.tabIndex = 0;
    this.metrics = new FontMetrics(root);
    this.screen = new Screen(root, {
      onDrag: (fraction) => this.scrollToFraction(fraction),
      onPage: (direction) => this.scrollRows(direction * Math.max(1, this.visibleRows - 1)),
    });
    this.cache = new PageCache((offset, length) => host.readPage(offset, length), {
      onPage: (index, wanted) => this.pageArrivedFor(index, wanted),
      onSize: (size) => {
        if (size !== this.size) this.fileChanged(size, size < this.size);
      },
      onError: () => this.schedulePaint(),
    });
    this.bytes = new PagedBytes(this.cache, () => this.size);
    this.hexLayout = new HexLayout(() => this.size, 16);
    this.textLayout = new TextLayout(this.bytes, 2000, this.rules);
    this.pending = new PendingChange({
      isFailed: (page) => this.cache.failure(page) !== undefined,
      onSettled: () => this.schedulePaint(),
      onMissing: () => this.requestPages(),
    });
    this.cursorReporter = new CursorReporter((params) => host.cursorChanged(params));
    this.lineNumbers = new LineNumbers((offset) => host.lineAt(offset), () => this.schedulePaint());
    this.setModeFlag('hex');
    document.body.dataset.following = '0';
  }

  /** The file size as the webview knows it. */
  get fileSize(): number {
    return this.size;
  }

  // ---- host notifications ---------------------------------------------------

  init(params: InitParams): void {
    this.rules = textRules(params.encoding);
    this.initialized = true;
    this.size = params.size;
    this.cache.clear();
    this.top = this.cursor = this.anchor = 0;
    this.setModeFlag(params.mode);
    this.applySettings(params.settings);
    this.element.focus();
    this.schedulePaint();
  }

  /** Decode with another encoding, keeping the same byte at the top of the view. */
  setEncoding(encoding: TextEncodingName): void {
    if (encoding === this.rules.name) return;
    this.rules = textRules(encoding);
    this.lineNumbers.reset();
    this.contentVersion++;
    this.makeLayouts();
    if (!this.initialized) return;
    this.run(() => {
      const layout = this.layout;
      this.top = clampTop(layout, layout.rowContaining(this.top), this.visibleRows);
      this.cursor = this.anchor = layout.charStart(this.cursor);
    });
  }

  /** Follow mode on or off (from the host: the command, the title bar, the status bar). */
  setFollowing(following: boolean): void {
    // The host owns follow mode: this is what it says, and what the view shows.
    this.following = following;
    this.leaving = false;
    document.body.dataset.following = following ? '1' : '0';
    if (following) this.followEnd();
  }

  /** Puts the last rows at the bottom of the view and the cursor at the end. */
  private followEnd(): void {
    if (!this.initialized) return;
    this.run(() => {
      const layout = this.layout;
      this.cursor = this.anchor = this.size;
      this.top = this.size === 0 ? 0 : clampTop(layout, rowsUp(layout, layout.rowContaining(this.size - 1), Math.max(0, this.visibleRows - 1)), this.visibleRows);
    });
  }

  /** The host's line index counted further. */
  indexProgress(progress: { scannedTo: number; newlines: number; done: boolean; size: number }): void {
    this.lineNumbers.indexProgress(progress);
  }

  /**
   * The file grew or shrank; `rewritten` says its bytes changed (rewritten in
   * place or replaced): then no cached page or line number is kept, and
   * `notice` tells the user so until they move.
   */
  fileChanged(size: number, shrunk: boolean, rewritten = false, notice?: string): void {
    const old = this.size;
    this.size = size;
    this.contentVersion++;
    if (rewritten || shrunk || size < old) this.lineNumbers.reset();
    if (rewritten) {
      this.cache.clear();
      this.pending.missing.clear();
      this.info = notice;
    }
    if (old > 0) this.cache.invalidate(Math.floor((old - 1) / PAGE_SIZE));
    if (size > 0) this.cache.invalidate(Math.floor((size - 1) / PAGE_SIZE));
    if (shrunk || size < old) this.cache.dropFrom(size);
    this.cache.retryFailed();
    this.makeLayouts();
    this.cursor = Math.min(this.cursor, size);
    this.anchor = Math.min(this.anchor, size);
    if (!this.initialized) return;
    this.run(() => {
      this.top = clampTop(this.layout, Math.min(this.top, size), this.visibleRows);
    });
    if (this.following && !this.leaving) this.followEnd();
  }

  goTo(offset: number, selectLength = 0): void {
    if (!this.initialized || this.size === 0) return;
    const target = Math.max(0, Math.min(offset, this.size - 1));
    const end = Math.min(this.size, target + Math.max(0, selectLength));
    this.run(() => {
      const layout = this.layout;
      const cursor = layout.charStart(target);
      const row = layout.rowContaining(cursor);
      const top = this.isRowVisible(row) ? this.top : clampTop(layout, rowsUp(layout, row, Math.floor(this.visibleRows / 3)), this.visibleRows);
      this.top = top;
      this.cursor = cursor;
      this.anchor = end > cursor ? end : cursor;
      this.goalColumn = -1;
    });
  }

  setMode(mode: ViewMode): void {
    if (mode === this.mode) return;
    this.relayout(() => this.setModeFlag(mode));
  }

  applySettings(settings: ViewSettings): void {
    this.settings = { ...this.settings, ...settings };
    this.metrics.apply(this.settings);
    this.relayout(() => this.makeLayouts());
    this.resize();
  }

  copy(): Promise<void> {
    const [start, end] = this.selection();
    return copySelection(this.host, start, end, this.mode);
  }

  // ---- find ----------------------------------------------------------------

  /** Find matches to mark (undefined: none); repaints. */
  setHighlights(highlights: FindHighlights | undefined): void {
    this.highlights = highlights;
    this.schedulePaint();
  }

  get cursorOffset(): number {
    return this.cursor;
  }

  get selectionStart(): number {
    return Math.min(this.anchor, this.cursor);
  }

  /** True while a change (a jump) waits for its bytes. */
  get settling(): boolean {
    return this.pending.waiting;
  }

  get viewMode(): ViewMode {
    return this.mode;
  }

  get scrollbar(): HTMLElement {
    return this.screen.scroller.element;
  }

  /** The selected bytes, when the selection is not empty, at most `max` long and loaded. */
  selectedBytes(max: number): Uint8Array | undefined {
    const [start, end] = this.selection();
    if (start >= end || end - start > max) return undefined;
    try {
      return this.bytes.slice(start, end);
    } catch (error) {
      if (error instanceof MissingBytes) return undefined;
      throw error;
    }
  }

  // ---- input ----------------------------------------------------------------

  /** Runs a key command; false when it does nothing here (so the key goes on to VS Code). */
  command(command: Command): boolean {
    if (!this.initialized) return false;
    this.userMoved = true;
    switch (command.kind) {
      case 'copy':
        void this.copy();
        return true;
      case 'selectAll':
        this.anchor = 0;
        this.cursor = this.size;
        this.schedulePaint();
        return true;
      case 'clearSelection':
        if (this.anchor === this.cursor) return false;
        this.anchor = this.cursor;
        this.schedulePaint();
        return true;
      case 'scroll':
        this.scrollRows(command.rows);
        return true;
      case 'move': {
        const { move, extend } = command;
        this.run(() => {
          const layout = this.layout;
          const result = moveCursor(layout, { cursor: this.cursor, goalColumn: this.goalColumn }, move, extend, Math.max(1, this.visibleRows - 1));
          let top = this.top;
          if (result.scrollRows > 0) top = rowsDown(layout, top, result.scrollRows);
          else if (result.scrollRows < 0) top = rowsUp(layout, top, -result.scrollRows);
          top = this.topShowing(layout, top, result.cursor);
          this.top = top;
          if (!extend) this.anchor = result.cursor;
          this.cursor = result.cursor;
          this.goalColumn = result.goalColumn;
        });
        return true;
      }
    }
  }

  scrollRows(rows: number): void {
    if (!this.initialized || rows === 0) return;
    this.userMoved = true;
    this.run(() => {
      const layout = this.layout;
      const moved = rows > 0 ? rowsDown(layout, this.top, rows) : rowsUp(layout, this.top, -rows);
      this.top = clampTop(layout, moved, this.visibleRows);
    });
  }

  scrollToFraction(fraction: number): void {
    if (!this.initialized || this.size === 0) return;
    this.userMoved = true;
    const target = Math.round(fraction * Math.max(0, this.size - this.visibleBytes()));
    this.run(() => {
      const layout = this.layout;
      this.top = clampTop(layout, layout.rowContaining(target), this.visibleRows);
    });
  }

  /** The byte under a point in the rows area (undefined outside the rows or before Init). */
  offsetAt(clientX: number, clientY: number): number | undefined {
    if (!this.initialized || this.size === 0) return undefined;
    return this.screen.offsetAt(this.mode, clientX, clientY, this.top, this.size, this.metrics.charWidth);
  }

  /** A click: the cursor goes to `offset`; with `extend` the selection grows from its anchor. */
  pressAt(offset: number, extend: boolean): void {
    this.userMoved = true;
    this.run(() => {
      const layout = this.layout;
      if (extend) {
        this.cursor = offset >= this.anchor ? layout.nextChar(offset) : offset;
      } else {
        this.cursor = this.anchor = layout.charStart(offset);
      }
      this.goalColumn = -1;
    });
  }

  /** A drag from `origin` to `offset`: selects both characters and everything between. */
  dragTo(origin: number, offset: number): void {
    this.run(() => {
      const layout = this.layout;
      const [anchor, cursor] = offset >= origin ? [origin, layout.nextChar(offset)] : [layout.nextChar(origin), offset];
      this.anchor = anchor;
      this.cursor = cursor;
    });
  }

  /**
   * Recomputes how many rows fit, and with bytesPerRow 'auto' how many bytes
   * (ResizeObserver). When the row width changes, the byte at the top stays
   * in the top row (clampTop takes the row holding it).
   */
  resize(): void {
    const rowBytes = this.fitRowBytes();
    if (rowBytes !== this.rowBytes) {
      this.rowBytes = rowBytes;
      this.hexLayout = new HexLayout(() => this.size, rowBytes);
      this.shown = { starts: [], end: 0 };
    }
    ({ visibleRows: this.visibleRows, rowElements: this.rowElements } = this.screen.fit(this.metrics.rowHeight, this.rowBytes));
    if (!this.initialized) return;
    this.run(() => {
      this.top = clampTop(this.layout, this.top, this.visibleRows);
    });
  }

  get rowsArea(): HTMLElement {
    return this.screen.rowsArea;
  }

  get rowHeight(): number {
    return this.metrics.rowHeight;
  }

  get pageRows(): number {
    return this.visibleRows;
  }

  // ---- navigation and painting -----------------------------------------------

  private get layout(): CursorLayout {
    return this.mode === 'hex' ? this.hexLayout : this.textLayout;
  }

  private fitRowBytes(): number {
    const setting = this.settings.bytesPerRow;
    if (setting !== 'auto') return setting;
    const width = this.screen.rowsArea.clientWidth;
    return width > 0 ? fitBytesPerRow(width, this.metrics.charWidth, offsetDigits(this.size)) : this.rowBytes;
  }

  private makeLayouts(): void {
    this.hexLayout = new HexLayout(() => this.size, this.rowBytes);
    const columns = Math.max(16, Math.min(MAX_WRAP_COLUMNS, Math.floor(this.settings.maxLineColumns) || 2000));
    this.textLayout = new TextLayout(this.bytes, columns, this.rules);
  }

  private setModeFlag(mode: ViewMode): void {
    this.mode = mode;
    document.body.dataset.mode = mode;
  }

  /** Changes the layout (mode or settings) keeping the cursor's byte (or the top byte) at the same screen row. */
  private relayout(change: () => void): void {
    const { starts, end } = this.shown;
    const index = starts.findIndex((row, i) => this.cursor >= row && this.cursor < (starts[i + 1] ?? end));
    const anchorByte = index >= 0 ? this.cursor : this.top;
    const screenRow = Math.max(0, index);
    change();
    this.shown = { starts: [], end: 0 };
    if (!this.initialized || this.size === 0) return this.schedulePaint();
    this.run(() => {
      const layout = this.layout;
      const cursor = this.cursor < this.size ? layout.charStart(this.cursor) : this.cursor;
      const top = clampTop(layout, rowsUp(layout, layout.rowContaining(anchorByte), screenRow), this.visibleRows);
      this.top = top;
      if (this.anchor === this.cursor) this.anchor = cursor;
      this.cursor = cursor;
      this.goalColumn = -1;
    });
  }

  /** Runs a state change now, or once the bytes it needs have arrived (the latest change wins). */
  private run(change: () => void): void {
    this.pending.run(change);
  }

  private pageArrivedFor(index: number, wanted: boolean): void {
    if (!wanted && !this.pending.missing.has(index)) return; // the view moved on: keep it cached, do not repaint
    this.pageArrived = true;
    this.pending.retry();
    this.schedulePaint();
  }

  /** The top row that keeps `cursor` on screen, moving `top` as little as possible. */
  private topShowing(layout: CursorLayout, top: number, cursor: number): number {
    if (this.size === 0) return 0;
    const row = layout.rowContaining(Math.min(cursor, this.size - 1));
    if (row < top) return row;
    const bottom = rowsDown(layout, top, this.visibleRows - 1);
    if (row > bottom) return rowsUp(layout, row, this.visibleRows - 1);
    return clampTop(layout, top, this.visibleRows);
  }

  private isRowVisible(row: number): boolean {
    const starts = this.shown.starts;
    const last = starts[Math.min(this.visibleRows, starts.length) - 1];
    return starts[0] === this.top && last !== undefined && row >= this.top && row <= last;
  }

  private selection(): [number, number] {
    return this.anchor <= this.cursor ? [this.anchor, this.cursor] : [this.cursor, this.anchor];
  }

  private visibleBytes(): number {
    if (this.mode === 'hex') return this.visibleRows * this.rowBytes;
    return this.shown.starts.length > 0 ? Math.max(1, this.shown.end - this.shown.starts[0]) : PAGE_SIZE;
  }

  /** Asks for the missing pages, the pages on screen and one page either side. */
  private requestPages(): void {
    const viewEnd = this.mode === 'hex' ? this.top + this.rowElements * this.rowBytes : Math.max(this.shown.end, this.top + 1);
    this.cache.want(wantedPages({ size: this.size, top: this.top, viewEnd, missing: this.pending.missing, scansBack: this.mode === 'text' }));
  }

  private schedulePaint(): void {
    if (this.paintScheduled) return;
    this.paintScheduled = true;
    requestAnimationFrame(() => {
      this.paintScheduled = false;
      this.paint();
    });
  }

  private paint(): void {
    if (!this.initialized || this.pending.waiting) return;
    const [selectionStart, selectionEnd] = this.selection();
    if (this.size === 0) {
      this.shown = this.screen.paintEmpty(this.rowBytes);
      return this.painted();
    }
    try {
      this.shown = this.screen.paint({
        mode: this.mode,
        size: this.size,
        top: this.top,
        cursor: this.cursor,
        selectionStart,
        selectionEnd,
        bytesPerRow: this.rowBytes,
        contentVersion: this.contentVersion,
        bytes: this.bytes,
        textLayout: this.textLayout,
        lineAt: (offset) => this.lineNumbers.lineAt(offset),
        rules: this.rules,
        highlights: this.highlights,
      });
    } catch (error) {
      if (!(error instanceof MissingBytes)) throw error;
      this.pending.missing.add(error.page);
      this.requestPages();
      this.showReadError();
      return;
    }
    this.pending.missing.clear();
    this.requestPages();
    this.showReadError();
    this.painted();
  }

  /** Shows the first read error among the pages in use, or hides the notice. */
  private showReadError(): void {
    for (const [page, error] of this.cache.failures) {
      if (!this.cache.isWanted(page)) continue;
      const code = (error as { code?: string }).code;
      const where = formatHexOffset(page * PAGE_SIZE, offsetDigits(this.size));
      this.screen.notice.show(`Could not read the bytes at 0x${where}${code ? ` (${code})` : ''}: ${error.message}. Retrying when the file changes.`, 'error');
      return;
    }
    if (this.info) this.screen.notice.show(this.info, 'info');
    else if (this.size > 0) this.screen.notice.hide();
  }

  private painted(): void {
    const body = document.body.dataset;
    // Wall-clock times (ms since the epoch) rows went into the DOM: the viewer
    // benchmark compares them with the host's clock, on the same machine.
    const now = String(performance.timeOrigin + performance.now());
    if (body.ready !== '1') body.firstPaintAt = now;
    if (body.cursor !== String(this.cursor)) body.cursorPaintedAt = now;
    body.top = String(this.top);
    body.cursor = String(this.cursor);
    const visible = this.size === 0 ? 1 : this.visibleBytes() / this.size;
    this.screen.showScroll(this.top / Math.max(1, this.size - this.visibleBytes()), visible, this.top > 0);
    if (this.pageArrived) {
      this.pageArrived = false;
      performance.mark('hugeview:painted');
    }
    if (this.userMoved) {
      this.userMoved = false;
      if (this.info) {
        this.info = undefined;
        this.showReadError();
      }
      if (this.following && !this.leaving && this.shown.end < this.size) {
        this.leaving = true;
        this.host.followChanged(false);
      }
    }
    if (body.ready !== '1') body.ready = '1';
    const [selectionStart, selectionEnd] = this.selection();
    this.cursorReporter.report({ offset: this.cursor, selectionStart, selectionEnd, mode: this.mode, topOffset: this.top });
    this.onPainted?.(this.top, this.shown.end);
  }
}
