// CRC-32, Select Range parsing, byte classes and bookmark lookup.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { crc32, crc32Js } from '../../src/inspect/crc32';
import { parseRange } from '../../src/inspect/rangeInput';
import { BYTE_CLASS, byteClass } from '../../webview/inspect/byteMarks';

describe('crc32', () => {
  it('gives the check value CBF43926 for "123456789" (IEEE), in JS and in the fastest implementation', () => {
    const check = new TextEncoder().encode('123456789');
    assert.equal(crc32Js(check), 0xcbf43926);
    assert.equal(crc32(check), 0xcbf43926);
    assert.equal(crc32Js(new Uint8Array(0)), 0);
  });

  it('matches zlib.crc32 on random data, continued across chunks of odd sizes', (t) => {
    const native = (zlib as unknown as { crc32?: (d: Uint8Array, p?: number) => number }).crc32;
    if (typeof native !== 'function') return t.skip('this Node has no zlib.crc32');
    const data = new Uint8Array(100_003).map((_, i) => (i * 2654435761) >>> 24);
    let crc = 0;
    for (let at = 0; at < data.length; at += 4097) crc = crc32Js(data.subarray(at, at + 4097), crc);
    assert.equal(crc, native(data));
  });
});

describe('select range input', () => {
  const size = 0x1000;
  it('reads START-END with END included, and START+LENGTH, in hex or decimal', () => {
    assert.deepEqual(parseRange('0x100-0x1FF', size), { ok: true, start: 0x100, length: 0x100 });
    assert.deepEqual(parseRange('100h - 1FFh', size), { ok: true, start: 0x100, length: 0x100 });
    assert.deepEqual(parseRange('256+16', size), { ok: true, start: 256, length: 16 });
    assert.deepEqual(parseRange('0x10, 4', size), { ok: true, start: 16, length: 4 });
    assert.deepEqual(parseRange('0 4096', size), { ok: true, start: 0, length: 4096 });
    assert.deepEqual(parseRange('5-5', size), { ok: true, start: 5, length: 1 });
  });
  it('refuses ranges outside the file, backwards, empty, or not numbers', () => {
    for (const bad of ['0x1000+1', '0xFFF+2', '0x10-0x5', '5+0', 'abc-def', '12', '']) assert.equal(parseRange(bad, size).ok, false, bad);
  });
});

describe('byte classes and bookmark marks', () => {
  it('classes bytes like hexyl', () => {
    assert.equal(byteClass(0), 'zero');
    assert.equal(byteClass(0x41), 'printable');
    assert.equal(byteClass(0x20), 'whitespace');
    assert.equal(byteClass(0x0a), 'whitespace');
    assert.equal(byteClass(0x01), 'control');
    assert.equal(byteClass(0x7f), 'control');
    assert.equal(byteClass(0x80), 'high');
    assert.equal(BYTE_CLASS.length, 256);
  });
});
