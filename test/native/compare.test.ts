// Compare two files byte for byte: ranges, counts and the tail against a
// reference computed here from the files; cancel, truncation and close.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAddon, type CompareResult, type NativeMappedFile } from '../../src/bytes/nativeAddon';
import { patternBytes, sparseFile, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-compare-');
after(cleanup);
const MiB = 2 ** 20;

/** Differing ranges [offset, length, ...] of a vs b over their common length, computed naively. */
function reference(a: Uint8Array, b: Uint8Array) {
  const n = Math.min(a.length, b.length);
  const ranges: number[] = [];
  let differing = 0;
  let open = -1;
  for (let i = 0; i <= n; i++) {
    const d = i < n && a[i] !== b[i];
    if (d) differing++;
    if (d && open < 0) open = i;
    if (!d && open >= 0) {
      ranges.push(open, i - open);
      open = -1;
    }
  }
  return { ranges, differing, first: ranges.length ? ranges[0] : -1 };
}

async function compare(left: NativeMappedFile, right: NativeMappedFile, options: Parameters<NativeMappedFile['compare']>[1] = {}) {
  const ranges: number[] = [];
  let batches = 0;
  const take = (r: Float64Array) => {
    for (const v of r) ranges.push(v);
  };
  const result: CompareResult & { cancelled: boolean } = await left.compare(right, options, (b) => {
    batches++;
    take(b.ranges);
  }).promise;
  take(result.ranges);
  return { result, ranges, batches };
}

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('compare', () => {
  // 6 MiB with differences: scattered single bytes, runs across 64-byte, 4 KiB
  // and 256 KiB chunk borders, a run to the end of the common part.
  const size = 6 * MiB + 777;
  const a = patternBytes(size, 7);
  const b = Buffer.from(a);
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let k = 0; k < 20_000; k++) b[Math.floor(rand() * size)] ^= 1 + Math.floor(rand() * 255);
  for (const border of [64 * 7, 4096 * 3, 256 * 1024, 256 * 1024 * 5, 4 * MiB]) {
    for (let i = border - 40; i < border + 70; i++) b[i] = a[i] ^ 0x5a;
  }
  for (let i = size - 300; i < size; i++) b[i] = a[i] ^ 0xff;
  const left = write('left.bin', a);
  const right = write('right.bin', b);
  const longer = write('longer.bin', Buffer.concat([b, Buffer.from('tail bytes that only one file has')]));

  it('lists every coalesced differing range, the differing bytes and the first difference, equal to a reference computed from the files', async () => {
    const want = reference(a, b);
    const addon = loadAddon();
    const l = addon.open(left);
    const r = addon.open(right);
    try {
      const { result, ranges } = await compare(l, r);
      assert.equal(result.differingBytes, want.differing);
      assert.equal(result.rangeCount, want.ranges.length / 2);
      assert.equal(result.firstDifference, want.first);
      assert.deepEqual(ranges, want.ranges);
      assert.equal(result.comparedTo, size);
      assert.deepEqual([result.leftSize, result.rightSize, result.common], [size, size, size]);
      assert.equal(result.cancelled, false);
    } finally {
      l.close();
      r.close();
    }
  });

  it('files of different sizes compare up to the shorter and report both sizes (the tail)', async () => {
    const addon = loadAddon();
    const l = addon.open(left);
    const r = addon.open(longer);
    try {
      const { result, ranges } = await compare(l, r);
      assert.deepEqual(ranges, reference(a, b).ranges);
      assert.equal(result.common, size);
      assert.equal(result.rightSize - result.leftSize, 33);
      const { result: swapped } = await compare(r, l);
      assert.deepEqual([swapped.leftSize, swapped.rightSize], [size + 33, size]);
    } finally {
      l.close();
      r.close();
    }
  });

  it('identical files have no differing byte; a range [from, to) compares only there; maxRanges lists that many and counts the rest', async () => {
    const addon = loadAddon();
    const l = addon.open(left);
    const same = addon.open(left);
    const r = addon.open(right);
    try {
      const equal = await compare(l, same);
      assert.deepEqual([equal.result.differingBytes, equal.result.rangeCount, equal.result.firstDifference, equal.ranges.length], [0, 0, -1, 0]);
      const from = 4096 * 3 - 10;
      const to = 256 * 1024 * 5;
      const part = await compare(l, r, { from, to });
      const want = reference(a.subarray(0, to), b.subarray(0, to)).ranges;
      const inside: number[] = [];
      for (let i = 0; i < want.length; i += 2) {
        const start = Math.max(from, want[i]);
        const end = Math.min(to, want[i] + want[i + 1]);
        if (end > start) inside.push(start, end - start);
      }
      assert.deepEqual(part.ranges, inside);
      const capped = await compare(l, r, { maxRanges: 10 });
      assert.equal(capped.ranges.length, 20);
      assert.equal(capped.result.rangeCount, reference(a, b).ranges.length / 2);
    } finally {
      l.close();
      same.close();
      r.close();
    }
  });

  it('regions where both files have a hole are equal without being read; a hole against data is compared', async () => {
    const x = path.join(dir, 'sparse-x.bin');
    const y = path.join(dir, 'sparse-y.bin');
    const total = 64 * MiB;
    sparseFile(x, total, { 0: 'same start', [10 * MiB]: 'only in x', [40 * MiB]: 'both here' });
    sparseFile(y, total, { 0: 'same start', [20 * MiB]: 'only in y', [40 * MiB]: 'both HERE' });
    const addon = loadAddon();
    const l = addon.open(x);
    const r = addon.open(y);
    try {
      assert.equal(l.residency(45 * MiB, 15 * MiB), 0, 'before: the common hole is not in the page cache');
      const { result, ranges } = await compare(l, r);
      assert.equal(l.residency(45 * MiB, 15 * MiB), 0, 'the common hole was not read');
      const want = reference(fs.readFileSync(x), fs.readFileSync(y)); // reads the holes: after the residency check
      assert.deepEqual(ranges, want.ranges);
      assert.equal(result.differingBytes, want.differing);
    } finally {
      l.close();
      r.close();
    }
  });

  it('cancel stops the compare and resolves with what it has', async () => {
    const big = path.join(dir, 'big.bin');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 4 * 2 ** 30); // read as zeros (holes: 'read'): seconds of work
    const addon = loadAddon();
    const l = addon.open(big);
    const r = addon.open(big);
    try {
      const job = l.compare(r, { holes: 'read' }, () => job.cancel());
      const result = await job.promise;
      assert.equal(result.cancelled, true);
      assert.ok(result.comparedTo < l.size, `stopped early (at ${result.comparedTo})`);
    } finally {
      l.close();
      r.close();
      fs.rmSync(big);
    }
  });

  it('a file truncated under the compare gives ETRUNCATED, not a crash; a closed file gives ECLOSED', async () => {
    const victim = write('victim.bin', a);
    const addon = loadAddon();
    const l = addon.open(left);
    const r = addon.open(victim);
    try {
      fs.truncateSync(victim, 1 * MiB); // the mapping still spans 6 MiB
      await assert.rejects(l.compare(r, {}, () => undefined).promise, (e: NodeJS.ErrnoException) => e.code === 'ETRUNCATED' && e.message.includes('victim.bin'));
      await assert.rejects(r.compare(l, {}, () => undefined).promise, (e: NodeJS.ErrnoException) => e.code === 'ETRUNCATED');
      r.close();
      assert.throws(() => l.compare(r, {}, () => undefined), (e: NodeJS.ErrnoException) => e.code === 'ECLOSED');
      assert.throws(() => l.compare({} as NativeMappedFile, {}, () => undefined), /Usage: mappedFile.compare/);
    } finally {
      l.close();
      if (!r.closed) r.close();
    }
  });
});
