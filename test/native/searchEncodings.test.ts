// Find searches the text as the view decodes it: UTF-16 LE/BE and Windows-1252 files, through the native
// kernel (the query encoded into the file's encoding) and the regex worker (chunks decoded in it).
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { openRegularFile } from '../../src/bytes/SharedDescriptor';
import { compileQuery, literalAsRegex, PatternError } from '../../src/search/compileQuery';
import { nativeRangeScanner, regexRangeScanner, type RangeScanner } from '../../src/search/scanners';
import type { SearchEncoding } from '../../src/search/textCoding';
import type { SearchQuery } from '../../shared/protocol/search';
import { tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-search-enc-');
after(cleanup);

type Backend = 'native' | 'fallback';

function scanner(file: string, query: SearchQuery, encoding: SearchEncoding, backend: Backend): RangeScanner {
  const compiled = compileQuery(query, encoding);
  const acquire = () => {
    const fd = openRegularFile(file);
    return { fd, path: file, release: () => fs.closeSync(fd) };
  };
  if (compiled.kind === 'regex') return regexRangeScanner(acquire, compiled);
  if (backend === 'fallback') return regexRangeScanner(acquire, literalAsRegex(compiled, query));
  return nativeRangeScanner(loadAddon().open(file), compiled);
}

async function find(file: string, query: SearchQuery, encoding: SearchEncoding, backend: Backend = 'native', from = 0): Promise<Array<[number, number]>> {
  const size = fs.statSync(file).size;
  const found: Array<[number, number]> = [];
  const collect = (m: ArrayLike<number>) => {
    for (let i = 0; i < m.length; i += 2) found.push([m[i], m[i + 1]]);
  };
  const result = await scanner(file, query, encoding, backend)(from, size, from, (b) => collect(b.matches)).promise;
  collect(result.matches);
  return found;
}

const text = (query: string, caseSensitive = true, wholeWord = false): SearchQuery => ({ query, mode: 'text', caseSensitive, wholeWord });
const regex = (query: string, caseSensitive = true): SearchQuery => ({ query, mode: 'regex', caseSensitive, wholeWord: false });

/** `s` in UTF-16 with a BOM, and the byte offset of each occurrence of `needle` in it. */
function utf16(s: string, bigEndian = false): Buffer {
  const le = Buffer.from('\ufeff' + s, 'utf16le');
  if (bigEndian) le.swap16();
  return le;
}
const at16 = (s: string, needle: string, from = 0) => 2 + 2 * s.indexOf(needle, from);

describe('Find in UTF-16', () => {
  const content = 'INFO start\nERROR disk full\ninfo ok\nerror again\nERROR: last\n';
  for (const bigEndian of [false, true]) {
    const name = bigEndian ? 'utf-16be' : 'utf-16le';
    const file = path.join(dir, `${name}.txt`);
    fs.writeFileSync(file, utf16(content, bigEndian));
    for (const backend of ['native', 'fallback'] as const) {
      it(`${name} (${backend}): "ERROR" finds both at their byte offsets; case-insensitive finds three; whole word too`, async () => {
        const both = [at16(content, 'ERROR'), at16(content, 'ERROR', 20)];
        assert.deepEqual(await find(file, text('ERROR'), name, backend), both.map((o) => [o, 10]));
        assert.deepEqual((await find(file, text('error', false), name, backend)).map(([o]) => o), [both[0], at16(content, 'error'), both[1]]);
        assert.deepEqual((await find(file, text('ERROR', true, true), name, backend)).map(([o]) => o), both);
      });
    }
    it(`${name}: a regex runs over the decoded text, offsets and lengths in bytes`, async () => {
      assert.deepEqual(await find(file, regex('^error \\w+'), name), [[at16(content, 'error again'), 22]]);
    });
  }

  it('a match must start on a code unit: a false one at an odd offset does not hide the real one it overlaps', async () => {
    const file = path.join(dir, 'units.txt');
    fs.writeFileSync(file, utf16('\u4141\u4141\u4141\u4141')); // FF FE then eight 0x41 bytes
    // from an odd cursor, the kernel sees 41 41 41 41 at offset 3 first; the real "䅁䅁" starts at 4
    assert.deepEqual(await find(file, text('\u4141\u4141'), 'utf-16le', 'native', 3), [[4, 4]]);
    assert.deepEqual(await find(file, text('\u4141\u4141'), 'utf-16le', 'native', 0), [[2, 4], [6, 4]]);
    const odd = path.join(dir, 'odd.txt');
    // U+4541 U+5200 U+5200 U+4F00 U+5200 U+3000: "ERROR" in UTF-16 LE appears at offset 3, across units
    fs.writeFileSync(odd, utf16('\u4541\u5200\u5200\u4f00\u5200\u3000 ERROR'));
    assert.deepEqual(await find(odd, text('ERROR'), 'utf-16le'), [[16, 10]]);
    assert.deepEqual(await find(odd, text('error', false), 'utf-16le'), [[16, 10]]);
  });

  it('case-insensitive folds ASCII per code unit, never a letter byte of another unit ("š" is not "Ł")', async () => {
    const file = path.join(dir, 'fold16.txt');
    const content = 'Łódź š Š ł';
    fs.writeFileSync(file, utf16(content));
    assert.deepEqual((await find(file, text('š', false), 'utf-16le')).map(([o]) => o), [at16(content, 'š'), at16(content, 'Š')]);
    assert.deepEqual((await find(file, text('ł', false), 'utf-16le')).map(([o]) => o), [at16(content, 'Ł'), at16(content, 'ł')]);
  });
});

describe('Find in Windows-1252', () => {
  const file = path.join(dir, 'cp1252.txt');
  // "café" with é = E9, "€" = 0x80, "CAFÉ" with É = C9
  fs.writeFileSync(file, Buffer.concat([Buffer.from('menu: caf'), Buffer.from([0xe9]), Buffer.from(' 3 '), Buffer.from([0x80]), Buffer.from(', CAF'), Buffer.from([0xc9]), Buffer.from('\n')]));
  for (const backend of ['native', 'fallback'] as const) {
    it(`"café" finds 1 (${backend}), 2 case-insensitively, "€" is the byte 0x80`, async () => {
      assert.deepEqual(await find(file, text('café'), 'windows-1252', backend), [[6, 4]]);
      assert.deepEqual((await find(file, text('café', false), 'windows-1252', backend)).map(([o]) => o), [6, 16]);
      assert.deepEqual(await find(file, text('€'), 'windows-1252', backend), [[13, 1]]);
    });
  }
  it('a regex sees é and € as the characters they are', async () => {
    assert.deepEqual(await find(file, regex('caf\\S \\d €'), 'windows-1252'), [[6, 8]]);
  });
  it('a character Windows-1252 cannot write is a clear EPATTERN', () => {
    assert.throws(() => compileQuery(text('日本'), 'windows-1252'), (e: PatternError) => e.code === 'EPATTERN' && /Windows-1252/.test(e.message));
  });
});
