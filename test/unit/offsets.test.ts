import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatHexOffset, formatSize, looksLikeText, offsetDigits, pageStart, parseOffset, PAGE_SIZE } from '../../shared/offsets';

describe('parseOffset', () => {
  const size = 0x10000;
  const ok = (input: string, current = 0x100) => {
    const parsed = parseOffset(input, current, size);
    assert.ok(parsed.ok, `${input}: ${!parsed.ok && parsed.error}`);
    return parsed.offset;
  };
  it('reads 0x-prefixed and h-suffixed hex', () => {
    assert.equal(ok('0x1F00'), 0x1f00);
    assert.equal(ok('1F00h'), 0x1f00);
    assert.equal(ok('0X1f00'), 0x1f00);
  });
  it('reads decimal', () => assert.equal(ok('8000'), 8000));
  it('reads offsets relative to the cursor', () => {
    assert.equal(ok('+4096'), 0x100 + 4096);
    assert.equal(ok('-0x10'), 0xf0);
  });
  it('clamps relative offsets to the file', () => {
    assert.equal(ok('-0x1000'), 0);
    assert.equal(ok('+0x100000'), size - 1);
  });
  it('reads percentages of the file', () => {
    assert.equal(ok('50%'), 0x8000);
    assert.equal(ok('100%'), size - 1);
    assert.equal(ok('0%'), 0);
  });
  it('accepts separators people type: 1_000, 1,000 and spaces', () => assert.equal(ok(' 1_000 '), 1000));
  it('reads offsets past 4 GiB exactly', () => {
    const parsed = parseOffset('0x100000007', 0, 6 * 2 ** 30);
    assert.deepEqual(parsed, { ok: true, offset: 0x100000007 });
  });
  it('refuses garbage, absolute offsets past the end and percentages over 100 with a message', () => {
    for (const input of ['', 'abc xyz', '0xZZ', '0x10000', '150%', '--5']) {
      const parsed = parseOffset(input, 0, size);
      assert.equal(parsed.ok, false, input);
      assert.ok(!parsed.ok && parsed.error.length > 0);
    }
  });
});

describe('page math and formatting', () => {
  it('pageStart rounds down to 64 KiB pages, past 4 GiB too', () => {
    assert.equal(pageStart(PAGE_SIZE + 5), PAGE_SIZE);
    assert.equal(pageStart(0x100000007), 0x100000000);
  });
  it('offsetDigits fits the largest offset, at least 8', () => {
    assert.equal(offsetDigits(100), 8);
    assert.equal(offsetDigits(6 * 2 ** 30), 9);
    assert.equal(formatHexOffset(0x100000000, 9), '100000000');
  });
  it('formatSize uses binary units', () => {
    assert.equal(formatSize(512), '512 B');
    assert.equal(formatSize(1536), '1.5 KiB');
    assert.equal(formatSize(6 * 2 ** 30), '6.0 GiB');
  });
});

describe('looksLikeText', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('takes ASCII and valid UTF-8 as text', () => {
    assert.equal(looksLikeText(bytes('hello\nworld')), true);
    assert.equal(looksLikeText(bytes('grüße, 日本語, 🙂')), true);
  });
  it('takes a NUL byte or invalid UTF-8 as binary', () => {
    assert.equal(looksLikeText(Uint8Array.from([0x41, 0, 0x42])), false);
    assert.equal(looksLikeText(Uint8Array.from([0x41, 0xff, 0x42])), false);
    assert.equal(looksLikeText(Uint8Array.from([0xc3, 0x41])), false);
  });
  it('allows a multi-byte character cut off at the end of the sample', () => {
    assert.equal(looksLikeText(Uint8Array.from([0x41, 0xe6, 0x97])), true);
  });
});
