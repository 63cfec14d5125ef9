// Log levels per scrollbar bucket (native countLevels) against a JavaScript
// reference on generated logs: whole-word tokens only, CRLF, UTF-8 around,
// chunk boundaries, progress, cancel, truncation and close.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAddon, type LevelCounts } from '../../src/bytes/nativeAddon';
import { GiB, sparseFile, tempDir } from '../helpers/files';
import { countLevelsJs } from '../../src/levels/levelCountJs';

const { dir, cleanup } = tempDir('hugeview-levels-');
after(cleanup);
const addon = loadAddon();

const CLASSES: Record<string, number> = { ERROR: 0, FATAL: 0, CRITICAL: 0, WARN: 1, WARNING: 1, INFO: 2, DEBUG: 3, TRACE: 3 };
/** A level token as a whole word: no ASCII letter, digit or '_' on either side (bytes >= 0x80 are not word bytes). */
const TOKEN = /(?<![A-Za-z0-9_])(ERROR|FATAL|CRITICAL|WARNING|WARN|INFO|DEBUG|TRACE)(?![A-Za-z0-9_])/;

/** The reference: every line (split at LF) counted once, for its first token, in the bucket of its start. */
function reference(bytes: Buffer, buckets: number): { counts: number[]; lines: number; bucketBytes: number } {
  const bucketBytes = Math.max(1, Math.ceil(bytes.length / buckets));
  const counts = new Array<number>(buckets * 4).fill(0);
  const text = bytes.toString('latin1');
  let lines = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines++;
    const m = TOKEN.exec(text.slice(start, end));
    if (m) counts[Math.min(buckets - 1, Math.floor(start / bucketBytes)) * 4 + CLASSES[m[1]]]++;
    start = end + 1;
  }
  return { counts, lines, bucketBytes };
}

async function countLevels(file: string, buckets: number, onProgress: (p: LevelCounts) => void = () => undefined): Promise<LevelCounts & { cancelled: boolean }> {
  const mapped = addon.open(file);
  try {
    return await mapped.countLevels({ from: 0, to: mapped.size, buckets }, onProgress).promise;
  } finally {
    mapped.close();
  }
}

async function assertMatchesReference(file: string, buckets: number): Promise<void> {
  const want = reference(fs.readFileSync(file), buckets);
  const got = await countLevels(file, buckets);
  assert.equal(got.bucketBytes, want.bucketBytes);
  assert.equal(got.lines, want.lines, 'lines');
  assert.equal(got.scannedTo, fs.statSync(file).size);
  const totals = (c: ArrayLike<number>) => [0, 1, 2, 3].map((k) => Array.from(c).filter((_, i) => i % 4 === k).reduce((a, b) => a + b, 0));
  assert.deepEqual(totals(got.counts), totals(want.counts), 'totals per level');
  assert.deepEqual(Array.from(got.counts), want.counts, `counts per bucket (${buckets} buckets)`);
}

/** A mixed log: levels in brackets, after key=, at the start; words that must not count; UTF-8 text around. */
function generateLog(lines: number, eol: string, seed = 7): Buffer {
  const pieces = [
    (i: number) => `2026-11-30T01:02:03.${String(i % 1000).padStart(3, '0')}Z ERROR [worker-${i % 8}] request ${i} failed`,
    (i: number) => `2026-11-30 01:02:03,${i % 1000} WARN  com.example.Cache - miss for key ${i}`,
    (i: number) => `[INFO] started ${i} — ok ✓`,
    (i: number) => `level=DEBUG msg="tick ${i}" ünïcödé`,
    (i: number) => `TRACE entering method${i}`,
    (i: number) => `FATAL: out of memory after ${i} allocations`,
    (i: number) => `CRITICAL 日本語のテキスト ${i}`,
    (i: number) => `WARNING: deprecated call ${i}`,
    (i: number) => `no level here: ERRORS=${i} TERROR ERROR_CODE xWARN INFOx DEBUG2 error warn info`,
    (i: number) => `\tat com.example.Service.method${i}(Service.java:${i % 500})`,
    (i: number) => `${i} INFO and later ERROR: the first token wins`,
    (i: number) => `é${'ERROR'}é (UTF-8 letters are not word bytes) ${i}`,
    () => `[${'WARN'}]`,
    () => '',
  ];
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out.push(pieces[x % pieces.length](i) + eol);
  }
  return Buffer.from(out.join(''), 'utf8');
}

describe('log levels per bucket (native)', () => {
  it('counts whole-word, case-sensitive level tokens, once per line, for the first token', async () => {
    const file = path.join(dir, 'hand.log');
    const text = [
      'ERROR at the very start',
      'ERRORS TERROR ERROR_CODE ERROR2 xERROR error Error', // none
      '[WARN] bracketed',
      'level=INFO, key=value',
      'DEBUG then ERROR: counts as DEBUG',
      'WARNING long form',
      'FATAL',
      'CRITICAL',
      'TRACE',
      'é' + 'ERROR' + 'é',
      '  stack line without a level',
      'ends with WARN',
    ].join('\n');
    fs.writeFileSync(file, text);
    const got = await countLevels(file, 1);
    // error: ERROR, FATAL, CRITICAL, éERRORé; warn: [WARN], WARNING, last line; info: 1; debug: DEBUG, TRACE
    assert.deepEqual(Array.from(got.counts), [4, 3, 1, 2]);
    assert.equal(got.lines, 12);
    await assertMatchesReference(file, 1);
  });

  it('a level token cut by the end of the file (no newline) and one at offset 0 both count', async () => {
    const file = path.join(dir, 'edges.log');
    fs.writeFileSync(file, 'WARN');
    assert.deepEqual(Array.from((await countLevels(file, 1)).counts), [0, 1, 0, 0]);
    fs.writeFileSync(file, 'x\nERRO');
    assert.deepEqual(Array.from((await countLevels(file, 1)).counts), [0, 0, 0, 0]);
    fs.writeFileSync(file, '');
    const empty = await countLevels(file, 4);
    assert.deepEqual([empty.lines, Array.from(empty.counts)], [0, new Array(16).fill(0)]);
  });

  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n']]) {
    it(`matches the JavaScript reference on a generated ${name} log (UTF-8 text, words that must not count), over 1, 7 and 1000 buckets`, async () => {
      const file = path.join(dir, `mixed-${name}.log`);
      fs.writeFileSync(file, generateLog(120_000, eol));
      for (const buckets of [1, 7, 1000]) await assertMatchesReference(file, buckets);
    });
  }

  it('tokens across the 1 MiB chunk boundaries of the scan count as in one piece', async () => {
    const file = path.join(dir, 'boundaries.log');
    const bytes = generateLog(130_000, '\n', 11);
    const MiB = 1 << 20;
    // A token straddling 1 MiB, one starting at 2 MiB after a word byte (TERROR: no),
    // one starting at 3 MiB after a newline, and a CRLF split at 4 MiB.
    bytes.write('\nERROR straddles', MiB - 3, 'latin1');
    bytes.write('\nTERROR', 2 * MiB - 2, 'latin1');
    bytes.write('\nWARN at 3 MiB', 3 * MiB - 1, 'latin1');
    bytes.write('\nFATAL\r\n', 4 * MiB - 7, 'latin1');
    fs.writeFileSync(file, bytes);
    for (const buckets of [1, 5, 4096]) await assertMatchesReference(file, buckets);
  });

  it('reports progress about every 64 MiB with growing counts, and the last report ends where the result does', async () => {
    const file = path.join(dir, 'sparse-progress.log');
    const size = 320 * 2 ** 20;
    const markers: Record<number, string> = {};
    for (let k = 1; k < 320; k++) markers[k * 2 ** 20] = `\nERROR record ${k}\nWARN ${k}\n`;
    sparseFile(file, size, markers);
    const reports: Array<{ scannedTo: number; errors: number }> = [];
    const result = await countLevels(file, 10, (p) => reports.push({ scannedTo: p.scannedTo, errors: Array.from(p.counts).filter((_, i) => i % 4 === 0).reduce((a, b) => a + b, 0) }));
    assert.ok(reports.length >= 4, `reports: ${reports.length}`);
    for (let i = 1; i < reports.length; i++) {
      assert.ok(reports[i].scannedTo > reports[i - 1].scannedTo && reports[i].errors >= reports[i - 1].errors);
    }
    assert.equal(result.scannedTo, size);
    assert.deepEqual(Array.from(result.counts).filter((_, i) => i % 4 === 0), [31, 32, 32, 32, 32, 32, 32, 32, 32, 32]);
    fs.rmSync(file);
  });

  it('sparse holes are skipped, never read: counts as over the zeros, and the hole stays out of the page cache', async () => {
    const file = path.join(dir, 'holes.log');
    const MiB = 2 ** 20;
    const head = generateLog(10_000, '\n', 3);
    const tail = generateLog(10_000, '\r\n', 5);
    const size = 64 * MiB;
    sparseFile(file, size, { 0: head, [40 * MiB]: tail });
    const probe = addon.open(file);
    try {
      probe.dropCache();
      const result = await countLevels(file, 64);
      const hole = [2 * MiB, 38 * MiB] as const; // well inside the hole, past the 64 KiB the extents are widened by
      assert.equal(probe.residency(hole[0], hole[1] - hole[0]), 0, 'the hole was not read');
      const bytes = Buffer.alloc(size);
      head.copy(bytes, 0);
      tail.copy(bytes, 40 * MiB);
      const want = reference(bytes, 64);
      assert.equal(result.lines, want.lines, 'lines');
      assert.deepEqual(Array.from(result.counts), want.counts, 'counts per bucket');
    } finally {
      probe.close();
      fs.rmSync(file);
    }
  });

  it('a cancelled count stops part-way and says so', async () => {
    const file = path.join(dir, 'big-sparse.log');
    // Holes shorter than a MiB are read (not skipped), so the count has 6 GiB to go through.
    const markers: Record<number, string> = {};
    for (let at = 0; at < 6 * GiB; at += 512 * 1024) markers[at] = 'ERROR x\n';
    sparseFile(file, 6 * GiB, markers);
    const mapped = addon.open(file);
    try {
      const job = mapped.countLevels({ from: 0, to: mapped.size, buckets: 100 }, () => undefined);
      await new Promise((r) => setTimeout(r, 100));
      job.cancel();
      const result = await job.promise;
      assert.equal(result.cancelled, true);
      assert.ok(result.scannedTo < 6 * GiB);
    } finally {
      mapped.close();
      fs.rmSync(file);
    }
  });

  it('a file cut shorter under the mapping gives ETRUNCATED, not a crash or short counts', async () => {
    const file = path.join(dir, 'cut.log');
    fs.writeFileSync(file, generateLog(100_000, '\n'));
    const mapped = addon.open(file);
    try {
      fs.truncateSync(file, 4096);
      await assert.rejects(mapped.countLevels({ from: 0, to: mapped.size, buckets: 10 }, () => undefined).promise, (e: Error & { code?: string }) => e.code === 'ETRUNCATED');
    } finally {
      mapped.close();
    }
  });

  it('bad arguments throw a usage TypeError or RangeError; after close() ECLOSED', () => {
    const file = path.join(dir, 'args.log');
    fs.writeFileSync(file, 'ERROR x\n');
    const mapped = addon.open(file);
    const call = (options: unknown, progress: unknown = () => undefined) => () => (mapped.countLevels as (o: unknown, p: unknown) => unknown)(options, progress);
    assert.throws(call(undefined), TypeError);
    assert.throws(call({ from: 0, to: 8 }), /Usage: mappedFile\.countLevels/);
    assert.throws(call({ from: -1, to: 8, buckets: 1 }), TypeError);
    assert.throws(call({ from: 0, to: 8, buckets: 0 }), RangeError);
    assert.throws(call({ from: 9, to: 8, buckets: 1 }), RangeError);
    assert.throws(call({ from: 0, to: 8, buckets: 1 }, 'no'), TypeError);
    mapped.close();
    assert.throws(call({ from: 0, to: 8, buckets: 1 }), (e: Error & { code?: string }) => e.code === 'ECLOSED');
  });
});

describe('log levels per bucket: the JavaScript fallback (pread backend) gives the native counts', () => {
  async function both(file: string, buckets: number, chunkBytes: number): Promise<void> {
    const bytes = fs.readFileSync(file);
    const native = await countLevels(file, buckets);
    const js = await countLevelsJs((offset, length) => bytes.subarray(offset, offset + length), { size: bytes.length, buckets, chunkBytes });
    assert.equal(js.bucketBytes, native.bucketBytes);
    assert.equal(js.scannedTo, native.scannedTo);
    assert.deepEqual(Array.from(js.counts), Array.from(native.counts), `${path.basename(file)}, ${buckets} buckets, ${chunkBytes}-byte chunks`);
  }

  it('the hand-made cases, the edges and the generated LF and CRLF logs, with chunk borders everywhere', async () => {
    const hand = path.join(dir, 'fallback-hand.log');
    fs.writeFileSync(hand, ['ERROR at the very start', 'ERRORS TERROR ERROR_CODE ERROR2 xERROR error Error', '[WARN] bracketed', 'DEBUG then ERROR: counts as DEBUG', 'é' + 'ERROR' + 'é', 'ends with WARN'].join('\n'));
    for (const chunk of [16, 17, 19, 23, 64]) await both(hand, 3, chunk);
    for (const text of ['WARN', 'x\nERRO', '', '\n\n\nCRITICAL']) {
      fs.writeFileSync(hand, text);
      await both(hand, 2, 16);
    }
    for (const eol of ['\n', '\r\n']) {
      const file = path.join(dir, `fallback-${eol.length}.log`);
      fs.writeFileSync(file, generateLog(40_000, eol, 3));
      for (const [buckets, chunk] of [[1, 1 << 20], [7, 4093], [1000, 65_537], [4096, 777]]) await both(file, buckets, chunk);
    }
  });

  it('stops when cancelled between chunks and says so', async () => {
    let chunks = 0;
    const result = await countLevelsJs(() => new Uint8Array(64).fill(0x41), { size: 64 * 100, buckets: 4, chunkBytes: 64, isCancelled: () => ++chunks > 3 });
    assert.equal(result.cancelled, true);
    assert.equal(result.scannedTo, 3 * 64);
  });
});
