// The file map: entropy and byte classes per bucket, against a reference
// computed here from the bytes; zero, random, text and hole regions.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FILE_MAP_FIELDS, loadAddon, type NativeMappedFile } from '../../src/bytes/nativeAddon';
import { patternBytes, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-filemap-');
after(cleanup);
const MiB = 2 ** 20;
const BLOCK = 4096;
const F = FILE_MAP_FIELDS.length;

type Bucket = Record<(typeof FILE_MAP_FIELDS)[number], number>;

async function map(m: NativeMappedFile, options: Parameters<NativeMappedFile['fileMap']>[0]) {
  const buckets: Bucket[] = [];
  let batches = 0;
  const take = (first: number, flat: Float64Array) => {
    assert.equal(first, buckets.length, 'buckets arrive in order, none skipped');
    for (let i = 0; i < flat.length; i += F) buckets.push(Object.fromEntries(FILE_MAP_FIELDS.map((k, j) => [k, flat[i + j]])) as Bucket);
  };
  const result = await m.fileMap(options, (b) => {
    batches++;
    take(b.firstBucket, b.buckets);
  }).promise;
  take(result.firstBucket, result.buckets);
  assert.equal(buckets.length, result.bucketCount);
  return { buckets, batches };
}

/** The reference: entropy per 4 KiB block, classes per byte. */
function reference(bytes: Uint8Array, bucketSize: number): Bucket[] {
  const out: Bucket[] = [];
  for (let start = 0; start < bytes.length; start += bucketSize) {
    const end = Math.min(bytes.length, start + bucketSize);
    const entropies: number[] = [];
    let zero = 0, text = 0, high = 0;
    for (let b = start; b < end; b += BLOCK) {
      const counts = new Array(256).fill(0);
      const stop = Math.min(end, b + BLOCK);
      for (let i = b; i < stop; i++) counts[bytes[i]]++;
      let h = 0;
      for (const c of counts) if (c) h -= (c / (stop - b)) * Math.log2(c / (stop - b));
      entropies.push(h);
    }
    for (let i = start; i < end; i++) {
      const c = bytes[i];
      if (c === 0) zero++;
      if (c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0x7e)) text++;
      if (c >= 0x80) high++;
    }
    const n = end - start;
    out.push({
      entropyMin: Math.min(...entropies), entropyMax: Math.max(...entropies), entropyMean: entropies.reduce((a, b) => a + b, 0) / entropies.length,
      zero: zero / n, text: text / n, high: high / n, hole: 0,
    });
  }
  return out;
}

function close(actual: Bucket[], expected: Bucket[]) {
  assert.equal(actual.length, expected.length);
  actual.forEach((bucket, i) => {
    for (const k of FILE_MAP_FIELDS) assert.ok(Math.abs(bucket[k] - expected[i][k]) < 1e-9, `bucket ${i} ${k}: ${bucket[k]} vs ${expected[i][k]}`);
  });
}

describe('file map', () => {
  // 1 MiB each: written zeros, random bytes, log text, mixed; then a partial bucket.
  const text = Buffer.from('2026-11-30 00:00:01 INFO request served in 12 ms\r\n\tcontinued line\n'.repeat(20_000)).subarray(0, MiB);
  const mixed = Buffer.concat([patternBytes(MiB / 2, 3), Buffer.alloc(MiB / 2, 0x41)]);
  const bytes = Buffer.concat([Buffer.alloc(MiB), patternBytes(MiB, 9), text, mixed, patternBytes(5000, 4)]);
  const file = path.join(dir, 'regions.bin');
  fs.writeFileSync(file, bytes);

  it('equals a reference computed from the bytes, per bucket, with bucketSize and with bucketCount', async () => {
    const m = loadAddon().open(file);
    try {
      close((await map(m, { bucketSize: MiB })).buckets, reference(bytes, MiB));
      close((await map(m, { bucketSize: 64 * 1024 })).buckets, reference(bytes, 64 * 1024));
      const byCount = await map(m, { bucketCount: 7 });
      const size = Math.ceil(Math.ceil(bytes.length / 7) / BLOCK) * BLOCK;
      close(byCount.buckets, reference(bytes, size));
    } finally {
      m.close();
    }
  });

  it('marks a zero region, a random region and a text region for what they are', async () => {
    const m = loadAddon().open(file);
    try {
      const [zeros, random, log] = (await map(m, { bucketSize: MiB })).buckets;
      assert.deepEqual([zeros.zero, zeros.entropyMax, zeros.hole], [1, 0, 0]);
      assert.ok(random.entropyMin > 7.9, `random: ${random.entropyMin} bits per byte`);
      assert.ok(random.high > 0.45 && random.high < 0.55);
      assert.equal(log.text, 1);
      assert.ok(log.entropyMean > 3 && log.entropyMean < 5.5, `text: ${log.entropyMean} bits per byte`);
    } finally {
      m.close();
    }
  });

  it('reports sparse holes as holes without reading them, and the data around them as data', async () => {
    const sparse = path.join(dir, 'sparse.bin');
    fs.writeFileSync(sparse, patternBytes(MiB, 5));
    fs.truncateSync(sparse, 48 * MiB);
    const fd = fs.openSync(sparse, 'r+');
    fs.writeSync(fd, text, 0, text.length, 40 * MiB);
    fs.closeSync(fd);
    const m = loadAddon().open(sparse);
    try {
      assert.equal(m.residency(2 * MiB, 36 * MiB), 0, 'before: the hole is not in the page cache');
      const { buckets, batches } = await map(m, { bucketSize: MiB });
      assert.equal(m.residency(2 * MiB, 36 * MiB), 0, 'the hole was not read');
      assert.ok(batches >= 2, 'buckets arrive in batches while the map runs');
      assert.ok(buckets[0].entropyMin > 7.9 && buckets[0].hole === 0);
      for (let i = 1; i < 40; i++) assert.deepEqual([buckets[i].hole, buckets[i].entropyMean, buckets[i].zero], [1, 0, 0], `bucket ${i} is hole`);
      assert.deepEqual([buckets[40].text, buckets[40].hole], [1, 0]);
      assert.equal(buckets[41].hole, 1);
      // Reading the holes instead: zero bytes, entropy 0, no hole.
      const read = await map(m, { bucketSize: MiB, holes: 'read' });
      assert.deepEqual([read.buckets[5].hole, read.buckets[5].zero, read.buckets[5].entropyMax], [0, 1, 0]);
    } finally {
      m.close();
    }
  });

  it('cancel stops the map; bad bucket options give a usage message', async () => {
    const big = path.join(dir, 'cancel.bin');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 4 * 2 ** 30); // read as zeros (holes: 'read'): seconds of work
    const b = loadAddon().open(big);
    const m = loadAddon().open(file);
    try {
      const job = b.fileMap({ bucketSize: MiB, holes: 'read' }, () => job.cancel());
      const result = await job.promise;
      assert.equal(result.cancelled, true);
      assert.ok(result.scannedTo < b.size, `stopped at ${result.scannedTo}`);
      assert.throws(() => m.fileMap({ bucketSize: 1000 }, () => undefined), /Usage: mappedFile.fileMap/);
      assert.throws(() => m.fileMap({}, () => undefined), /Usage: mappedFile.fileMap/);
      assert.throws(() => m.fileMap({ bucketSize: BLOCK, bucketCount: 3 }, () => undefined), /Usage: mappedFile.fileMap/);
    } finally {
      m.close();
      b.close();
      fs.rmSync(big);
    }
  });
});
