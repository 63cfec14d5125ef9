import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { charStarts } from '../../webview/text/utf8';

const decoder = new TextDecoder('utf-8', { fatal: false });

function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    // Bias toward UTF-8 lead and continuation bytes so sequences are interesting.
    const r = x >>> 24;
    out[i] = r < 64 ? 0x80 + (r & 0x3f) : r < 96 ? 0xc0 + (r & 0x3f) : r;
  }
  return out;
}

describe('utf8 character stepping', () => {
  it('counts the same characters TextDecoder produces, for valid and invalid bytes', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const bytes = randomBytes(64, seed);
      const count = charStarts(bytes).length - 1;
      assert.equal(count, [...decoder.decode(bytes)].length, `seed ${seed}`);
    }
  });

  it('steps over 1- to 4-byte characters', () => {
    const bytes = new TextEncoder().encode('a\u00e9\u20ac\ud83d\ude00b');
    assert.deepEqual(charStarts(bytes), [0, 1, 3, 6, 10, 11]);
  });

  it('makes one replacement of a cut-off sequence and restarts at the byte that broke it', () => {
    assert.deepEqual(charStarts(Uint8Array.of(0xe2, 0x82, 0x41)), [0, 2, 3]);
    assert.deepEqual(charStarts(Uint8Array.of(0x80, 0x80, 0xff)), [0, 1, 2, 3]);
  });

  it('rejects overlong and surrogate forms like TextDecoder', () => {
    for (const bytes of [Uint8Array.of(0xe0, 0x80, 0x80), Uint8Array.of(0xed, 0xa0, 0x80), Uint8Array.of(0xf4, 0x90, 0x80, 0x80), Uint8Array.of(0xc0, 0xaf)]) {
      assert.equal(charStarts(bytes).length - 1, [...decoder.decode(bytes)].length);
    }
  });
});
