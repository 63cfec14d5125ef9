import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { charStartsIn, textRules } from '../../webview/text/encoding';
import { rowLineNumbers } from '../../webview/text/LineNumbers';
import { ArrayBytes } from '../../webview/core/PagedBytes';
import { rowsFrom } from '../../webview/core/RowLayout';
import { TextLayout } from '../../webview/text/TextLayout';
import { detectEncoding } from '../../src/core/textEncoding';

const le = (text: string, bom = true) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
const be = (text: string) => {
  const b = Buffer.from(text, 'utf16le');
  b.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
};

function rowsOf(bytes: Uint8Array, encoding: Parameters<typeof textRules>[0]): string[] {
  const rules = textRules(encoding);
  const layout = new TextLayout(new ArrayBytes(bytes), 80, rules);
  const starts = rowsFrom(layout, 0, 100);
  return starts.map((start) => rules.decode(bytes.subarray(start, layout.nextRowStart(start))));
}

describe('text encodings', () => {
  it('UTF-16 LE with a BOM: rows end at the two-byte newline, surrogate pairs stay whole', () => {
    const text = 'line one\nzwei 🙂\ndrei';
    const rows = rowsOf(le(text), 'utf-16le');
    assert.deepEqual(rows.map((r) => r.replace(/^\uFEFF/, '')), ['line one\n', 'zwei 🙂\n', 'drei']);
  });

  it('UTF-16 BE reads the same text', () => {
    assert.deepEqual(rowsOf(be('a\nb\n'), 'utf-16be').map((r) => r.replace(/^\uFEFF/, '')), ['a\n', 'b\n']);
  });

  it('a 0x0A byte inside a UTF-16 character is not a newline (U+010A, U+0A0A)', () => {
    const rows = rowsOf(le('\u010A\u0A0Ax\ny'), 'utf-16le');
    assert.equal(rows.length, 2);
    assert.equal(rows[0].replace(/^\uFEFF/, ''), '\u010A\u0A0Ax\n');
  });

  it('character starts: UTF-16 steps by 2, by 4 over a surrogate pair; Windows-1252 by 1', () => {
    const bytes = le('a🙂b', false);
    assert.deepEqual(charStartsIn(textRules('utf-16le'), bytes, 0), [0, 2, 6, 8]);
    assert.deepEqual(charStartsIn(textRules('windows-1252'), Uint8Array.from([0x41, 0xe9, 0x80]), 10), [0, 1, 2, 3]);
    assert.equal(textRules('windows-1252').decode(Uint8Array.from([0x41, 0xe9, 0x80])), 'Aé€');
  });

  it('line numbers count two-byte newlines in UTF-16 rows', () => {
    const bytes = le('a\nb\nc\n', false);
    const rows = [0, 4, 8].map((start) => ({ start, bytes: bytes.subarray(start, start + 4) }));
    assert.deepEqual(rowLineNumbers(rows, 0, undefined, textRules('utf-16le')), [1, 2, 3]);
  });

  it('detects BOMs, BOM-less UTF-16 by its NUL bytes, UTF-8, and binary', () => {
    assert.equal(detectEncoding(le('hello world, this is text')).encoding, 'utf-16le');
    assert.equal(detectEncoding(be('hello world, this is text')).encoding, 'utf-16be');
    assert.equal(detectEncoding(le('hello world, this is some text without a BOM', false)).encoding, 'utf-16le');
    assert.deepEqual([detectEncoding(Buffer.from('plain ascii\n')).encoding, detectEncoding(Buffer.from('plain ascii\n')).text], ['utf-8', true]);
    assert.equal(detectEncoding(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 9, 9, 0xff])).text, false);
  });
});
