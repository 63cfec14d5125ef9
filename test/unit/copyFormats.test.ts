// Copy As output, byte for byte, and the same text whatever the chunk sizes.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { COPY_AS_FORMATS, createFormatter, formatBytes, formatOffsets, type CopyAsFormat } from '../../src/inspect/copyFormats';

const SAMPLE = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x00, 0x27, 0x5c, 0x0a, 0x41, 0x09, 0x0d, 0x7f, 0x20, 0xff]);
type ByteFormat = Exclude<CopyAsFormat, 'offsetHex' | 'offsetDecimal'>;

describe('copy as', () => {
  it('formats a known selection in each format, byte for byte', () => {
    assert.equal(formatBytes('hex', SAMPLE), 'DEADBEEF00275C0A41090D7F20FF');
    assert.equal(formatBytes('hexSpaced', SAMPLE), 'DE AD BE EF 00 27 5C 0A 41 09 0D 7F 20 FF');
    assert.equal(
      formatBytes('c', SAMPLE),
      'unsigned char data[14] = {\n    0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x27, 0x5C, 0x0A, 0x41, 0x09, 0x0D, 0x7F,\n    0x20, 0xFF\n};',
    );
    assert.equal(formatBytes('go', SAMPLE), '[]byte{\n    0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x27, 0x5C, 0x0A, 0x41, 0x09, 0x0D, 0x7F,\n    0x20, 0xFF,\n}');
    assert.equal(formatBytes('python', SAMPLE), "b'\\xde\\xad\\xbe\\xef\\x00\\'\\\\\\nA\\t\\r\\x7f \\xff'");
    assert.equal(formatBytes('json', SAMPLE), '[222, 173, 190, 239, 0, 39, 92, 10, 65, 9, 13, 127, 32, 255]');
    assert.equal(formatBytes('base64', SAMPLE), '3q2+7wAnXApBCQ1/IP8=');
    assert.equal(formatBytes('utf8', new Uint8Array([0x68, 0xc3, 0xa9, 0xff, 0x21])), 'hé\uFFFD!');
  });

  it('formats an empty selection as an empty literal', () => {
    const empty = new Uint8Array(0);
    assert.equal(formatBytes('hex', empty), '');
    assert.equal(formatBytes('json', empty), '[]');
    assert.equal(formatBytes('c', empty), 'unsigned char data[0] = {};');
    assert.equal(formatBytes('go', empty), '[]byte{}');
    assert.equal(formatBytes('python', empty), "b''");
    assert.equal(formatBytes('base64', empty), '');
  });

  it('Python and JSON output reads back as the same bytes; Base64 matches Buffer', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    assert.deepEqual(JSON.parse(formatBytes('json', all)), [...all]);
    assert.equal(formatBytes('base64', all), Buffer.from(all).toString('base64'));
    // Python escapes, undone by hand: \\xNN, \\t \\n \\r \\\\ \\'
    const py = formatBytes('python', all);
    assert.ok(py.startsWith("b'") && py.endsWith("'"));
    const body = py.slice(2, -1).replace(/\\(x[0-9a-f]{2}|t|n|r|\\|')/g, (_, e: string) =>
      e[0] === 'x' ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ t: '\t', n: '\n', r: '\r', '\\': '\\', "'": "'" } as Record<string, string>)[e],
    );
    assert.deepEqual([...Buffer.from(body, 'latin1')], [...all]);
  });

  it('gives the same text when the selection arrives in chunks of any size', () => {
    const data = new Uint8Array(5000).map((_, i) => (i * 7919 + (i >> 3)) & 0xff);
    data.set([0xe2, 0x82, 0xac], 1023); // a UTF-8 sequence across a chunk border
    for (const info of COPY_AS_FORMATS) {
      if (info.charsPerByte === 0) continue;
      const format = info.format as ByteFormat;
      const whole = formatBytes(format, data);
      for (const chunk of [1, 2, 3, 7, 1024, 4999]) {
        const f = createFormatter(format, data.length);
        let text = '';
        for (let at = 0; at < data.length; at += chunk) text += f.push(data.subarray(at, at + chunk));
        text += f.end();
        assert.equal(text, whole, `${format} in chunks of ${chunk}`);
      }
      assert.ok(whole.length <= data.length * info.charsPerByte + 40, `${format}: charsPerByte holds`);
    }
  });

  it('copies offsets: the cursor alone, or a selection as first-last (last included)', () => {
    assert.equal(formatOffsets('offsetHex', 0x1f00, 0x1f00), '0x1F00');
    assert.equal(formatOffsets('offsetDecimal', 0x1f00, 0x1f00), '7936');
    assert.equal(formatOffsets('offsetHex', 0x1f00, 0x2000), '0x1F00-0x1FFF');
    assert.equal(formatOffsets('offsetDecimal', 0x1f00, 0x2000), '7936-8191');
  });
});
