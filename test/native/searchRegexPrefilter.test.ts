// Regex search with a literal prefilter (the kernel finds the required literals, the worker runs the regex on
// their lines): the same matches, byte for byte, as the full scan of every chunk, and the counts of
// `rg --count-matches` — at chunk edges, with anchors, lookbehind, case folding, alternations, UTF-16, lone CR.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { openRegularFile } from '../../src/bytes/SharedDescriptor';
import { compileQuery, type CompiledQuery } from '../../src/search/compileQuery';
import { prefilteredRegexScanner } from '../../src/search/prefilteredScanner';
import { RunningSearch, type SearchSummary } from '../../src/search/RunningSearch';
import { regexRangeScanner, type RangeScanner } from '../../src/search/scanners';
import type { SearchEncoding } from '../../src/search/textCoding';
import type { SearchQuery } from '../../shared/protocol/search';
import { tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-prefilter-');
after(cleanup);
const MiB = 1 << 20;

type Regex = Extract<CompiledQuery, { kind: 'regex' }>;

function compiled(query: string, encoding: SearchEncoding, caseSensitive: boolean): Regex {
  const q: SearchQuery = { query, mode: 'regex', caseSensitive, wholeWord: false };
  const c = compileQuery(q, encoding);
  assert.equal(c.kind, 'regex');
  return c as Regex;
}

function acquireFor(file: string) {
  return () => {
    const fd = openRegularFile(file);
    return { fd, path: file, release: () => fs.closeSync(fd) };
  };
}

async function collect(scan: RangeScanner, from: number, to: number, resumeAt = from): Promise<number[]> {
  const found: number[] = [];
  const result = await scan(from, to, resumeAt, (b) => found.push(...Array.from(b.matches))).promise;
  found.push(...Array.from(result.matches));
  assert.equal(result.cancelled, false);
  return found;
}

/** Both paths over [from, to); asserts the prefilter is in use and both agree; returns the match count. */
async function same(file: string, query: string, options: { encoding?: SearchEncoding; caseSensitive?: boolean; from?: number; to?: number } = {}): Promise<number> {
  const encoding = options.encoding ?? 'utf-8';
  const c = compiled(query, encoding, options.caseSensitive ?? true);
  assert.ok(c.prefilter, `/${query}/ should have a literal prefilter`);
  const mapped = loadAddon().open(file);
  try {
    const from = options.from ?? 0;
    const to = options.to ?? mapped.size;
    const full = await collect(regexRangeScanner(acquireFor(file), c), from, to);
    const fast = await collect(prefilteredRegexScanner(mapped, acquireFor(file), { ...c, prefilter: c.prefilter }), from, to);
    assert.deepEqual(fast, full, `/${query}/${c.flags} over [${from}, ${to})`);
    return fast.length / 2;
  } finally {
    mapped.close();
  }
}

const rg = (file: string, ...args: string[]) => {
  try {
    return Number(execFileSync('rg', ['--count-matches', ...args, file]).toString().trim());
  } catch (error) {
    if ((error as { status?: number }).status === 1) return 0;
    throw new Error(`ripgrep (rg) is needed for this test: apt-get install ripgrep — ${(error as Error).message}`);
  }
};

/** A 3.5 MiB log: rare ERROR lines, some lines across every 1 MiB border and the candidate right at it. */
function makeLog(file: string, newline = '\n'): void {
  const parts: string[] = [];
  let size = 0;
  for (let n = 0; size < 3.5 * MiB; n++) {
    const border = Math.ceil((size + 1) / MiB) * MiB;
    let line: string;
    if (border - size < 200 && border - size > 40) {
      // "ERROR" exactly at the border, its line starting before it; then a timeout after it
      line = `${'y'.repeat(border - size - 1)} ERROR upstream timeout and timeout`;
    } else if (n % 211 === 0) line = `2026-11-01 ERROR [worker-${n % 8}] user=${n} denied: upstream timeout, retry timeout`;
    else if (n % 307 === 0) line = `2026-11-01 WARN  [worker-${n % 8}] Timeout near ERROR-free line error TIMEOUT`;
    else line = `2026-11-01 INFO  [worker-${n % 8}] request ${n} served in ${n % 250} ms`;
    parts.push(line + newline);
    size += line.length + newline.length;
  }
  fs.writeFileSync(file, parts.join(''), 'latin1');
}

describe('regex with a literal prefilter', () => {
  const log = path.join(dir, 'log.txt');
  makeLog(log);

  const cases: Array<[string, string[], boolean?]> = [
    ['ERROR.*timeout', ['ERROR.*timeout']],
    ['timeout', ['timeout']],
    ['user=\\d+ .*denied', ['user=\\d+ .*denied']],
    ['^2026-11-01 ERROR', ['^2026-11-01 ERROR']],
    ['timeout$', ['timeout$']],
    ['(?<=\\] )user=\\d+', ['--pcre2', '(?<=\\] )user=\\d+']],
    ['(?<!y )ERROR \\w+', ['--pcre2', '(?<!y )ERROR \\w+']],
    ['(ERROR|WARN) +\\[worker-[0-3]\\]', ['(ERROR|WARN) +\\[worker-[0-3]\\]']],
    ['\\btimeout\\b', ['\\btimeout\\b']],
    ['nowhere=\\d+', ['nowhere=\\d+']],
  ];
  for (const [query, rgArgs] of cases) {
    it(`/${query}/ finds what the full scan finds, and rg's count`, async () => {
      assert.equal(await same(log, query), rg(log, ...rgArgs));
    });
  }

  it('case-insensitive: ASCII folded by the kernel, equal to rg -i', async () => {
    assert.equal(await same(log, 'error.*TIMEOUT', { caseSensitive: false }), rg(log, '-i', 'error.*TIMEOUT'));
    assert.equal(await same(log, 'timeout', { caseSensitive: false }), rg(log, '-i', 'timeout'));
  });

  it('finds several matches per line and matches whose literal sits exactly on a 1 MiB chunk border', async () => {
    const count = await same(log, 'timeout');
    const lines = Number(execFileSync('rg', ['-c', 'timeout', log]).toString().trim());
    assert.ok(count > lines, `${count} matches on ${lines} lines`);
    const bytes = fs.readFileSync(log);
    for (const border of [MiB, 2 * MiB, 3 * MiB]) assert.equal(bytes.toString('latin1', border, border + 5), 'ERROR');
  });

  it('a search from the middle of a line at a chunk border, and one that resumes after a match, agree with the full scan', async () => {
    for (const from of [MiB - 3, MiB + 1, 2 * MiB - 100]) await same(log, 'ERROR.*timeout', { from });
    await same(log, 'timeout', { from: 100, to: 2 * MiB + 17 });
  });

  it('CRLF and classic Mac (lone CR) line ends: the lines around a literal end at either break', async () => {
    for (const [name, newline] of [['crlf', '\r\n'], ['cr', '\r']] as const) {
      const file = path.join(dir, `${name}.txt`);
      makeLog(file, newline);
      await same(file, '^2026-11-01 ERROR');
      await same(file, 'timeout$');
      const n = await same(file, 'ERROR.*timeout');
      if (newline === '\r\n') assert.equal(n, rg(file, 'ERROR.*timeout'));
    }
  });

  it('UTF-16 LE and BE: the kernel looks for the literal in the view encoding, lines end at aligned line-feed units', async () => {
    const text = fs.readFileSync(log, 'latin1').slice(0, 600_000) + '\u4e2d ERROR \u0a0a timeout\n';
    for (const bigEndian of [false, true]) {
      const file = path.join(dir, `utf16${bigEndian ? 'be' : 'le'}.txt`);
      const bytes = Buffer.from('\ufeff' + text, 'utf16le');
      if (bigEndian) bytes.swap16();
      fs.writeFileSync(file, bytes);
      const encoding = bigEndian ? 'utf-16be' : 'utf-16le';
      const n = await same(file, 'ERROR.*timeout', { encoding });
      assert.equal(n, rg(log, 'ERROR.*timeout') > 0 ? (text.match(/ERROR.*timeout/g) ?? []).length : 0);
      await same(file, 'Error', { encoding, caseSensitive: false });
      await same(file, '^2026-11-01 WARN', { encoding });
    }
  });

  it('CJK and invalid UTF-8: byte offsets equal the full scan and counts equal rg', async () => {
    const file = path.join(dir, 'cjk.txt');
    const parts: Buffer[] = [];
    for (let n = 0; n < 20_000; n++) {
      parts.push(Buffer.from(n % 50 === 0 ? `错误 请求 ${n} 超时 超时\n` : `信息 请求 ${n} 完成\n`));
      if (n % 333 === 0) parts.push(Buffer.from([0xff, 0xe4, 0xb8, 0x0a]));
    }
    fs.writeFileSync(file, Buffer.concat(parts));
    assert.equal(await same(file, '错误.*超时'), rg(file, '错误.*超时'));
    assert.equal(await same(file, '超时', { caseSensitive: false }), rg(file, '-i', '超时'));
  });

  it('under iu the literal k also finds the Kelvin sign and s the long s', async () => {
    const file = path.join(dir, 'fold.txt');
    fs.writeFileSync(file, 'a \u212aelvin line\nthe Kelvin scale\nuſer=1 denied\nUSER=2 denied\nnothing\n');
    assert.equal(await same(file, 'kelvin', { caseSensitive: false }), 2);
    assert.equal(await same(file, 'user=\\d', { caseSensitive: false }), 2);
  });

  it('lines far longer than a first read and than a chunk: the same matches as the full scan', async () => {
    const file = path.join(dir, 'long-lines.txt');
    const parts = ['a'.repeat(700_000), ' ERROR x timeout ', 'b'.repeat(600_000), ' ERROR y timeout\n', 'c'.repeat(3000), ' ERROR z timeout ', 'd'.repeat(1_100_000), '\nERROR end timeout\n'];
    fs.writeFileSync(file, parts.join(''));
    assert.equal(await same(file, 'ERROR \\w timeout'), 3);
    await same(file, 'ERROR.*timeout');
    await same(file, '(?<=a )ERROR|^ERROR');
  });

  it('a literal found on most lines stops the kernel and scans chunks whole, with the same matches', async () => {
    await same(log, 'INFO .*served in \\d+');
  });

  it('wrap-around from every cursor: the same count as rg and the same matches as from the start', async () => {
    const file = path.join(dir, 'wrap.txt');
    const content = Buffer.from('abba abab abbba aba\nab ba abba\rabbbbba ab\n');
    fs.writeFileSync(file, content);
    const query: SearchQuery = { query: 'ab+a', mode: 'regex', caseSensitive: true, wholeWord: false };
    const c = compiled(query.query, 'utf-8', true);
    assert.ok(c.prefilter);
    const document = { size: content.length, read: (offset: number, length: number) => content.subarray(offset, offset + length), startedLines: undefined };
    const mapped = loadAddon().open(file);
    try {
      const run = async (cursor: number) => {
        let summary: SearchSummary | undefined;
        const scan = prefilteredRegexScanner(mapped, acquireFor(file), { ...c, prefilter: c.prefilter! });
        const running = new RunningSearch(1, query, scan, undefined, document, cursor, 1000, () => undefined, (s) => (summary = s));
        await running.run();
        return { count: summary!.count, offsets: running.matchesIn(0, content.length).offsets };
      };
      const expected = rg(file, 'ab+a');
      const fromStart = await run(0);
      assert.equal(fromStart.count, expected);
      for (let cursor = 1; cursor <= content.length; cursor += 3) assert.deepEqual(await run(cursor), fromStart, `cursor ${cursor}`);
    } finally {
      mapped.close();
    }
  });

  it('a cancelled search settles as cancelled, before and after its worker started', async () => {
    const c = compiled('ERROR.*timeout', 'utf-8', true);
    const mapped = loadAddon().open(log);
    try {
      const early = prefilteredRegexScanner(mapped, acquireFor(log), { ...c, prefilter: c.prefilter! })(0, mapped.size, 0, () => undefined);
      early.cancel();
      assert.equal((await early.promise).cancelled, true);
      let cancel = () => {};
      let batches = 0;
      const late = prefilteredRegexScanner(mapped, acquireFor(log), { ...c, prefilter: c.prefilter! })(0, mapped.size, 0, () => {
        batches++;
        cancel();
      });
      cancel = () => late.cancel();
      const result = await late.promise;
      assert.ok(batches >= 1);
      // Settled: cancelled, unless the worker had already finished the whole file when the batch arrived.
      assert.ok(result.cancelled || result.scannedTo === mapped.size, JSON.stringify({ cancelled: result.cancelled, scannedTo: result.scannedTo }));
    } finally {
      mapped.close();
    }
  });

  it('no required literal, or a pattern that can reach across a line break: no prefilter (the full scan)', () => {
    for (const query of ['[A-Z]{5}\\d+', 'ERROR\\s+timeout', 'ERROR[^x]*timeout', 'a|b', 'ERROR\\ntimeout']) {
      assert.equal(compiled(query, 'utf-8', true).prefilter, undefined, query);
    }
  });
});
