// The text view's line breaks: LF, CRLF (once) and a lone CR (classic Mac),
// the same rule as the host's line index (test/native/lineIndex.test.ts).
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ArrayBytes } from '../../webview/core/PagedBytes';
import { rowsFrom, rowsUp } from '../../webview/core/RowLayout';
import { TextLayout } from '../../webview/text/TextLayout';
import { rowLineNumbers } from '../../webview/text/LineNumbers';
import { textRules } from '../../webview/text/encoding';

const layoutOf = (bytes: Uint8Array, columns = 80, encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8') =>
  new TextLayout(new ArrayBytes(bytes), columns, textRules(encoding));
const latin = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('CR line breaks in the text view', () => {
  it('a CR-only file has one row per line', () => {
    const layout = layoutOf(latin('ab\rcd\r\ref'));
    assert.deepEqual(rowsFrom(layout, 0, 10), [0, 3, 6, 7]);
  });

  it('mixed CR, CRLF and LF: a CRLF ends one line, after its LF', () => {
    const layout = layoutOf(latin('a\rb\r\nc\nd\n\re\r'));
    assert.deepEqual(rowsFrom(layout, 0, 10), [0, 2, 5, 7, 9, 10]);
    assert.equal(layout.isLineBreak(1), true, 'the lone CR');
    assert.equal(layout.isLineBreak(3), false, 'the CR of a CRLF');
    assert.equal(layout.isLineBreak(4), true, 'the LF of a CRLF');
    assert.equal(layout.isLineBreak(11), true, 'a CR at the end of the file');
  });

  it('scrolling up retraces the rows of scrolling down, and finds the row of each byte', () => {
    const text = latin(Array.from({ length: 300 }, (_, i) => `line ${i}${['\r', '\r\n', '\n'][i % 3]}`).join(''));
    const layout = layoutOf(text, 5);
    const down = rowsFrom(layout, 0, 2000);
    const last = down[down.length - 1];
    assert.equal(rowsUp(layout, last, down.length - 1), 0);
    for (let r = 0; r + 1 < down.length; r++) {
      for (let p = down[r]; p < down[r + 1]; p++) assert.equal(layout.rowContaining(p), down[r], `byte ${p}`);
    }
  });

  it('wrapping never splits a CRLF across two rows', () => {
    const layout = layoutOf(latin('abcd\r\nef'), 4);
    assert.deepEqual(rowsFrom(layout, 0, 10), [0, 4, 6]);
  });

  it('line numbers count a lone CR as a line and a CRLF once', () => {
    const bytes = latin('a\rb\r\nc\nd');
    const layout = layoutOf(bytes);
    const starts = rowsFrom(layout, 0, 10);
    const rows = starts.map((start, i) => ({ start, bytes: bytes.slice(start, starts[i + 1] ?? bytes.length) }));
    assert.deepEqual(rowLineNumbers(rows, 0, undefined), [1, 2, 3, 4]);
  });

  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    it(`${encoding}: a lone CR unit ends a line, a CRLF pair once`, () => {
      const units = 'a\rb\r\nc\nd\r';
      const bytes = new Uint8Array(units.length * 2);
      for (let i = 0; i < units.length; i++) {
        const [lo, hi] = [units.charCodeAt(i) & 0xff, units.charCodeAt(i) >> 8];
        bytes.set(encoding === 'utf-16le' ? [lo, hi] : [hi, lo], i * 2);
      }
      assert.deepEqual(rowsFrom(layoutOf(bytes, 80, encoding), 0, 10), [0, 4, 10, 14]);
    });
  }
});
