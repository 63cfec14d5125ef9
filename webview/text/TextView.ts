import { formatHexOffset } from '../../shared/offsets';
import type { RangeHighlights } from '../core/decorations';
import { charAtColumn, displayRow, type DisplayRow } from './textDisplay';
import { charStartsIn, textRules, type TextRules } from './encoding';

const UTF8 = textRules('utf-8');
import { recycleRows } from '../core/RowRecycler';
import './textView.css';

/** One visual row of text: its bytes [start, end), already loaded. */
export interface TextRowData {
  start: number;
  end: number;
  bytes: Uint8Array;
}

export interface TextFrame {
  rows: TextRowData[];
  size: number;
  digits: number;
  cursor: number;
  selectionStart: number;
  selectionEnd: number;
  /** Changes when the file's bytes may have changed (same offsets, new content). */
  contentVersion: number;
  /** Per row: its 1-based line number, '' for a wrapped continuation; absent while the line index has not got here. */
  lineNumbers?: Array<number | ''>;
  /** Find matches: the characters covering matched bytes get 'match' (and 'current'). */
  highlights?: RangeHighlights;
  /** The encoding (UTF-8 when absent). */
  rules?: TextRules;
}


/** One recycled row element; rebuilt only when its bytes or its highlights change. */
class TextRow {
  readonly element: HTMLElement;
  private readonly gutter: HTMLElement;
  readonly text: HTMLElement;
  display: DisplayRow | undefined;
  shownOffset = -1;
  private contentKey = '';
  private highlightKey = '';

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'row';
    this.gutter = document.createElement('span');
    this.gutter.className = 'gutter';
    this.text = document.createElement('span');
    this.text.className = 'text';
    this.element.append(this.gutter, this.text);
    this.element.hidden = true;
  }

  hide(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    delete this.element.dataset.offset;
    this.shownOffset = -1;
    this.display = undefined;
    this.contentKey = this.highlightKey = '';
  }

  paint(frame: TextFrame, data: TextRowData, isLast: boolean, lineNumber: number | '' | undefined): void {
    const contentKey = `${data.start}:${data.end}:${frame.contentVersion}:${frame.digits}:${lineNumber}:${frame.rules?.name}`;
    if (contentKey !== this.contentKey || !this.display) {
      this.contentKey = contentKey;
      this.highlightKey = '';
      this.element.hidden = false;
      this.element.dataset.offset = String(data.start);
      this.shownOffset = data.start;
      // The line number once the index has counted this far; the byte offset (dimmed) before.
      this.gutter.textContent = lineNumber === undefined ? formatHexOffset(data.start, frame.digits) : String(lineNumber).padStart(frame.digits, ' ');
      this.gutter.classList.toggle('offset', lineNumber === undefined);
      const rules = frame.rules ?? UTF8;
      this.display = displayRow(data.start, rules.decode(data.bytes), charStartsIn(rules, data.bytes, data.start));
    }
    const { cursor, selectionStart, selectionEnd } = frame;
    const atEnd = isLast && data.end === frame.size;
    const touchesCursor = (cursor >= data.start && cursor < data.end) || (atEnd && cursor === frame.size);
    const touchesSelection = selectionStart < data.end && selectionEnd > data.start;
    // Rows holding a match repaint when the matches change (their version), the others keep '-'.
    const highlights = frame.highlights !== undefined && frame.highlights.stateOf(data.start, data.end) !== 0 ? frame.highlights : undefined;
    const cursorKey = touchesCursor || touchesSelection ? `${cursor}:${selectionStart}:${selectionEnd}:${atEnd}` : '-';
    const highlightKey = highlights ? `${cursorKey}|m${highlights.version}` : cursorKey;
    if (highlightKey === this.highlightKey) return;
    this.highlightKey = highlightKey;
    this.element.classList.toggle('current', touchesCursor);
    this.render(this.display, cursor, selectionStart, selectionEnd, atEnd && cursor === frame.size, highlights);
  }

  /** Writes the row as runs: plain text nodes, and spans for selected, cursor and dim characters. */
  private render(row: DisplayRow, cursor: number, selStart: number, selEnd: number, caretAtEnd: boolean, highlights: RangeHighlights | undefined): void {
    const parts: Node[] = [];
    let runText = '';
    let runClass = '';
    const flush = () => {
      if (!runText) return;
      if (runClass) {
        const span = document.createElement('span');
        span.className = runClass;
        span.textContent = runText;
        parts.push(span);
      } else {
        parts.push(document.createTextNode(runText));
      }
      runText = '';
    };
    for (let i = 0; i < row.texts.length; i++) {
      const at = row.starts[i];
      const selected = at >= selStart && at < selEnd;
      const isCursor = at === cursor;
      let cls = row.dims[i] ? 'dim' : '';
      if (selected) cls = cls ? `${cls} selected` : 'selected';
      if (isCursor) cls = cls ? `${cls} cursor` : 'cursor';
      const match = highlights ? highlights.classOf(at, row.starts[i + 1]) : '';
      if (match) cls = cls ? cls + match : match.slice(1);
      let text = row.texts[i];
      if (!text && (selected || isCursor || match)) text = ' ';
      if (cls !== runClass || isCursor) {
        flush();
        runClass = cls;
      }
      runText += text;
      if (isCursor) flush();
    }
    flush();
    if (caretAtEnd) {
      const caret = document.createElement('span');
      caret.className = 'cursor';
      caret.textContent = ' ';
      parts.push(caret);
    }
    this.text.replaceChildren(...parts);
  }
}

/** The text view: a fixed set of recycled rows of decoded UTF-8. */
export class TextView {
  readonly element: HTMLElement;
  private rows: TextRow[] = [];
  private painted: TextRowData[] = [];

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'view text-view';
  }

  setRowCount(count: number): void {
    while (this.rows.length < count) {
      const row = new TextRow();
      this.rows.push(row);
      this.element.appendChild(row.element);
    }
    while (this.rows.length > count) this.rows.pop()?.element.remove();
  }

  paint(frame: TextFrame): void {
    this.painted = frame.rows;
    this.rows = recycleRows(this.element, this.rows, this.rows.map((_, i) => frame.rows[i]?.start ?? -1));
    for (let i = 0; i < this.rows.length; i++) {
      const data = frame.rows[i];
      if (data) this.rows[i].paint(frame, data, i === frame.rows.length - 1, frame.lineNumbers?.[i]);
      else this.rows[i].hide();
    }
  }

  /** The character under a point (its byte offset), snapped to the nearest painted row. */
  offsetAt(clientX: number, clientY: number, charWidth: number): number | undefined {
    const count = Math.min(this.painted.length, this.rows.length);
    if (count === 0) return undefined;
    const first = this.rows[0].element.getBoundingClientRect();
    const height = first.height || 1;
    const index = Math.max(0, Math.min(count - 1, Math.floor((clientY - first.top) / height)));
    const row = this.rows[index];
    const display = row.display;
    if (!display || display.texts.length === 0) return this.painted[index].start;
    const left = row.text.getBoundingClientRect().left;
    const column = Math.max(0, Math.floor((clientX - left) / Math.max(1, charWidth)));
    const i = Math.min(display.texts.length - 1, charAtColumn(display, column));
    return display.starts[i];
  }
}
