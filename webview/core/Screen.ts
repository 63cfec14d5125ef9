import type { HexMarks, RangeHighlights } from './decorations';
import { HexView } from '../hex/HexView';
import { offsetDigits } from '../../shared/offsets';
import type { ViewMode } from '../../shared/types';
import { Notice } from './Notice';
import type { ByteSource } from './PagedBytes';
import { Scroller, type ScrollerEvents } from './Scroller';
import type { TextLayout } from '../text/TextLayout';
import { TextView, type TextRowData } from '../text/TextView';
import { rowLineNumbers } from '../text/LineNumbers';
import { textRules, type TextRules } from '../text/encoding';

/** What a paint shows: the viewer state, and where to read bytes and text rows. */
export interface ScreenState {
  mode: ViewMode;
  size: number;
  top: number;
  cursor: number;
  selectionStart: number;
  selectionEnd: number;
  bytesPerRow: number;
  contentVersion: number;
  bytes: ByteSource;
  textLayout: TextLayout;
  /** The 0-based line holding `offset`, when the host's index knows it (text view gutter). */
  lineAt?: (offset: number) => number | undefined;
  /** Find matches to mark, if a search is open. */
  highlights?: RangeHighlights;
  /** What the text rows mark: find's highlights and the plug-ins' (levels); `highlights` when absent. */
  textHighlights?: RangeHighlights;
  /** Plug-ins' marks on the hex rows (byte classes, bookmarks). */
  hexMarks?: Required<HexMarks>;
  /** The text view's encoding (UTF-8 when absent). */
  rules?: TextRules;
}

/** The rows a paint put on screen: their starts, and where the last one ends. */
export interface ShownRows {
  starts: number[];
  end: number;
}

/**
 * The viewer's DOM: notice line, rows area holding both views, scroll
 * shadow and scrollbar. A paint reads every byte it needs first and touches
 * the DOM only when all of them are there, so a screen is never half new.
 */
export class Screen {
  readonly rowsArea: HTMLElement;
  readonly notice = new Notice();
  readonly scroller: Scroller;
  private readonly hexView = new HexView();
  private readonly textView = new TextView();
  private rowCount = 2;

  constructor(
    private readonly root: HTMLElement,
    scrollerEvents: ScrollerEvents,
  ) {
    this.rowsArea = document.createElement('div');
    this.rowsArea.className = 'rows';
    this.rowsArea.append(this.hexView.element, this.textView.element);
    const shadow = document.createElement('div');
    shadow.className = 'scroll-shadow';
    this.scroller = new Scroller(scrollerEvents);
    const header = this.hexView.header;
    this.rowsArea.addEventListener('scroll', () => (header.scrollLeft = this.rowsArea.scrollLeft), { passive: true });
    root.append(this.notice.element, header, this.rowsArea, shadow, this.scroller.element);
  }

  /** Rows that fit the rows area at `rowHeight`: fully visible ones, and elements (one more, for the partial row). */
  fit(rowHeight: number, bytesPerRow: number): { visibleRows: number; rowElements: number } {
    const visibleRows = Math.max(1, Math.floor(this.rowsArea.clientHeight / rowHeight));
    this.scroller.measure();
    this.rowCount = visibleRows + 1;
    this.hexView.setShape(this.rowCount, bytesPerRow);
    this.textView.setRowCount(this.rowCount);
    return { visibleRows, rowElements: this.rowCount };
  }

  /** Paints every row from `state.top`; throws MissingBytes (DOM untouched) when a page is not loaded. */
  paint(state: ScreenState): ShownRows {
    const { size, top, cursor, selectionStart, selectionEnd, bytesPerRow, highlights, hexMarks } = state;
    const digits = offsetDigits(size);
    if (state.mode === 'hex') {
      const end = Math.min(size, top + this.rowCount * bytesPerRow);
      const bytes = state.bytes.slice(top, end);
      this.hexView.paint({ top, bytes, size, bytesPerRow, digits, cursor, selectionStart, selectionEnd, highlights, marks: hexMarks });
      const starts: number[] = [];
      for (let row = top; row < end; row += bytesPerRow) starts.push(row);
      return { starts, end };
    }
    const rows: TextRowData[] = [];
    let row = top;
    while (rows.length < this.rowCount && row < size) {
      const next = state.textLayout.nextRowStart(row);
      rows.push({ start: row, end: next, bytes: state.bytes.slice(row, next) });
      row = next;
    }
    let lineNumbers: Array<number | ''> | undefined;
    if (state.lineAt && rows.length > 0) {
      const rules = state.rules ?? textRules('utf-8');
      const before = top >= rules.unit ? state.bytes.slice(top - rules.unit, top) : undefined;
      lineNumbers = rowLineNumbers(rows, state.lineAt(top), before, rules);
    }
    this.textView.paint({ rows, size, digits, cursor, selectionStart, selectionEnd, contentVersion: state.contentVersion, lineNumbers, highlights: state.textHighlights ?? highlights, rules: state.rules });
    return { starts: rows.map((r) => r.start), end: row };
  }

  paintEmpty(bytesPerRow: number): ShownRows {
    this.notice.show('This file is empty (0 bytes).', 'info');
    this.hexView.paint({ top: 0, bytes: new Uint8Array(0), size: 0, bytesPerRow, digits: 8, cursor: 0, selectionStart: 0, selectionEnd: 0 });
    this.textView.paint({ rows: [], size: 0, digits: 8, cursor: 0, selectionStart: 0, selectionEnd: 0, contentVersion: 0 });
    return { starts: [], end: 0 };
  }

  /** Scrollbar and top shadow: `position` 0..1 through the file, `visible` the fraction on screen. */
  showScroll(position: number, visible: number, scrolled: boolean): void {
    this.root.classList.toggle('scrolled', scrolled);
    this.scroller.update(position, visible);
  }

  offsetAt(mode: ViewMode, clientX: number, clientY: number, top: number, size: number, charWidth: number): number | undefined {
    return mode === 'hex' ? this.hexView.offsetAt(clientX, clientY, top, size) : this.textView.offsetAt(clientX, clientY, charWidth);
  }
}
