import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ArrayBytes, type ByteSource } from '../../webview/core/PagedBytes';
import { clampTop, lastRowStart, rowsDown, rowsFrom, rowsUp } from '../../webview/core/RowLayout';
import { SCAN_BACK, SYNC, TextLayout } from '../../webview/text/TextLayout';

const encode = (text: string) => new TextEncoder().encode(text);

function layoutOf(text: string | Uint8Array, columns: number) {
  return new TextLayout(new ArrayBytes(typeof text === 'string' ? encode(text) : text), columns);
}

/** A huge single line of 'a'..'z' that records how far from the view it was read. */
class VirtualLine implements ByteSource {
  lowest = Infinity;
  highest = -Infinity;
  constructor(readonly size: number) {}
  readonly byteAt = (offset: number): number => {
    this.lowest = Math.min(this.lowest, offset);
    this.highest = Math.max(this.highest, offset);
    return 97 + (offset % 26);
  };
  slice(start: number, end: number): Uint8Array {
    return Uint8Array.from({ length: end - start }, (_, i) => this.byteAt(start + i));
  }
}

describe('TextLayout', () => {
  it('a row ends after its newline', () => {
    const layout = layoutOf('ab\ncd\n\nef', 80);
    assert.deepEqual(rowsFrom(layout, 0, 10), [0, 3, 6, 7]);
  });

  it('wraps a line longer than maxColumns into rows of maxColumns characters', () => {
    const layout = layoutOf('abcdefghij\nk', 4);
    assert.deepEqual(rowsFrom(layout, 0, 10), [0, 4, 8, 11]);
  });

  it('keeps the newline on a row that is exactly maxColumns long', () => {
    const layout = layoutOf('abcd\nef', 4);
    assert.deepEqual(rowsFrom(layout, 0, 10), [0, 5]);
  });

  it('counts columns in UTF-8 characters, not bytes', () => {
    const layout = layoutOf('\u00e9\u00e9\u00e9\u00e9\u20ac\u20ac', 3);
    assert.deepEqual(rowsFrom(layout, 0, 10), [0, 6]); // 'ééé' then 'é€€'
  });

  it('finds the row holding any byte, including the middle of a character', () => {
    const layout = layoutOf('xy\n\u20ac\u20ac\u20ac\u20ac', 2);
    assert.equal(layout.rowContaining(1), 0);
    assert.equal(layout.rowContaining(2), 0);
    assert.equal(layout.rowContaining(3), 3);
    assert.equal(layout.rowContaining(10), 9);
    assert.equal(layout.charStart(10), 9);
  });

  it('scrolling up retraces the rows of scrolling down, across sync points of a long line', () => {
    const text = 'start\n' + 'z'.repeat(3 * SYNC + 123) + '\n' + 'short line\n'.repeat(50) + '\u20ac'.repeat(SYNC);
    const layout = layoutOf(text, 1000);
    const down = rowsFrom(layout, 0, 10_000);
    for (let i = down.length - 1; i > 0; i--) assert.equal(rowsUp(layout, down[i], 1), down[i - 1], `row ${i}`);
    for (const row of down) assert.equal(layout.rowContaining(row), row);
  });

  it('a sync point inside a multi-byte character breaks after that character', () => {
    const bytes = new Uint8Array(SYNC + 100).fill(0x61);
    bytes.set([0xe2, 0x82, 0xac], SYNC - 1); // '€' starting one byte before the sync point
    const layout = layoutOf(bytes, 100_000);
    assert.deepEqual(rowsFrom(layout, 0, 5), [0, SYNC + 2]);
    assert.equal(layout.rowContaining(SYNC), 0);
    assert.equal(layout.rowContaining(SYNC + 2), SYNC + 2);
  });

  it('scrolls a 1 GiB single-line file row by row reading only bytes near the view', () => {
    const source = new VirtualLine(2 ** 30);
    const layout = new TextLayout(source, 500);
    const middle = 2 ** 29 + 777;
    const row = layout.rowContaining(middle);
    assert.ok(row <= middle && middle - row < 500);
    const down = rowsDown(layout, row, 40);
    assert.equal(rowsUp(layout, down, 40), row);
    assert.ok(middle - source.lowest <= SCAN_BACK + 2 * SYNC, `read ${middle - source.lowest} bytes back`);
    assert.ok(source.highest - middle < 40 * 500 + SYNC);
    const end = lastRowStart(layout);
    assert.ok(end < source.size && source.size - end <= 500);
    assert.equal(clampTop(layout, end, 10), rowsUp(layout, end, 9));
  });

  it('moves by characters forward and back', () => {
    const layout = layoutOf('a\u00e9\u20acb', 80);
    assert.equal(layout.nextChar(0), 1);
    assert.equal(layout.nextChar(1), 3);
    assert.equal(layout.nextChar(3), 6);
    assert.equal(layout.prevChar(6), 3);
    assert.equal(layout.prevChar(3), 1);
    assert.equal(layout.prevChar(1), 0);
  });
});
