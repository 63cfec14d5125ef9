// The wrap-around search (cursor → end, then start → cursor) counts and lists what one non-overlapping
// scan from the start of the file finds, as rg counts, whatever the cursor.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { openRegularFile } from '../../src/bytes/SharedDescriptor';
import { compileQuery, literalAsRegex } from '../../src/search/compileQuery';
import { RunningSearch, type SearchSummary } from '../../src/search/RunningSearch';
import { nativeRangeScanner, regexRangeScanner, type RangeScanner } from '../../src/search/scanners';
import type { SearchQuery } from '../../shared/protocol/search';
import { tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-search-wrap-');
after(cleanup);

function rg(args: string[], file: string): number {
  const run = spawnSync('rg', ['--count-matches', '-a', ...args, file]);
  if (run.error) throw new Error(`ripgrep (rg) is needed for this test: apt-get install ripgrep (${run.error.message})`);
  return run.status === 1 ? 0 : Number(run.stdout.toString().trim());
}

type Backend = 'native' | 'worker';

function scannerFor(file: string, query: SearchQuery, backend: Backend): { scan: RangeScanner; wholeWord: string | undefined } {
  const compiled = compileQuery(query);
  const acquire = () => {
    const fd = openRegularFile(file);
    return { fd, path: file, release: () => fs.closeSync(fd) };
  };
  if (compiled.kind === 'regex') return { scan: regexRangeScanner(acquire, compiled), wholeWord: undefined };
  if (backend === 'worker') return { scan: regexRangeScanner(acquire, literalAsRegex(compiled, query.mode === 'text' ? query : undefined)), wholeWord: undefined };
  return { scan: nativeRangeScanner(loadAddon().open(file), compiled), wholeWord: compiled.wholeWord ? compiled.encoding : undefined };
}

/** A whole search from `cursor` as the session runs it; the summary and every stored match's offset. */
async function search(file: string, query: SearchQuery, backend: Backend, cursor: number): Promise<{ summary: SearchSummary; offsets: number[] }> {
  const bytes = fs.readFileSync(file);
  const document = { size: bytes.length, read: (offset: number, length: number) => bytes.subarray(offset, offset + length), startedLines: undefined };
  const { scan, wholeWord } = scannerFor(file, query, backend);
  let summary: SearchSummary | undefined;
  const running = new RunningSearch(1, query, scan, wholeWord, document, cursor, 1_000_000, () => undefined, (s) => (summary = s));
  await running.run();
  return { summary: summary!, offsets: running.matchesIn(0, bytes.length).offsets };
}

const q = (query: string, mode: SearchQuery['mode'] = 'text'): SearchQuery => ({ query, mode, caseSensitive: true, wholeWord: false });

describe('wrap-around counts do not depend on the cursor', () => {
  const cases: Array<{ name: string; content: Buffer; query: SearchQuery; rgArgs: string[] }> = [
    { name: '"00 00" in five zero bytes', content: Buffer.alloc(5), query: q('00 00', 'hex'), rgArgs: ['(?-u)\\x00\\x00'] },
    { name: '"aa" in "aaaa\\naaa\\n"', content: Buffer.from('aaaa\naaa\n'), query: q('aa'), rgArgs: ['-F', 'aa'] },
    { name: '"aba" in "ababab…" (the seam never falls into step: it rescans to the end)', content: Buffer.from('ab'.repeat(12)), query: q('aba'), rgArgs: ['-F', 'aba'] },
    { name: 'regex "a+b?a" in mixed runs', content: Buffer.from('aaba baab aaaa b aabaa ab aaab'), query: q('a+b?a', 'regex'), rgArgs: ['a+b?a'] },
  ];
  for (const { name, content, query, rgArgs } of cases) {
    for (const backend of ['native', 'worker'] as const) {
      if (query.mode === 'regex' && backend === 'native') continue;
      it(`${name} (${backend}): every cursor gives rg's count and the same matches`, async () => {
        const file = path.join(dir, `${name.replace(/\W+/g, '_')}.bin`);
        fs.writeFileSync(file, content);
        const expected = rg(rgArgs, file);
        const fromStart = await search(file, query, backend, 0);
        assert.equal(fromStart.summary.count, expected);
        for (let cursor = 0; cursor <= content.length; cursor++) {
          const { summary, offsets } = await search(file, query, backend, cursor);
          assert.equal(summary.count, expected, `count from cursor ${cursor}`);
          assert.deepEqual(offsets, fromStart.offsets, `matches from cursor ${cursor}`);
        }
      });
    }
  }

  it('a long overlapping run past the head of segment A: the seam rescans to the end and still counts as rg', async () => {
    const file = path.join(dir, 'long-ab.txt');
    fs.writeFileSync(file, 'ab'.repeat(30_000));
    const expected = rg(['-F', 'aba'], file);
    for (const cursor of [1, 2, 3, 30_001, 59_998]) {
      const { summary } = await search(file, q('aba'), 'native', cursor);
      assert.equal(summary.count, expected, `count from cursor ${cursor}`);
      // from the start of the file "aba" is at 0, 4, 8, … 59,996: the first after the cursor is the next
      // multiple of 4, or the first in the file past the last one
      const next = Math.ceil(cursor / 4) * 4;
      assert.equal(summary.first?.offset, next <= 59_996 ? next : 0, `first match after cursor ${cursor}`);
    }
  });
});
