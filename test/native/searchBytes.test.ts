// Regex search over bytes that are not clean UTF-8, and across chunk and cursor borders: exact byte
// offsets, counts equal to ripgrep's, `^`/`\b`/lookbehind that see the text before a border.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { openRegularFile } from '../../src/bytes/SharedDescriptor';
import { compileQuery, literalAsRegex, type CompiledQuery } from '../../src/search/compileQuery';
import { nativeRangeScanner, regexRangeScanner, type RangeScanner } from '../../src/search/scanners';
import type { SearchQuery } from '../../shared/protocol/search';
import { patternBytes, sparseFile, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-search-bytes-');
after(cleanup);
const MiB = 1 << 20;

function rg(args: string[], file: string): number {
  const run = spawnSync('rg', ['--count-matches', ...args, file]);
  if (run.error) throw new Error(`ripgrep (rg) is needed for this test: apt-get install ripgrep (${run.error.message})`);
  if (run.status === 1) return 0; // no match
  assert.equal(run.status, 0, run.stderr.toString());
  return Number(run.stdout.toString().trim());
}

function regexScanner(file: string, query: SearchQuery): RangeScanner {
  const compiled = compileQuery(query) as Extract<CompiledQuery, { kind: 'regex' }>;
  return regexRangeScanner(() => {
    const fd = openRegularFile(file);
    return { fd, path: file, release: () => fs.closeSync(fd) };
  }, compiled);
}

async function offsetsOf(scan: RangeScanner, from: number, to: number, resumeAt = from): Promise<number[]> {
  const offsets: number[] = [];
  const collect = (m: ArrayLike<number>) => {
    for (let i = 0; i < m.length; i += 2) offsets.push(m[i]);
  };
  const result = await scan(from, to, resumeAt, (b) => collect(b.matches)).promise;
  collect(result.matches);
  return offsets;
}

const regex = (query: string, caseSensitive = true): SearchQuery => ({ query, mode: 'regex', caseSensitive, wholeWord: false });

describe('regex offsets are exact byte offsets whatever the bytes', () => {
  it('a binary file with 2,000 ASCII records between random bytes: every record at its offset, as many as rg -a counts', async () => {
    const file = path.join(dir, 'records.bin');
    const parts: Buffer[] = [];
    const expected: number[] = [];
    let size = 0;
    const noise = patternBytes(2000 * 1600, 99);
    for (let n = 0; n < 2000; n++) {
      // random bytes, NULs and invalid UTF-8 included, but never a digit run that could look like a record
      const gap = Buffer.from(noise.subarray(n * 1600, n * 1600 + ((n * 7919) % 1500)).map((b) => (b >= 0x30 && b <= 0x5a ? 0xff : b)));
      parts.push(gap);
      size += gap.length;
      const record = Buffer.from(`REC-${String(n).padStart(4, '0')}:OK`);
      expected.push(size);
      parts.push(record);
      size += record.length;
    }
    fs.writeFileSync(file, Buffer.concat(parts));
    assert.ok(size > 1.2 * MiB, 'the records cross a 1 MiB chunk border');
    const offsets = await offsetsOf(regexScanner(file, regex('REC-\\d{4}:OK')), 0, size);
    assert.equal(offsets.length, rg(['-a', 'REC-\\d{4}:OK'], file));
    assert.deepEqual(offsets, expected);
  });

  it('a CJK text file: offsets equal a whole-file decode, the count equals rg', async () => {
    const file = path.join(dir, 'cjk.txt');
    const words = ['東京', '大阪', '日本語', '検索', '文字列', '漢字', 'テスト'];
    const lines: string[] = [];
    for (let n = 0, bytes = 0; bytes < 2.5 * MiB; n++) {
      lines.push(`${words[n % 7]}${words[(n * 3) % 7]}の行 ${n} 番目: 東京${n % 13}、${words[(n * 5) % 7]}\n`);
      bytes += Buffer.byteLength(lines[n]);
    }
    const text = lines.join('');
    fs.writeFileSync(file, text);
    const size = fs.statSync(file).size;
    assert.ok(size > 2 * MiB, 'several 1 MiB chunks, each border inside a character');
    // the reference: the whole file decoded at once (it is valid UTF-8), char index → byte offset
    const expected: number[] = [];
    let bytes = 0;
    let chars = 0;
    for (const m of text.matchAll(/東京\d+/g)) {
      bytes += Buffer.byteLength(text.slice(chars, m.index));
      chars = m.index!;
      expected.push(bytes);
    }
    const offsets = await offsetsOf(regexScanner(file, regex('東京\\d+')), 0, size);
    assert.equal(offsets.length, rg(['東京\\d+'], file));
    assert.deepEqual(offsets, expected);
    // and from a cursor inside a character
    const cursor = expected[5000] + 1;
    const tail = await offsetsOf(regexScanner(file, regex('東京\\d+')), cursor, size);
    assert.deepEqual(tail, expected.filter((o) => o >= cursor));
  });

  it('invalid UTF-8: one 0xFF byte shifts nothing; each invalid byte is one character at its own offset', async () => {
    const file = path.join(dir, 'invalid.txt');
    const parts: Buffer[] = [];
    const expected: number[] = [];
    let size = 0;
    for (let n = 0; n < 40_000; n++) {
      const junk = Buffer.from(n % 3 === 0 ? [0xff] : n % 3 === 1 ? [0xe3, 0x81] : [0xc3]); // lone, truncated, lone lead
      const line = Buffer.from(` id=${n} done\n`);
      parts.push(junk, line);
      expected.push(size + junk.length + 1);
      size += junk.length + line.length;
    }
    fs.writeFileSync(file, Buffer.concat(parts));
    const offsets = await offsetsOf(regexScanner(file, regex('id=\\d+')), 0, size);
    assert.equal(offsets.length, rg(['id=\\d+'], file));
    assert.deepEqual(offsets, expected);
  });
});

describe('regex borders: ^, \\b and lookbehind see the text before a chunk or the cursor', () => {
  const file = path.join(dir, 'borders.txt');
  // "x" just before every 1 MiB chunk border and before the cursor, "foo" right after it; two real line-start foos.
  const size = 3 * MiB + 100;
  const data = Buffer.alloc(size, 'a');
  for (let at = 4096; at < size; at += 4096) data[at] = 0x0a;
  const cursor = MiB + 300_000;
  const borders = [MiB, 2 * MiB, 3 * MiB, cursor];
  for (const at of borders) data.write('xfoo ', at - 1);
  data.write('foo ', 8192 + 1); // after the newline at 8192
  data.write('foo ', 2 * MiB + 8192 + 1);
  fs.writeFileSync(file, data);

  it('^foo finds only the two at line starts, scanning from 0 and from a cursor just before an "xfoo"', async () => {
    const fromStart = await offsetsOf(regexScanner(file, regex('^foo')), 0, size);
    assert.deepEqual(fromStart, [8193, 2 * MiB + 8193]);
    assert.equal(fromStart.length, rg(['^foo'], file));
    const fromCursor = await offsetsOf(regexScanner(file, regex('^foo')), cursor, size);
    assert.deepEqual(fromCursor, [2 * MiB + 8193]);
  });

  it('(?<=x)foo finds every "xfoo", at chunk borders and at the cursor, as rg -P counts', async () => {
    const found = await offsetsOf(regexScanner(file, regex('(?<=x)foo')), 0, size);
    assert.deepEqual(found, [...borders].sort((a, b) => a - b));
    assert.equal(found.length, rg(['-P', '(?<=x)foo'], file));
    assert.deepEqual(await offsetsOf(regexScanner(file, regex('(?<=x)foo')), cursor, size), [cursor, 2 * MiB, 3 * MiB]);
  });

  it('regex whole word does not take a chunk border or the cursor for a word boundary', async () => {
    const whole: SearchQuery = { query: 'foo', mode: 'regex', caseSensitive: true, wholeWord: true };
    assert.deepEqual(await offsetsOf(regexScanner(file, whole), 0, size), [8193, 2 * MiB + 8193]);
    assert.deepEqual(await offsetsOf(regexScanner(file, whole), cursor, size), [2 * MiB + 8193]);
    assert.equal(2, rg(['-w', 'foo'], file));
  });
});

describe('case-insensitive literal search without the addon', () => {
  it('"é" does not match inside CJK characters whose bytes fold under Latin-1 (E3 A9 ..), as rg -i counts', async () => {
    const file = path.join(dir, 'fold.txt');
    // U+3A40.. are E3 A9 80..: 0xE3 is "ã" in Latin-1, which folds with 0xC3 "Ã", the lead byte of "é"
    const text = `${'㩀㩁㩂 '.repeat(1000)}café CAFÉ\n${'㩃'.repeat(50)}\n`;
    fs.writeFileSync(file, text);
    const size = fs.statSync(file).size;
    const query: SearchQuery = { query: 'é', mode: 'text', caseSensitive: false, wholeWord: false };
    const compiled = compileQuery(query) as Extract<CompiledQuery, { kind: 'native' }>;
    const fallback = regexRangeScanner(() => {
      const fd = openRegularFile(file);
      return { fd, path: file, release: () => fs.closeSync(fd) };
    }, literalAsRegex(compiled, query));
    const offsets = await offsetsOf(fallback, 0, size);
    assert.equal(offsets.length, 2);
    assert.equal(offsets.length, Number(execFileSync('rg', ['--count-matches', '-i', '-F', 'é', file]).toString().trim()));
    assert.deepEqual(offsets, [Buffer.byteLength(text.slice(0, text.indexOf('café') + 3)), Buffer.byteLength(text.slice(0, text.indexOf('CAFÉ') + 3))]);
    // the native kernel (variants é/É, ASCII folding only) agrees
    const native = nativeRangeScanner(loadAddon().open(file), compiled);
    assert.deepEqual(await offsetsOf(native, 0, size), offsets);
  });
});

describe('the regex worker reads the file it was given', () => {
  it('a file that shrinks during a regex search gives ETRUNCATED, not a result for fewer bytes', async () => {
    const file = path.join(dir, 'shrinking.log');
    sparseFile(file, 2 ** 30, { 0: 'ERROR first\n' });
    let truncated = false;
    const scan = regexScanner(file, regex('ERROR \\w+'));
    const run = scan(0, 2 ** 30, 0, () => {
      // the first batch goes out at once (it has the first match): shrink the file under the rest
      if (!truncated) fs.truncateSync(file, 2 * MiB);
      truncated = true;
    });
    await assert.rejects(run.promise, (error: Error & { code?: string }) => error.code === 'ETRUNCATED' && /shrank/.test(error.message));
    assert.ok(truncated);
  });
});
