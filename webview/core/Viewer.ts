import type { CarriedPage, CursorParams, InitParams, ViewSettings } from '../../shared/protocol/editor';
import { PAGE_SIZE } from '../../shared/offsets';
import type { TextEncodingName, ViewMode } from '../../shared/types';
import { HexLayout } from '../hex/HexLayout';
import { textRules } from '../text/encoding';
import { LineNumbers } from '../text/LineNumbers';
import { TextLayout } from '../text/TextLayout';
import { copySelection } from './copySelection';
import { CursorReporter } from './CursorReporter';
import type { HexMarks, RangeHighlightList, RangeHighlights } from './decorations';
import { Emitter, type Disposable } from './Emitter';
import { FollowMode } from './FollowMode';
import { FontMetrics } from './FontMetrics';
import type { Command } from './keyCommands';
import { Navigation } from './Navigation';
import type { ViewerHost } from './ViewerHost';
import { MissingBytes } from './PagedBytes';
import { PendingChange } from './PendingChange';
import { Screen } from './Screen';
import { Marker, setMarker } from './testMarkers';
import { ViewerPages, type SharedPages } from './ViewerPages';
import { ViewerPaint } from './ViewerPaint';
import { ViewLayouts } from './ViewLayouts';
import { ViewState } from './ViewState';
import './base.css';

/**
 * The viewer: takes the host's notifications and the user's input, keeps
 * the view state (ViewState) and hands plug-ins their events (onPainted,
 * onCursorChanged), the one page cache (pages) and the row decorations.
 * Every state change that needs bytes runs as a navigation (Navigation over
 * PendingChange): it is retried when the missing page arrives, and the
 * screen keeps its old rows until the new ones can be painted whole.
 */
export class Viewer {
  readonly element: HTMLElement;
  private readonly screen: Screen;
  private readonly metrics: FontMetrics;
  private readonly pageSource: ViewerPages;
  private readonly state: ViewState;
  private readonly pending: PendingChange;
  private readonly navigation: Navigation;
  private readonly follow: FollowMode;
  private readonly painter: ViewerPaint;
  private readonly lineNumbers: LineNumbers;
  private readonly layouts: ViewLayouts;
  private readonly painted$ = new Emitter<{ start: number; end: number }>();
  private readonly cursorChanged$ = new Emitter<CursorParams>();
  /** After every paint, with the bytes on screen [start, end) (find fetches their matches, the inspector updates). */
  readonly onPainted = this.painted$.event;
  /** The cursor, selection, mode or top moved (at most once a frame, only when changed). */
  readonly onCursorChanged = this.cursorChanged$.event;

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
      onPage: (direction) => this.scrollRows(direction * Math.max(1, this.state.visibleRows - 1)),
    });
    this.pageSource = new ViewerPages((offset, length) => host.readPage(offset, length), () => this.state.size, {
      onPage: (index, wanted) => this.painter.pageArrived(index, wanted),
      onSize: (size) => {
        if (size !== this.state.size) this.fileChanged(size, size < this.state.size);
      },
      onError: () => this.painter.schedule(),
    });
    this.state = new ViewState(new HexLayout(() => this.state.size, 16), new TextLayout(this.pageSource.bytes, 2000, textRules('utf-8')));
    this.layouts = new ViewLayouts(this.state, this.pageSource.bytes, this.screen, this.metrics);
    this.pending = new PendingChange({
      isFailed: (page) => this.pageSource.failure(page) !== undefined,
      onSettled: () => this.painter.schedule(),
      onMissing: () => this.painter.requestPages(),
    });
    this.navigation = new Navigation(this.state, (change) => this.pending.run(change));
    this.follow = new FollowMode(() => host.followChanged(false));
    this.lineNumbers = new LineNumbers((offset) => host.lineAt(offset), () => this.painter.schedule());
    const cursorReporter = new CursorReporter((params) => this.cursorChanged$.fire(params));
    this.painter = new ViewerPaint(this.state, this.screen, this.pageSource, this.pending, {
      lineAt: (offset) => this.lineNumbers.lineAt(offset),
      rules: () => this.layouts.rules,
      follow: this.follow,
      painted: (params) => {
        cursorReporter.report(params);
        this.painted$.fire({ start: params.topOffset, end: this.state.shown.end });
      },
    });
    this.setModeFlag('hex');
  }

  /** The viewer's one page cache, for plug-ins to read (the inspector). */
  get pages(): SharedPages {
    return this.pageSource;
  }

  /** The file size as the webview knows it. */
  get fileSize(): number {
    return this.state.size;
  }

  // ---- host notifications ---------------------------------------------------

  /** Starts (or restarts) the view; `firstPage`, the file's first bytes when the HTML carried them, paints without a round trip. */
  init(params: InitParams, firstPage?: Uint8Array): void {
    const s = this.state;
    this.layouts.rules = textRules(params.encoding);
    s.initialized = true;
    s.size = params.size;
    this.pageSource.cache.clear();
    const seeded = firstPage !== undefined && firstPage.length === Math.min(PAGE_SIZE, params.size);
    if (seeded) this.pageSource.cache.seed(0, firstPage);
    s.top = s.cursor = s.anchor = 0;
    this.setModeFlag(params.mode);
    this.applySettings(params.settings);
    this.element.focus();
    // With the first page at hand, the rows go into the DOM now rather than a frame later (~16 ms).
    if (seeded) this.painter.paintNow();
    else this.painter.schedule();
  }

  /**
   * Holds the `ready` test marker (set by the first paint) until the returned
   * function runs: main.ts paints the first rows before it wires the features,
   * and a test that sees `ready` may use them. Releasing repaints at once, so
   * the features wired since see a paint (onPainted).
   */
  holdReady(): () => void {
    this.painter.readyHeld = true;
    return () => {
      this.painter.readyHeld = false;
      this.painter.paintNow();
    };
  }

  /** Decode with another encoding, keeping the same byte at the top of the view. */
  setEncoding(encoding: TextEncodingName): void {
    if (encoding === this.layouts.rules.name) return;
    this.layouts.rules = textRules(encoding);
    this.lineNumbers.reset();
    this.painter.contentVersion++;
    this.layouts.make();
    if (this.state.initialized) this.navigation.keepTopByte();
  }

  /** Follow mode on or off (from the host: the command, the title bar, the status bar). */
  setFollowing(following: boolean): void {
    this.follow.set(following);
    if (following && this.state.initialized) this.navigation.followEnd();
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
    const s = this.state;
    const old = s.size;
    s.size = size;
    this.painter.contentVersion++;
    if (rewritten || shrunk || size < old) this.lineNumbers.reset();
    if (rewritten) {
      this.pending.missing.clear();
      this.painter.info = notice;
    }
    this.pageSource.fileChanged(old, size, shrunk, rewritten);
    this.layouts.make();
    s.cursor = Math.min(s.cursor, size);
    s.anchor = Math.min(s.anchor, size);
    if (!s.initialized) return;
    this.navigation.clampTop(true);
    if (this.follow.snaps) this.navigation.followEnd();
  }

  /** Moves to `offset`; `pages` (sent along by the host) are cached first, so the target paints at once, not a frame later. */
  goTo(offset: number, selectLength = 0, pages: readonly CarriedPage[] = []): void {
    if (!this.state.initialized || this.state.size === 0) return;
    for (const page of pages) this.pageSource.cache.seed(page.index, new Uint8Array(page.data));
    this.navigation.goTo(offset, selectLength);
    if (pages.length > 0 && !this.pending.waiting) this.painter.paintNow();
  }

  /** Scrolls so the row holding `offset` is the top row (the compare view keeps its two viewers at the same offset). */
  scrollToOffset(offset: number): void {
    if (!this.state.initialized || this.state.size === 0) return;
    this.navigation.showTop(offset);
  }

  setMode(mode: ViewMode): void {
    if (mode === this.state.mode) return;
    this.relayout(() => this.setModeFlag(mode));
  }

  applySettings(settings: ViewSettings): void {
    this.layouts.apply(settings);
    this.relayout(() => this.layouts.make());
    this.resize();
  }

  copy(): Promise<void> {
    const [start, end] = this.state.selection();
    return copySelection(this.host, start, end, this.state.mode);
  }

  // ---- plug-ins ---------------------------------------------------------------

  /** Find matches to mark (undefined: none); repaints. */
  setHighlights(highlights: RangeHighlights | undefined): void {
    this.painter.highlights = highlights;
    this.painter.schedule();
  }

  /** Adds a plug-in's marks on the text rows only (levels), drawn with the ranges; repaints, and again when it is disposed. */
  addTextHighlights(highlights: RangeHighlights): Disposable {
    return this.addTo(this.painter.textHighlights, highlights);
  }

  /** Adds a plug-in's marked ranges (tags), drawn in the hex and text views besides find's; call marksChanged() when they change (their version too). */
  addHighlights(highlights: RangeHighlights): Disposable {
    return this.addTo(this.painter.rangeHighlights, highlights);
  }

  private addTo(list: RangeHighlightList, highlights: RangeHighlights): Disposable {
    const added = list.add(highlights);
    this.painter.schedule();
    return {
      dispose: () => {
        added.dispose();
        this.painter.schedule();
      },
    };
  }

  /** Adds a plug-in's marks on the hex rows; call marksChanged() when what they mark changes. */
  addHexMarks(marks: HexMarks): Disposable {
    const added = this.painter.hexMarks.add(marks);
    this.painter.schedule();
    return {
      dispose: () => {
        added.dispose();
        this.painter.schedule();
      },
    };
  }

  /** A plug-in's marks changed: repaint the rows, moving nothing. */
  marksChanged(): void {
    this.painter.schedule();
  }

  get cursorOffset(): number {
    return this.state.cursor;
  }

  get selectionStart(): number {
    return Math.min(this.state.anchor, this.state.cursor);
  }

  /** True while a change (a jump) waits for its bytes. */
  get settling(): boolean {
    return this.pending.waiting;
  }

  get viewMode(): ViewMode {
    return this.state.mode;
  }

  get scrollbar(): HTMLElement {
    return this.screen.scroller.element;
  }

  get rowsArea(): HTMLElement {
    return this.screen.rowsArea;
  }

  get rowHeight(): number {
    return this.metrics.rowHeight;
  }

  get pageRows(): number {
    return this.state.visibleRows;
  }

  /** The selected bytes, when the selection is not empty, at most `max` long and loaded. */
  selectedBytes(max: number): Uint8Array | undefined {
    const [start, end] = this.state.selection();
    if (start >= end || end - start > max) return undefined;
    try {
      return this.pageSource.bytes.slice(start, end);
    } catch (error) {
      if (error instanceof MissingBytes) return undefined;
      throw error;
    }
  }

  // ---- input ----------------------------------------------------------------

  /** Runs a key command; false when it does nothing here (so the key goes on to VS Code). */
  command(command: Command): boolean {
    if (!this.state.initialized) return false;
    this.painter.userMoved = true;
    if (command.kind !== 'copy') return this.navigation.command(command, () => this.painter.schedule());
    void this.copy();
    return true;
  }

  scrollRows(rows: number): void {
    if (!this.state.initialized || rows === 0) return;
    this.painter.userMoved = true;
    this.navigation.scrollRows(rows);
  }

  scrollToFraction(fraction: number): void {
    if (!this.state.initialized || this.state.size === 0) return;
    this.painter.userMoved = true;
    this.navigation.scrollToFraction(fraction);
  }

  /** The byte under a point in the rows area (undefined outside the rows or before Init). */
  offsetAt(clientX: number, clientY: number): number | undefined {
    const s = this.state;
    if (!s.initialized || s.size === 0) return undefined;
    return this.screen.offsetAt(s.mode, clientX, clientY, s.top, s.size, this.metrics.charWidth);
  }

  /** A click: the cursor goes to `offset`; with `extend` the selection grows from its anchor. */
  pressAt(offset: number, extend: boolean): void {
    this.painter.userMoved = true;
    this.navigation.pressAt(offset, extend);
  }

  /** A drag from `origin` to `offset`: selects both characters and everything between. */
  dragTo(origin: number, offset: number): void {
    this.navigation.dragTo(origin, offset);
  }

  /**
   * Recomputes how many rows fit, and with bytesPerRow 'auto' how many bytes
   * (ResizeObserver). When the row width changes, the byte at the top stays
   * in the top row (clampTop takes the row holding it).
   */
  resize(): void {
    this.layouts.fit();
    if (this.state.initialized) this.navigation.clampTop(false);
  }

  // ---- layout ---------------------------------------------------------------

  private setModeFlag(mode: ViewMode): void {
    this.state.mode = mode;
    setMarker(Marker.mode, mode); // the stylesheet shows the view by it too
  }

  /** Changes the layout (mode or settings) keeping the cursor's byte (or the top byte) at the same screen row. */
  private relayout(change: () => void): void {
    if (!this.navigation.relayout(change)) this.painter.schedule();
  }
}
