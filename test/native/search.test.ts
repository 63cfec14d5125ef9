// Search on real files: counts against the generator and ripgrep, boundaries, >4 GiB, cancel.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { compileQuery, literalAsRegex, PatternError, type CompiledQuery } from '../../src/search/compileQuery';
import { nativeRangeScanner, regexRangeScanner, type RangeScanner } from '../../src/search/scanners';
import type { SearchEncoding } from '../../src/search/textCoding';
import { openRegularFile, type DescriptorLease } from '../../src/bytes/SharedDescriptor';
import type { SearchQuery } from '../../shared/protocol/search';
import { GiB, sparseFile, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir();
after(cleanup);

/** A log with a known number of each needle, some across 64 KiB and 1 MiB borders. */
function makeLog(file: string) {
  const expected = { literal: 0, ci: 0, regex: 0, hex: 0 };
  const parts: string[] = [];
  let size = 0;
  const push = (s: string) => {
    parts.push(s);
    size += s.length;
  };
  for (let n = 0; n < 60_000; n++) {
    // put a needle straddling every 64 KiB / 1 MiB border we pass
    const border = Math.ceil((size + 1) / 65536) * 65536;
    if (border - size < 60 && border - size > 8) {
      push('x'.repeat(border - size - 8));
      push('upstream timeout\n'); // starts 8 bytes before the border
      expected.literal++;
      expected.ci++;
      expected.hex++;
      continue;
    }
    if (n % 97 === 0) {
      push(`ERROR request ${n} failed: upstream timeout after 30 s\n`);
      expected.literal++;
      expected.ci++;
      expected.regex++;
      expected.hex++;
    } else if (n % 101 === 0) {
      push(`warn request ${n}: Upstream TIMEOUT\n`);
      expected.ci++;
      expected.hex++; // 'up?tr' does not match 'Upstr'; counted below by the hex rule
      expected.hex--;
    } else {
      push(`INFO request ${n} served in ${n % 250} ms\n`);
    }
  }
  fs.writeFileSync(file, parts.join(''), 'latin1');
  return expected;
}

async function run(scan: RangeScanner, from: number, to: number): Promise<number[]> {
  const offsets: number[] = [];
  const collect = (m: ArrayLike<number>) => {
    for (let i = 0; i < m.length; i += 2) offsets.push(m[i]);
  };
  const result = await scan(from, to, from, (b) => collect(b.matches)).promise;
  collect(result.matches);
  return offsets;
}

/** A descriptor per scan, as the document leases its own. */
export function opener(file: string): () => DescriptorLease {
  return () => {
    const fd = openRegularFile(file);
    return { fd, path: file, release: () => fs.closeSync(fd) };
  };
}

function scanner(file: string, query: SearchQuery, backend: 'native' | 'worker', encoding: SearchEncoding = 'utf-8'): RangeScanner {
  const compiled = compileQuery(query, encoding);
  if (compiled.kind === 'regex') return regexRangeScanner(opener(file), compiled);
  if (backend === 'worker') return regexRangeScanner(opener(file), literalAsRegex(compiled, query));
  return nativeRangeScanner(loadAddon().open(file), compiled);
}

const q = (query: string, mode: SearchQuery['mode'] = 'text', caseSensitive = true, wholeWord = false): SearchQuery => ({ query, mode, caseSensitive, wholeWord });

describe('search counts', () => {
  const file = path.join(dir, 'search.log');
  const expected = makeLog(file);
  const size = fs.statSync(file).size;
  const rg = (...args: string[]) => Number(execFileSync('rg', ['--count-matches', ...args, file]).toString().trim());

  for (const backend of ['native', 'worker'] as const) {
    it(`${backend}: literal, case-insensitive and hex-with-wildcard counts equal the generator's and ripgrep's`, async () => {
      assert.equal((await run(scanner(file, q('upstream timeout'), backend), 0, size)).length, expected.literal);
      assert.equal(expected.literal, rg('-F', 'upstream timeout'));
      assert.equal((await run(scanner(file, q('upstream timeout', 'text', false), backend), 0, size)).length, expected.ci);
      assert.equal(expected.ci, rg('-i', '-F', 'upstream timeout'));
      const hexCount = (await run(scanner(file, q('75 70 ?? 74 72', 'hex'), backend), 0, size)).length;
      assert.equal(hexCount, rg('(?s-u)up.tr'));
    });
  }

  it('regex counts equal the generator’s and ripgrep’s', async () => {
    assert.equal((await run(scanner(file, q('ERROR.*timeout', 'regex'), 'native'), 0, size)).length, expected.regex);
    assert.equal(expected.regex, rg('ERROR.*timeout'));
  });

  it('finds every needle placed across 64 KiB page and 1 MiB chunk borders', async () => {
    const offsets = await run(scanner(file, q('upstream timeout'), 'native'), 0, size);
    const crossing = offsets.filter((o) => Math.floor(o / 65536) !== Math.floor((o + 15) / 65536));
    assert.ok(crossing.length >= 10, `${crossing.length} matches cross a 64 KiB border`);
    assert.ok(offsets.some((o) => Math.floor(o / 2 ** 20) !== Math.floor((o + 15) / 2 ** 20)), 'a match crosses a 1 MiB chunk border');
  });

  it('whole word skips matches inside words', async () => {
    const words = path.join(dir, 'words.txt');
    fs.writeFileSync(words, 'cat concat cat_ cats cat. (cat) scat\n');
    const compiled = compileQuery(q('cat', 'text', true, true));
    assert.equal(compiled.kind, 'native');
    // the session filters whole words with the bytes either side; here the regex path does the same
    const regex = literalAsRegex(compiled as Extract<CompiledQuery, { kind: 'native' }>, q('cat', 'text', true, true));
    assert.deepEqual(await run(regexRangeScanner(opener(words), regex), 0, 37), [0, 21, 27]);
  });
});

describe('search semantics', () => {
  it('counts non-overlapping matches like rg -o: "aa" in "aaaa" is 2', async () => {
    const file = path.join(dir, 'aaaa.txt');
    fs.writeFileSync(file, 'aaaa\naaa\n');
    const offsets = await run(scanner(file, q('aa'), 'native'), 0, 9);
    assert.deepEqual(offsets, [0, 2, 5]);
    assert.equal(offsets.length, Number(execFileSync('rg', ['--count-matches', '-F', 'aa', file]).toString().trim()));
  });

  it('finds a match past 4 GiB in a sparse 6 GiB file at its exact offset', async () => {
    const file = path.join(dir, 'sparse.bin');
    const at = 4 * GiB + 12345;
    sparseFile(file, 6 * GiB, { [at]: 'NEEDLE-PAST-4GIB' });
    const offsets = await run(scanner(file, q('NEEDLE-PAST-4GIB'), 'native'), 4 * GiB - 2 ** 20, 4 * GiB + 2 ** 21);
    assert.deepEqual(offsets, [at]);
  });

  it('a cancelled search stops part-way and says it was cancelled', async () => {
    const file = path.join(dir, 'big-sparse.bin');
    // A byte every 512 KiB: holes too short to skip (native/holes.h), so the
    // search reads all 6 GiB (an empty sparse file is done in a millisecond).
    const bytes: Record<number, string> = {};
    for (let at = 0; at < 6 * GiB; at += 512 * 1024) bytes[at] = 'x';
    sparseFile(file, 6 * GiB, bytes);
    for (const backend of ['native', 'worker'] as const) {
      const job = scanner(file, q('never-there'), backend)(0, 6 * GiB, 0, () => undefined);
      await new Promise((r) => setTimeout(r, 100));
      job.cancel();
      const result = await job.promise;
      assert.equal(result.cancelled, true);
      assert.ok(result.scannedTo < 6 * GiB);
    }
  });

  it('bad patterns give a clear EPATTERN message', () => {
    for (const [query, mode, message] of [
      ['a(b', 'regex', /Invalid regular expression/],
      ['x*', 'regex', /matches the empty string/],
      ['DE AD GG', 'hex', /'GG' is not a hex byte/],
      ['?? ??', 'hex', /At least one byte/],
    ] as const) {
      assert.throws(() => compileQuery(q(query, mode)), (e: PatternError) => e.code === 'EPATTERN' && message.test(e.message), query);
    }
  });

  it('case-insensitive non-ASCII text searches its simple case variants', async () => {
    const file = path.join(dir, 'umlaut.txt');
    fs.writeFileSync(file, 'Größe GRÖSSE größe GRÖßE\n');
    const compiled = compileQuery(q('größe', 'text', false));
    assert.equal(compiled.kind, 'native');
    const offsets = await run(scanner(file, q('größe', 'text', false), 'native'), 0, fs.statSync(file).size);
    assert.equal(offsets.length, 3); // Größe, größe, GRÖßE (GRÖSSE is a full folding, not simple)
  });
});
