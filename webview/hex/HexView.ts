import { formatHexOffset } from '../../shared/offsets';
import type { HexMarks, RangeHighlights } from '../core/decorations';
import { asciiChar, hexByte, hexRowChars, HEX_ROW_PADDING_PX, isPrintableAscii } from './HexLayout';
import { element } from '../core/dom';
import { recycleRows } from '../core/RowRecycler';
import './hexView.css';

/** What one hex paint shows: bytes from `top`, already loaded. */
export interface HexFrame {
  top: number;
  bytes: Uint8Array;
  size: number;
  bytesPerRow: number;
  digits: number;
  cursor: number;
  selectionStart: number;
  selectionEnd: number;
  /** Find matches: their bytes get 'match' (and 'current') on both cells. */
  highlights?: RangeHighlights;
  /** Plug-ins' marks: a class suffix per byte value, and a mark per row (its name shows beside the row). */
  marks?: Required<HexMarks>;
}

/** Cells past the end of the file keep their width with spaces. */
const BLANK_HEX = '  ';
const BLANK_ASCII = ' ';

/** One recycled row: remembers what it shows so a repaint touches only what changed. */
class HexRow {
  readonly element: HTMLElement;
  private readonly offset: HTMLElement;
  readonly hexCells: HTMLElement[] = [];
  readonly asciiCells: HTMLElement[] = [];
  /** Each cell's one text node: updating its data is cheaper than replacing it through textContent. */
  private readonly hexNodes: Text[] = [];
  private readonly asciiNodes: Text[] = [];
  private readonly hexText: string[] = [];
  private readonly asciiText: string[] = [];
  private readonly hexClass: string[] = [];
  private readonly asciiClass: string[] = [];
  shownOffset = -1;
  private shownOffsetText = '';
  private current = false;
  private mark: string | undefined;
  private markName: HTMLElement | undefined;

  constructor(bytesPerRow: number) {
    this.element = document.createElement('div');
    this.element.className = 'row';
    this.offset = document.createElement('span');
    this.offset.className = 'offset';
    const hex = document.createElement('span');
    hex.className = 'hex';
    const ascii = document.createElement('span');
    ascii.className = 'ascii';
    for (let i = 0; i < bytesPerRow; i++) {
      const h = document.createElement('span');
      h.className = 'b';
      this.hexNodes.push(h.appendChild(document.createTextNode(BLANK_HEX)));
      hex.appendChild(h);
      this.hexCells.push(h);
      const a = document.createElement('span');
      a.className = 'b';
      this.asciiNodes.push(a.appendChild(document.createTextNode(BLANK_ASCII)));
      ascii.appendChild(a);
      this.asciiCells.push(a);
      this.hexText.push(BLANK_HEX);
      this.asciiText.push(BLANK_ASCII);
      this.hexClass.push('b');
      this.asciiClass.push('b');
    }
    this.element.append(this.offset, hex, ascii);
  }

  hide(): void {
    if (this.shownOffset === -1) return;
    this.shownOffset = -1;
    this.element.hidden = true;
    delete this.element.dataset.offset;
  }

  paint(frame: HexFrame, rowStart: number): void {
    if (this.shownOffset !== rowStart) {
      this.shownOffset = rowStart;
      this.element.hidden = false;
      this.element.dataset.offset = String(rowStart);
    }
    const offsetText = formatHexOffset(rowStart, frame.digits);
    if (offsetText !== this.shownOffsetText) this.offset.textContent = this.shownOffsetText = offsetText;
    const { bytes, top, size, cursor, selectionStart, selectionEnd } = frame;
    const rowEnd = rowStart + this.hexCells.length;
    const highlights = frame.highlights !== undefined && frame.highlights.stateOf(rowStart, rowEnd) !== 0 ? frame.highlights : undefined;
    const byteClasses = frame.marks?.byteClasses;
    let current = false;
    for (let i = 0; i < this.hexCells.length; i++) {
      const at = rowStart + i;
      let hex = BLANK_HEX;
      let ascii = BLANK_ASCII;
      let state = '';
      let dim = false;
      let kind = '';
      if (at < size) {
        const byte = bytes[at - top];
        hex = hexByte(byte);
        ascii = asciiChar(byte);
        dim = !isPrintableAscii(byte);
        if (byteClasses) kind = byteClasses[byte];
        if (at >= selectionStart && at < selectionEnd) state += ' selected';
        if (at === cursor) {
          state += ' cursor';
          current = true;
        }
        if (highlights) state += highlights.classOf(at, at + 1);
      }
      if (hex !== this.hexText[i]) this.hexNodes[i].data = this.hexText[i] = hex;
      if (ascii !== this.asciiText[i]) this.asciiNodes[i].data = this.asciiText[i] = ascii;
      const hexClass = 'b' + kind + state;
      const asciiClass = (dim ? 'b dim' : 'b') + kind + state;
      if (hexClass !== this.hexClass[i]) this.hexCells[i].className = this.hexClass[i] = hexClass;
      if (asciiClass !== this.asciiClass[i]) this.asciiCells[i].className = this.asciiClass[i] = asciiClass;
    }
    if (cursor === size && size > 0 && rowStart <= size - 1 && size - 1 < rowEnd) current = true;
    if (current !== this.current) this.element.classList.toggle('current', (this.current = current));
    const mark = frame.marks?.rowMark(rowStart, rowEnd);
    if (mark !== this.mark) {
      this.mark = mark;
      this.element.classList.toggle('bookmarked', mark !== undefined);
      this.element.title = mark === undefined ? '' : mark || 'Bookmark';
      // the name beside the row (the tooltip has it too, where a narrow editor clips it)
      if (mark) {
        this.markName ??= this.element.appendChild(document.createElement('span'));
        this.markName.className = 'mark-name';
        this.markName.textContent = mark;
      }
      if (this.markName) this.markName.hidden = !mark;
    }
  }
}

/** Column offsets above the rows (00 01 … 0F), and the low digit of each above the decoded column. */
class HexHeader {
  /** The clipping frame (scrolled sideways with the rows), and the header row's view inside it. */
  readonly element: HTMLElement;
  readonly view: HTMLElement;
  private shape = '';

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'hex-header';
    this.element.setAttribute('aria-hidden', 'true');
    this.view = this.element.appendChild(document.createElement('div'));
    this.view.className = 'view hex-view';
  }

  show(bytesPerRow: number, digits: number): void {
    const shape = `${bytesPerRow}/${digits}`;
    if (shape === this.shape) return;
    this.shape = shape;
    const row = element('div', 'row');
    element('span', 'offset', row).textContent = ' '.repeat(digits);
    const hex = element('span', 'hex', row);
    for (let i = 0; i < bytesPerRow; i++) element('span', 'b', hex).textContent = hexByte(i);
    element('span', 'ascii', row).textContent = Array.from({ length: bytesPerRow }, (_, i) => (i % 16).toString(16).toUpperCase()).join('');
    this.view.replaceChildren(row);
  }
}

/** The hex view: a fixed set of recycled rows of `bytesPerRow` bytes, under a column header. */
export class HexView {
  readonly element: HTMLElement;
  private readonly headerView = new HexHeader();
  private rows: HexRow[] = [];
  private bytesPerRow = 0;
  private width = '';

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'view hex-view';
  }

  /** The column header: the screen puts it above the rows area and scrolls it sideways with the rows. */
  get header(): HTMLElement {
    return this.headerView.element;
  }

  /** Makes `count` rows of `bytesPerRow` bytes (rebuilding only when either changes). */
  setShape(count: number, bytesPerRow: number): void {
    if (bytesPerRow !== this.bytesPerRow) {
      this.rows = [];
      this.element.replaceChildren();
      this.bytesPerRow = bytesPerRow;
      this.element.dataset.bytesPerRow = String(bytesPerRow);
    }
    while (this.rows.length < count) {
      const row = new HexRow(bytesPerRow);
      row.hide();
      row.element.hidden = true;
      this.rows.push(row);
      this.element.appendChild(row.element);
    }
    while (this.rows.length > count) this.rows.pop()?.element.remove();
  }

  paint(frame: HexFrame): void {
    // As wide as a row's text (at least the rows area): a fixed bytesPerRow wider than the editor scrolls sideways.
    const width = `calc(${hexRowChars(frame.bytesPerRow, frame.digits)}ch + ${HEX_ROW_PADDING_PX}px)`;
    if (width !== this.width) this.width = this.element.style.width = this.headerView.view.style.width = width;
    this.headerView.show(frame.bytesPerRow, frame.digits);
    const offsets: number[] = [];
    for (let i = 0; i < this.rows.length; i++) {
      const rowStart = frame.top + i * frame.bytesPerRow;
      offsets.push(rowStart < frame.size ? rowStart : -1);
    }
    this.rows = recycleRows(this.element, this.rows, offsets);
    for (let i = 0; i < this.rows.length; i++) {
      if (offsets[i] >= 0) this.rows[i].paint(frame, offsets[i]);
      else this.rows[i].hide();
    }
  }

  /** The byte under a point, snapped to the nearest row and cell; undefined above/below the rows. */
  offsetAt(clientX: number, clientY: number, top: number, size: number): number | undefined {
    if (this.rows.length === 0 || size === 0) return undefined;
    const first = this.rows[0].element.getBoundingClientRect();
    const height = first.height || 1;
    const index = Math.max(0, Math.min(this.rows.length - 1, Math.floor((clientY - first.top) / height)));
    const row = this.rows[index];
    const asciiLeft = row.asciiCells[0].getBoundingClientRect().left;
    const cells = clientX >= asciiLeft - 4 ? row.asciiCells : row.hexCells;
    let column = cells.length - 1;
    for (let i = 0; i < cells.length; i++) {
      const box = cells[i].getBoundingClientRect();
      if (clientX < box.right) {
        column = i;
        break;
      }
    }
    return Math.min(size - 1, top + index * this.bytesPerRow + column);
  }
}
