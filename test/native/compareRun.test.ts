// The compare view's engine (src/compare/CompareRun.ts) on both backends: the
// native kernel over two mappings and the chunked JS compare over pread give
// the same ranges and counts as a reference computed here; ranges coalesce
// across the JS compare's 1 MiB chunks; cancel stops both; the ranges cost
// at most 16 bytes each.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ByteSource } from '../../src/bytes/ByteSource';
import { MmapSource } from '../../src/bytes/MmapSource';
import { PreadSource } from '../../src/bytes/PreadSource';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { CompareRun } from '../../src/compare/CompareRun';
import { DiffRanges } from '../../src/compare/DiffRanges';
import { patternBytes, sparseFile, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-compare-run-');
after(cleanup);
const MiB = 2 ** 20;

const open: Record<'native' | 'js', (file: string) => ByteSource> = {
  native: (file) => new MmapSource(loadAddon(), file),
  js: (file) => new PreadSource(file),
};

function reference(a: Uint8Array, b: Uint8Array) {
  const n = Math.min(a.length, b.length);
  const ranges: number[] = [];
  let differing = 0;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const d = i < n && a[i] !== b[i];
    if (d) differing++;
    if (d && start < 0) start = i;
    if (!d && start >= 0) {
      ranges.push(start, i - start);
      start = -1;
    }
  }
  return { ranges, differing, first: ranges.length ? ranges[0] : -1 };
}

async function run(backend: 'native' | 'js', a: string, b: string) {
  const left = open[backend](a);
  const right = open[backend](b);
  try {
    const compare = new CompareRun(left, right);
    const summary = await compare.finished;
    const ranges: number[] = [];
    for (let i = 0; i < compare.ranges.length; i++) ranges.push(compare.ranges.offsetAt(i), compare.ranges.lengthAt(i));
    return { summary, ranges };
  } finally {
    left.close();
    right.close();
  }
}

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('compare run (the compare view engine)', () => {
  const size = 3 * MiB + 123;
  const a = patternBytes(size, 11);
  const b = Buffer.concat([a, Buffer.from('tail')]);
  // Runs across the JS compare's 1 MiB chunk and 4 KiB block borders, scattered single bytes, one at the last common byte.
  for (let i = MiB - 3; i < MiB + 5; i++) b[i] ^= 0xff;
  for (let i = 2 * MiB - 1; i < 2 * MiB + 1; i++) b[i] ^= 0x01;
  for (let i = 4090; i < 4100; i++) b[i] ^= 0x10;
  for (let k = 1; k < 500; k++) b[(k * 6151) % size] ^= 0x80;
  b[size - 1] ^= 0x01;
  const fileA = write('a.bin', a);
  const fileB = write('b.bin', b);
  const want = reference(a, b);

  for (const backend of ['native', 'js'] as const) {
    it(`${backend}: ranges and counts equal the reference, the longer file's tail reported by size`, async () => {
      const { summary, ranges } = await run(backend, fileA, fileB);
      assert.equal(summary.backend, backend);
      assert.deepEqual(ranges, want.ranges);
      assert.equal(summary.differingBytes, want.differing);
      assert.equal(summary.ranges, want.ranges.length / 2);
      assert.equal(summary.listed, want.ranges.length / 2);
      assert.equal(summary.firstDifference, want.first);
      assert.deepEqual([summary.leftSize, summary.rightSize, summary.common, summary.comparedTo], [size, size + 4, size, size]);
      assert.equal(summary.done, true);
    });
  }

  it('js and native agree on a sparse file (holes read as zeros by pread, skipped by the kernel)', async () => {
    const big = 48 * MiB;
    const s1 = path.join(dir, 's1.img');
    const s2 = path.join(dir, 's2.img');
    sparseFile(s1, big, { 0: 'one', [20 * MiB]: patternBytes(9000, 1), [big - 3]: 'xyz' });
    sparseFile(s2, big, { 0: 'two', [20 * MiB]: patternBytes(9000, 2), [30 * MiB]: 'extra', [big - 3]: 'xyw' });
    const expected = reference(fs.readFileSync(s1), fs.readFileSync(s2));
    for (const backend of ['native', 'js'] as const) {
      const { summary, ranges } = await run(backend, s1, s2);
      assert.deepEqual(ranges, expected.ranges, backend);
      assert.equal(summary.differingBytes, expected.differing, backend);
    }
  });

  for (const backend of ['native', 'js'] as const) {
    it(`${backend}: a cancel before it starts ends the run cancelled, not done, with nothing compared`, async () => {
      const left = open[backend](fileA);
      const right = open[backend](fileB);
      const compare = new CompareRun(left, right);
      compare.cancel();
      const summary = await compare.finished;
      left.close();
      right.close();
      assert.deepEqual([summary.cancelled, summary.done, summary.comparedTo, summary.listed], [true, false, 0, 0]);
    });
  }

  it('js: a cancel between chunks stops at the chunk border, keeping the ranges found before it', async () => {
    const left = open.js(fileA);
    const right = open.js(fileB);
    const compare = new CompareRun(left, right);
    await new Promise((resolve) => setImmediate(resolve)); // the first 1 MiB chunk is compared, then it yields
    compare.cancel();
    const summary = await compare.finished;
    left.close();
    right.close();
    assert.deepEqual([summary.cancelled, summary.done, summary.comparedTo], [true, false, MiB]);
    const before = reference(a.subarray(0, MiB), b.subarray(0, MiB));
    // The run crossing the chunk border is still open at the cancel: it is not listed.
    assert.equal(summary.listed, before.ranges.length / 2 - 1);
    assert.equal(compare.ranges.offsetAt(0), before.ranges[0]);
  });

  it('a file that shrinks under the JS compare ends it with ETRUNCATED, not a crash', async () => {
    const c = write('c.bin', a);
    const d = write('d.bin', b);
    const left = open.js(c);
    const right = open.js(d);
    const compare = new CompareRun(left, right);
    fs.truncateSync(d, 1000);
    const summary = await compare.finished;
    left.close();
    right.close();
    assert.match(summary.error ?? '', /ETRUNCATED/);
    assert.equal(summary.done, false);
  });

  it('10 M ranges take at most 16 bytes each once the compare ends', () => {
    const ranges = new DiffRanges();
    const count = 10_000_000;
    const batch = new Float64Array(2 * 65536);
    for (let done = 0; done < count; done += 65536) {
      const n = Math.min(65536, count - done);
      for (let i = 0; i < n; i++) {
        batch[2 * i] = 2 * (done + i);
        batch[2 * i + 1] = 1;
      }
      ranges.addPairs(batch.subarray(0, 2 * n));
    }
    ranges.trim();
    assert.equal(ranges.length, count);
    assert.ok(ranges.memoryBytes <= 16 * count, `${ranges.memoryBytes} bytes for ${count} ranges`);
    assert.equal(ranges.offsetAt(count - 1), 2 * (count - 1));
    assert.equal(ranges.indexAtOrAfter(2 * 777 + 1), 778);
  });
});
