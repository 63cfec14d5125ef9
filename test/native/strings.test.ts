// Strings equal binutils `strings -n N -t d` output (-e s, -e S, -e l) on generated binaries.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAddon, STRING_ENCODING, type NativeMappedFile } from '../../src/bytes/nativeAddon';
import { sparseFile, tempDir } from '../helpers/files';
import { binutilsStrings, stringsBinary } from '../helpers/stringsFiles';

const { dir, cleanup } = tempDir('hugeview-strings-');
after(cleanup);
const MiB = 2 ** 20;

async function found(m: NativeMappedFile, options: Parameters<NativeMappedFile['strings']>[0]): Promise<number[]> {
  const out: number[] = [];
  const take = (s: Float64Array) => {
    for (const v of s) out.push(v);
  };
  const result = await m.strings(options, (b) => take(b.strings)).promise;
  take(result.strings);
  assert.equal(result.count * 3, out.length, 'count equals the strings listed');
  return out;
}

/** Our results printed as `strings -t d` prints them: "%7d " and the characters. */
function print(bytes: Buffer, list: number[]): string {
  let text = '';
  for (let i = 0; i < list.length; i += 3) {
    const [offset, length, encoding] = [list[i], list[i + 1], list[i + 2]];
    let s = '';
    const step = encoding === STRING_ENCODING.utf16le ? 2 : 1;
    for (let k = 0; k < length; k += step) s += String.fromCharCode(bytes[offset + k]);
    text += `${String(offset).padStart(7)} ${s}\n`;
  }
  return text;
}

describe('strings', () => {
  const file = path.join(dir, 'binary.bin');
  const bytes = stringsBinary(3 * MiB + 5, 99, true);
  fs.writeFileSync(file, bytes);

  const cases: Array<[string, string[], Parameters<NativeMappedFile['strings']>[0]['encodings'], number]> = [
    ['strings -n 8 (7-bit, -e s)', ['-n', '8'], ['ascii'], 8],
    ['strings -n 4 -e S (8-bit)', ['-n', '4', '-e', 'S'], ['latin1'], 4],
    ['strings -n 8 -e l (UTF-16 LE)', ['-n', '8', '-e', 'l'], ['utf16le'], 8],
    ['strings -n 3 -e l (UTF-16 LE)', ['-n', '3', '-e', 'l'], ['utf16le'], 3],
  ];
  for (const [name, args, encodings, minLength] of cases) {
    it(`equals ${name} -t d output on a generated binary`, async () => {
      const m = loadAddon().open(file);
      try {
        const want = binutilsStrings(file, args);
        assert.ok(want.split('\n').length > 100, 'the binary has strings');
        assert.equal(print(bytes, await found(m, { minLength, encodings })), want);
      } finally {
        m.close();
      }
    });
  }

  it('ASCII and UTF-16 LE together: both lists, merged by offset', async () => {
    const m = loadAddon().open(file);
    try {
      const both = await found(m, { minLength: 6, encodings: ['ascii', 'utf16le'] });
      const ascii = await found(m, { minLength: 6, encodings: ['ascii'] });
      const utf16 = await found(m, { minLength: 6, encodings: ['utf16le'] });
      assert.equal(both.length, ascii.length + utf16.length);
      for (let i = 3; i < both.length; i += 3) assert.ok(both[i] >= both[i - 3], `sorted at ${both[i]}`);
      const key = (l: number[]) => {
        const keys: string[] = [];
        for (let i = 0; i < l.length; i += 3) keys.push(`${l[i]}:${l[i + 1]}:${l[i + 2]}`);
        return keys.sort();
      };
      assert.deepEqual(key(both), key([...ascii, ...utf16]));
    } finally {
      m.close();
    }
  });

  it('a range [from, to) lists the strings inside it, cut at its edges, as strings does on those bytes', async () => {
    const from = 1234567;
    const to = 2345678;
    const part = path.join(dir, 'part.bin');
    fs.writeFileSync(part, bytes.subarray(from, to));
    const m = loadAddon().open(file);
    try {
      const list = await found(m, { minLength: 5, encodings: ['utf16le'], from, to });
      const shifted = list.map((v, i) => (i % 3 === 0 ? v - from : v));
      assert.equal(print(bytes.subarray(from, to), shifted), binutilsStrings(part, ['-n', '5', '-e', 'l']));
    } finally {
      m.close();
    }
  });

  it('in a sparse file, strings that end at a hole or start after one equal strings -e s and -e l output', async () => {
    const sparse = path.join(dir, 'sparse.bin');
    sparseFile(sparse, 40 * MiB + 1, {
      0: 'leading text then the hole',
      [8 * MiB - 11]: Buffer.from('W\0i\0d\0e\0 \0s', 'latin1'), // the last unit's high byte is the hole's first zero
      [16 * MiB]: 'after the hole',
      [40 * MiB - 9]: 'last one!',
    });
    const m = loadAddon().open(sparse);
    try {
      const content = fs.readFileSync(sparse);
      assert.equal(print(content, await found(m, { minLength: 4, encodings: ['ascii'] })), binutilsStrings(sparse, ['-n', '4']));
      assert.equal(print(content, await found(m, { minLength: 4, encodings: ['utf16le'] })), binutilsStrings(sparse, ['-n', '4', '-e', 'l']));
    } finally {
      m.close();
    }
  });

  it('rejects bad options with a usage message', () => {
    const m = loadAddon().open(file);
    try {
      assert.throws(() => m.strings({ minLength: 0, encodings: ['ascii'] }, () => undefined), /Usage: mappedFile.strings/);
      assert.throws(() => m.strings({ minLength: 4, encodings: ['ascii', 'latin1'] }, () => undefined), /not both/);
      assert.throws(() => m.strings({ minLength: 4, encodings: [] }, () => undefined), /Usage/);
    } finally {
      m.close();
    }
  });
});
