import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitBytesPerRow, hexRowChars } from '../../webview/hex/HexLayout';

describe('bytesPerRow "auto"', () => {
  it('counts a row as offset, gap, hex pairs with wider gaps every 8, gap, decoded column', () => {
    // "00000000  00 01 02 03 04 05 06 07  08 09 0A 0B 0C 0D 0E 0F  0123456789ABCDEF"
    assert.equal(hexRowChars(16, 8), '00000000  00 01 02 03 04 05 06 07  08 09 0A 0B 0C 0D 0E 0F  0123456789ABCDEF'.length);
    assert.equal(hexRowChars(4, 8), '00000000  00 01 02 03  0123'.length);
    assert.equal(hexRowChars(32, 12), 12 + 2 + 32 * 3 - 1 + 3 + 2 + 32);
  });

  it('picks the most of 32/16/8/4 that fit the width, and 4 when nothing fits', () => {
    const cw = 8.4;
    const px = (n: number) => 8 + hexRowChars(n, 8) * cw;
    assert.equal(fitBytesPerRow(px(32), cw, 8), 32);
    assert.equal(fitBytesPerRow(px(32) - 1, cw, 8), 16);
    assert.equal(fitBytesPerRow(px(16), cw, 8), 16);
    assert.equal(fitBytesPerRow(px(16) - 0.5, cw, 8), 8);
    assert.equal(fitBytesPerRow(px(8) - 1, cw, 8), 4);
    assert.equal(fitBytesPerRow(50, cw, 8), 4);
  });

  it('needs more room for longer offsets (files past 4 GiB)', () => {
    const cw = 8;
    const width = 8 + hexRowChars(16, 8) * cw;
    assert.equal(fitBytesPerRow(width, cw, 8), 16);
    assert.equal(fitBytesPerRow(width, cw, 10), 8);
  });
});
