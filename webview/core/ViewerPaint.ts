import { formatHexOffset, offsetDigits } from '../../shared/offsets';
import type { CursorParams } from '../../shared/protocol/editor';
import type { TextRules } from '../text/encoding';
import { HexMarkList, RangeHighlightList, type RangeHighlights } from './decorations';
import type { FollowMode } from './FollowMode';
import { wantedPages } from './pageDemand';
import { MissingBytes } from './PagedBytes';
import type { PendingChange } from './PendingChange';
import type { Screen } from './Screen';
import { getMarker, Marker, setMarker } from './testMarkers';
import type { ViewerPages } from './ViewerPages';
import type { ViewState } from './ViewState';

export interface ViewerPaintContext {
  /** The 0-based line holding `offset`, when the host's line index knows it. */
  lineAt(offset: number): number | undefined;
  rules(): TextRules;
  follow: FollowMode;
  /** After every paint: the cursor state to report, and the plug-ins' onPainted. */
  painted(params: CursorParams): void;
}

/**
 * Turns the view state into paints, at most one per animation frame: asks
 * for the pages the view needs, paints the screen whole or not at all
 * (a missing page keeps the old rows), shows read errors and notices, and
 * writes the test markers after each paint.
 */
export class ViewerPaint {
  /** Bumped when the file's bytes may have changed under the same offsets (text rows key on it). */
  contentVersion = 0;
  /** A notice for the user (the file was rewritten), shown until they move. */
  info: string | undefined;
  /** Set by a scroll or move the user made, checked after the next paint. */
  userMoved = false;
  highlights: RangeHighlights | undefined;
  /** Plug-ins' ranges in both views (tags), drawn with find's `highlights`. */
  readonly rangeHighlights = new RangeHighlightList();
  /** Plug-ins' marks on the text rows only (levels), drawn with the ranges above. */
  readonly textHighlights = new RangeHighlightList();
  readonly hexMarks = new HexMarkList();
  /** While true, a paint does not set the `ready` marker (Viewer.holdReady). */
  readyHeld = false;
  private frame: number | undefined;
  private arrived = false;

  constructor(
    private readonly s: ViewState,
    private readonly screen: Screen,
    private readonly pages: ViewerPages,
    private readonly pending: PendingChange,
    private readonly context: ViewerPaintContext,
  ) {}

  schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.paint();
    });
  }

  /**
   * Paints at once, not at the next frame (a frame is up to 16 ms): the first
   * rows when their page came with the HTML, a jump whose pages came with it,
   * the page a paint was waiting for. A paint already scheduled is dropped.
   */
  paintNow(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.paint();
  }

  pageArrived(index: number, wanted: boolean): void {
    const blocking = this.pending.missing.has(index);
    if (!wanted && !blocking) return; // the view moved on: keep it cached, do not repaint
    this.arrived = true;
    this.pending.retry();
    // The rows on screen were waiting for this page: put them in now. Other pages (the one either side) wait for the frame.
    if (blocking && !this.pending.waiting) this.paintNow();
    else this.schedule();
  }

  /** Asks for the missing pages, the pages on screen and one page either side. */
  requestPages(): void {
    const s = this.s;
    this.pages.wantForView(wantedPages({ size: s.size, top: s.top, viewEnd: s.viewEnd(), missing: this.pending.missing, scansBack: s.mode === 'text' }));
  }

  private paint(): void {
    const s = this.s;
    if (!s.initialized || this.pending.waiting) return;
    const [selectionStart, selectionEnd] = s.selection();
    if (s.size === 0) {
      s.shown = this.screen.paintEmpty(s.rowBytes);
      return this.painted();
    }
    const ranges = this.rangeHighlights.with(this.highlights);
    try {
      s.shown = this.screen.paint({
        mode: s.mode,
        size: s.size,
        top: s.top,
        cursor: s.cursor,
        selectionStart,
        selectionEnd,
        bytesPerRow: s.rowBytes,
        contentVersion: this.contentVersion,
        bytes: this.pages.bytes,
        textLayout: s.textLayout,
        lineAt: this.context.lineAt,
        rules: this.context.rules(),
        highlights: ranges,
        textHighlights: this.textHighlights.with(ranges),
        hexMarks: this.hexMarks,
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
    const failed = this.pages.viewFailure();
    if (failed) {
      const { offset, error } = failed;
      const code = (error as { code?: string }).code;
      const where = formatHexOffset(offset, offsetDigits(this.s.size));
      this.screen.notice.show(`Could not read the bytes at 0x${where}${code ? ` (${code})` : ''}: ${error.message}. Retrying when the file changes.`, 'error');
      return;
    }
    if (this.info) this.screen.notice.show(this.info, 'info');
    else if (this.s.size > 0) this.screen.notice.hide();
  }

  private painted(): void {
    const s = this.s;
    // Wall-clock times (ms since the epoch) rows went into the DOM: the viewer
    // benchmark compares them with the host's clock, on the same machine.
    const now = performance.timeOrigin + performance.now();
    if (getMarker(Marker.firstPaintAt) === undefined) setMarker(Marker.firstPaintAt, now);
    if (getMarker(Marker.cursor) !== String(s.cursor)) setMarker(Marker.cursorPaintedAt, now);
    setMarker(Marker.top, s.top);
    setMarker(Marker.cursor, s.cursor);
    const visible = s.size === 0 ? 1 : s.visibleBytes() / s.size;
    this.screen.showScroll(s.top / Math.max(1, s.size - s.visibleBytes()), visible, s.top > 0);
    if (this.arrived) {
      this.arrived = false;
      performance.mark('hugeview:painted');
    }
    if (this.userMoved) {
      this.userMoved = false;
      if (this.info) {
        this.info = undefined;
        this.showReadError();
      }
      this.context.follow.userMoved(s.shown.end, s.size);
    }
    if (!this.readyHeld && getMarker(Marker.ready) !== '1') setMarker(Marker.ready, '1');
    const [selectionStart, selectionEnd] = s.selection();
    this.context.painted({ offset: s.cursor, selectionStart, selectionEnd, mode: s.mode, topOffset: s.top });
  }
}
