import type { CursorLayout } from './RowLayout';

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
