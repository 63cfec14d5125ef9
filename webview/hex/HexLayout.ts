import type { CursorLayout } from '../core/RowLayout';

/** Rows of a fixed number of bytes. */
export class HexLayout implements CursorLayout {
  constructor(
    private readonly sizeOf: () => number,
    readonly bytesPerRow: number,
  ) {}

  get size(): number {
    return this.sizeOf();
  }

  rowContaining(offset: number): number {
    const last = Math.max(0, this.size - 1);
    const clamped = Math.max(0, Math.min(offset, last));
    return clamped - (clamped % this.bytesPerRow);
  }

  nextRowStart(row: number): number {
    return Math.min(this.size, row + this.bytesPerRow);
  }

  charStart(offset: number): number {
    return Math.max(0, Math.min(offset, this.size));
  }

  nextChar(offset: number): number {
    return Math.min(this.size, offset + 1);
  }

  prevChar(offset: number): number {
    return Math.max(0, Math.min(offset, this.size) - 1);
  }

  isLineBreak(): boolean {
    return false;
  }

  columnsOf(row: number, next: number): number[] {
    const columns: number[] = [];
    for (let p = row; p < next; p++) columns.push(p);
    return columns;
  }
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));
const ASCII = Array.from({ length: 256 }, (_, b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.'));

/** Two uppercase hex digits. */
export function hexByte(byte: number): string {
  return HEX[byte];
}

/** The decoded-column character: printable ASCII as itself, anything else '.'. */
export function asciiChar(byte: number): string {
  return ASCII[byte];
}

export function isPrintableAscii(byte: number): boolean {
  return byte >= 0x20 && byte <= 0x7e;
}

/** The fixed row widths 'auto' chooses from, largest first. */
const ROW_WIDTHS = [32, 16, 8, 4] as const;

/** Left padding of a hex row, in px (hexView.css). */
export const HEX_ROW_PADDING_PX = 8;

/**
 * Characters one hex row takes (hexView.css): the offset and a 2ch gap,
 * each byte as two digits with 1ch between (2ch after every 8th), a 2ch gap,
 * then one decoded character per byte.
 */
export function hexRowChars(bytesPerRow: number, digits: number): number {
  return digits + 2 + bytesPerRow * 3 - 1 + Math.floor((bytesPerRow - 1) / 8) + 2 + bytesPerRow;
}

/** The most of 32/16/8/4 bytes whose row fits `widthPx` (4 when none does). */
export function fitBytesPerRow(widthPx: number, charWidth: number, digits: number): 4 | 8 | 16 | 32 {
  for (const n of ROW_WIDTHS) if (HEX_ROW_PADDING_PX + hexRowChars(n, digits) * charWidth <= widthPx) return n;
  return 4;
}
