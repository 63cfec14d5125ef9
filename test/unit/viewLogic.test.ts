import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { HexLayout, asciiChar, hexByte } from '../../webview/hex/HexLayout';
import { moveCursor } from '../../webview/core/cursorMoves';
import { commandForKey } from '../../webview/core/keyCommands';
import { ArrayBytes } from '../../webview/core/PagedBytes';
import { wantedPages } from '../../webview/core/pageDemand';
import { clampTop } from '../../webview/core/RowLayout';
import { charAtColumn, displayChar, displayRow } from '../../webview/text/textDisplay';
import { TextLayout } from '../../webview/text/TextLayout';
import { charStarts } from '../../webview/text/utf8';
import { DELTA_LINE, DELTA_PAGE, DELTA_PIXEL, WheelAccumulator } from '../../webview/core/WheelAccumulator';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('hex formatting', () => {
  it('shows bytes as two uppercase digits and only printable ASCII as itself', () => {
    assert.equal(hexByte(0x0a), '0A');
    assert.equal(hexByte(0xff), 'FF');
    assert.equal(asciiChar(0x41), 'A');
    assert.equal(asciiChar(0x7f), '.');
    assert.equal(asciiChar(0x3c), '<');
  });

  it('clampTop puts the last row at the bottom of the screen', () => {
    const layout = new HexLayout(() => 1000, 16);
    assert.equal(clampTop(layout, 992, 10), 992 - 9 * 16);
    assert.equal(clampTop(layout, 0, 10), 0);
    assert.equal(clampTop(new HexLayout(() => 20, 16), 16, 10), 0);
  });
});

describe('cursor moves', () => {
  const hex = new HexLayout(() => 100, 16);
  const move = (cursor: number, m: Parameters<typeof moveCursor>[2], extend = false) => moveCursor(hex, { cursor, goalColumn: -1 }, m, extend, 4).cursor;

  it('moves a byte or a row in hex and stops at the ends', () => {
    assert.equal(move(5, 'right'), 6);
    assert.equal(move(0, 'left'), 0);
    assert.equal(move(5, 'down'), 21);
    assert.equal(move(5, 'up'), 0);
    assert.equal(move(99, 'right'), 99);
    assert.equal(move(99, 'right', true), 100);
  });

  it('Home/End go to the row start and its last byte; Ctrl+End to the last byte', () => {
    assert.equal(move(20, 'rowStart'), 16);
    assert.equal(move(20, 'rowEnd'), 31);
    assert.equal(move(20, 'fileEnd'), 99);
    assert.equal(move(20, 'fileEnd', true), 100);
  });

  it('PageDown moves the cursor and the view by the same rows', () => {
    const result = moveCursor(hex, { cursor: 3, goalColumn: -1 }, 'pageDown', false, 4);
    assert.deepEqual(result, { cursor: 67, goalColumn: 3, scrollRows: 4 });
  });

  it('up/down in text keep the column, clamped on short rows', () => {
    const text = new TextLayout(new ArrayBytes(new TextEncoder().encode('abcdef\nxy\n\u20ac\u20ac\u20ac\u20ac\n')), 80);
    const down = moveCursor(text, { cursor: 4, goalColumn: -1 }, 'down', false, 5);
    assert.equal(down.cursor, 9); // the newline of 'xy'
    const again = moveCursor(text, down, 'down', false, 5);
    assert.equal(again.cursor, 10 + 4 * 3); // column 4 again: the newline after four '€'
  });

  it('right moves over a whole UTF-8 character in text', () => {
    const text = new TextLayout(new ArrayBytes(new TextEncoder().encode('\u20acx')), 80);
    assert.equal(moveCursor(text, { cursor: 0, goalColumn: -1 }, 'right', false, 5).cursor, 3);
  });
});

describe('keys', () => {
  it('maps navigation keys and Shift to moves that extend', () => {
    assert.deepEqual(commandForKey(key('ArrowDown'), false), { kind: 'move', move: 'down', extend: false });
    assert.deepEqual(commandForKey(key('End', { ctrlKey: true, shiftKey: true }), false), { kind: 'move', move: 'fileEnd', extend: true });
    assert.deepEqual(commandForKey(key('c', { ctrlKey: true }), false), { kind: 'copy' });
    assert.deepEqual(commandForKey(key('a', { metaKey: true }), true), { kind: 'selectAll' });
  });

  it('leaves VS Code keybindings alone', () => {
    for (const k of [key('g', { ctrlKey: true }), key('p', { ctrlKey: true }), key('F1'), key('x'), key('ArrowDown', { altKey: true }), key('Tab')]) {
      assert.equal(commandForKey(k, false), undefined, k.key);
    }
  });
});

describe('wheel', () => {
  it('accumulates small pixel deltas into whole rows', () => {
    const wheel = new WheelAccumulator();
    const rows = [5, 5, 5, 5, 5, 5, 5, 5].map((d) => wheel.rows(d, DELTA_PIXEL, 20, 10));
    assert.equal(rows.reduce((a, b) => a + b, 0), 2);
  });

  it('uses lines and pages as rows', () => {
    const wheel = new WheelAccumulator();
    assert.equal(wheel.rows(3, DELTA_LINE, 20, 10), 3);
    assert.equal(wheel.rows(-1, DELTA_PAGE, 20, 10), -10);
  });
});

describe('text display', () => {
  it('shows hostile and control characters safely', () => {
    assert.equal(displayChar(0x0d, 0, 0x0a).text, '');
    assert.equal(displayChar(0x0d, 0, 0x41).text, ''); // a lone CR ends a line (classic Mac)
    assert.equal(displayChar(0x00, 0, -1).text, '\u2400');
    assert.equal(displayChar(0x202e, 0, -1).text, '\uFFFD');
    assert.equal(displayChar(0x2028, 0, -1).text, '\uFFFD');
    assert.equal(displayChar(0x09, 1, -1).text, '   ');
  });

  it('shows invisible format characters as a dimmed escape, like the bidi controls', () => {
    const invisible = [0x200b, 0x200c, 0x200d, 0x2060, 0x00ad, 0x206a, 0x206f, 0xe0001, 0xe0041, 0xe007f, 0xfeff, 0x180e];
    for (const code of invisible) {
      const shown = displayChar(code, 0, -1);
      assert.deepEqual(shown, { text: '\uFFFD', dim: true }, `U+${code.toString(16).toUpperCase()}`);
    }
    // A zero-width space between two letters is visible in the row.
    const bytes = new TextEncoder().encode('a\u200bb\u{E0041}c\ufeffd');
    const row = displayRow(10, new TextDecoder().decode(bytes), charStarts(bytes));
    assert.equal(row.texts.join(''), 'a\uFFFDb\uFFFDc\uFFFDd');
    // Ordinary letters, emoji and the BOM at the very start stay as they are.
    assert.equal(displayChar(0x41, 0, -1).text, 'A');
    assert.equal(displayChar(0x1f642, 0, -1).text, '\u{1F642}');
    assert.equal(displayRow(0, '\ufeffx', [0, 3, 4]).texts.join(''), 'x');
  });

  it('decodes a row and maps display columns back to characters', () => {
    const bytes = new TextEncoder().encode('\ta\u20acb\n');
    const row = displayRow(100, new TextDecoder().decode(bytes), charStarts(bytes));
    assert.deepEqual(row.starts, [100, 101, 102, 105, 106, 107]);
    assert.equal(row.texts.join(''), '    a\u20acb');
    assert.equal(charAtColumn(row, 2), 0);
    assert.equal(charAtColumn(row, 5), 2);
  });
});

describe('page demand', () => {
  it('asks for missing pages first, then the screen and one page either side, within the file', () => {
    const PAGE = 64 * 1024;
    assert.deepEqual(wantedPages({ size: 100 * PAGE, top: 10 * PAGE + 5, viewEnd: 10 * PAGE + 900, missing: [42], scansBack: false }), [42, 10, 9, 11]);
    assert.deepEqual(wantedPages({ size: PAGE, top: 0, viewEnd: 900, missing: [], scansBack: true }), [0, 0]);
    assert.deepEqual(wantedPages({ size: 0, top: 0, viewEnd: 0, missing: [], scansBack: false }), []);
  });
});
