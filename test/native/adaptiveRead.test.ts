// The adaptive read: read() copies out of the mapping when the pages are in
// the page cache and uses one pread when they are not; the bytes and the
// errors are the same either way. readCounts() says which way each read took.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAddon, type NativeMappedFile } from '../../src/bytes/nativeAddon';
import { patternBytes, tempDir } from '../helpers/files';

const addon = loadAddon();
const { dir, cleanup } = tempDir();
after(cleanup);

const SIZE = 4 * 1024 * 1024;

/** A file written and flushed to disk, so its pages can be dropped from the cache. */
function flushedFile(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, bytes);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return file;
}

/** Drops the file's pages; fails loudly where the OS keeps them (tmpfs), since the test would prove nothing. */
function dropped(mapped: NativeMappedFile): void {
  mapped.dropCache();
  const left = mapped.residency(0, mapped.size);
  assert.ok(left < 0.05, `${(left * 100).toFixed(0)}% of ${mapped.path} stayed in the page cache after dropCache(): run the tests on a disk file system, not tmpfs`);
}

function counts(mapped: NativeMappedFile): { mapping: number; pread: number } {
  return mapped.readCounts();
}

describe('adaptive read', () => {
  const bytes = patternBytes(SIZE, 13);
  const file = flushedFile('adaptive.bin', bytes);

  it('a read of pages not in the page cache takes one pread, and the next read there the mapping; the bytes are the same', () => {
    const mapped = addon.open(file);
    try {
      mapped.advise('random');
      dropped(mapped);
      const at = 1024 * 1024 + 100;
      const cold = new Uint8Array(65536);
      const before = counts(mapped);
      assert.equal(mapped.read(at, cold), 65536);
      assert.deepEqual(counts(mapped), { mapping: before.mapping, pread: before.pread + 1 }, 'the cold read went through pread');
      assert.deepEqual(Buffer.from(cold), bytes.subarray(at, at + 65536));
      assert.equal(mapped.residency(at, 65536), 1, 'pread left the pages in the page cache');
      const warm = new Uint8Array(65536);
      assert.equal(mapped.read(at, warm), 65536);
      assert.deepEqual(counts(mapped), { mapping: before.mapping + 1, pread: before.pread + 1 }, 'the warm read went through the mapping');
      assert.deepEqual(warm, cold);
    } finally {
      mapped.close();
    }
  });

  it('reads of every size at every offset give the bytes of the file, resident or not', () => {
    const mapped = addon.open(file);
    try {
      for (const resident of [false, true]) {
        if (!resident) dropped(mapped);
        for (const [at, length] of [[0, 1], [4095, 2], [8191, 16], [123_457, 4096], [SIZE - 70_000, 65536], [SIZE - 10, 16], [SIZE - (1 << 20), 1 << 20]]) {
          const target = new Uint8Array(length);
          const n = mapped.read(at, target);
          assert.equal(n, Math.min(length, SIZE - at), `${resident ? 'resident' : 'dropped'} ${at}+${length}`);
          assert.deepEqual(Buffer.from(target.subarray(0, n)), bytes.subarray(at, at + n), `${resident ? 'resident' : 'dropped'} ${at}+${length}`);
        }
      }
      const { mapping, pread } = counts(mapped);
      assert.ok(pread >= 1 && mapping >= 1, `both ways were taken: ${JSON.stringify(counts(mapped))}`);
      assert.equal(mapped.read(SIZE, new Uint8Array(8)), 0, 'a read at the end copies nothing');
    } finally {
      mapped.close();
    }
  });

  it('after dropCache() the next read of a page read before takes pread again (nothing stale is trusted)', () => {
    const mapped = addon.open(file);
    try {
      const target = new Uint8Array(4096);
      mapped.read(200_000, target);
      mapped.read(200_000, target);
      const before = counts(mapped).pread;
      dropped(mapped);
      mapped.read(200_000, target);
      assert.equal(counts(mapped).pread, before + 1);
      assert.deepEqual(Buffer.from(target), bytes.subarray(200_000, 204_096));
    } finally {
      mapped.close();
    }
  });

  it('a read within one page of a mapping advised random takes the mapping even when not resident (the fault reads just that page)', () => {
    const mapped = addon.open(file);
    try {
      mapped.advise('random');
      dropped(mapped);
      const target = new Uint8Array(16);
      assert.equal(mapped.read(2 * 1024 * 1024 + 32, target), 16);
      assert.deepEqual(counts(mapped), { mapping: 1, pread: 0 });
      assert.deepEqual(Buffer.from(target), bytes.subarray(2 * 1024 * 1024 + 32, 2 * 1024 * 1024 + 48));
      mapped.read(2 * 1024 * 1024 + 4090, target);
      assert.deepEqual(counts(mapped), { mapping: 1, pread: 1 }, 'a read across a page boundary of absent pages takes pread');
    } finally {
      mapped.close();
    }
  });

  it('readMapped() always copies out of the mapping, and is not counted as a read() choice', () => {
    const mapped = addon.open(file);
    try {
      dropped(mapped);
      const target = new Uint8Array(65536);
      assert.equal(mapped.readMapped(3 * 1024 * 1024, target), 65536);
      assert.deepEqual(Buffer.from(target), bytes.subarray(3 * 1024 * 1024, 3 * 1024 * 1024 + 65536));
      assert.deepEqual(counts(mapped), { mapping: 0, pread: 0 });
      assert.throws(() => (mapped.readMapped as (...a: unknown[]) => number)('0', target), /Usage: mappedFile\.readMapped\(offset: number, target: Uint8Array\)/);
    } finally {
      mapped.close();
    }
  });

  it('a file truncated under a non-resident range gives ETRUNCATED through pread, not a crash or short bytes', () => {
    const victim = flushedFile('shrinks.bin', patternBytes(SIZE, 14));
    const mapped = addon.open(victim);
    try {
      dropped(mapped);
      fs.truncateSync(victim, 100 * 1024);
      const before = counts(mapped).pread;
      for (const [at, length] of [[2 * 1024 * 1024, 65536], [90 * 1024, 65536]]) {
        assert.throws(() => mapped.read(at, new Uint8Array(length)), (e: Error & { code?: string }) => e.code === 'ETRUNCATED' && e.message.includes(victim), `${at}+${length}`);
      }
      assert.equal(counts(mapped).pread, before + 2, 'both reads took the pread branch');
      const head = new Uint8Array(1000);
      assert.equal(mapped.read(0, head), 1000, 'the bytes still there read fine');
      assert.deepEqual(Buffer.from(head), patternBytes(SIZE, 14).subarray(0, 1000));
    } finally {
      mapped.close();
    }
  });

  it('a resident range of a truncated file gives ETRUNCATED through the mapping (the fault guard)', () => {
    const victim = flushedFile('shrinks-warm.bin', patternBytes(SIZE, 15));
    const mapped = addon.open(victim);
    try {
      const target = new Uint8Array(65536);
      mapped.read(2 * 1024 * 1024, target);
      mapped.read(2 * 1024 * 1024, target);
      fs.truncateSync(victim, 100 * 1024);
      const before = counts(mapped);
      assert.throws(() => mapped.read(2 * 1024 * 1024, target), (e: Error & { code?: string }) => e.code === 'ETRUNCATED');
      assert.equal(counts(mapped).mapping + counts(mapped).pread, before.mapping + before.pread + 1);
    } finally {
      mapped.close();
    }
  });

  it('hot 16-byte reads of pages known resident, after a shrink mid-page, give ETRUNCATED past the new end and the real bytes before it, each counted once', () => {
    const data = patternBytes(256 * 1024, 16);
    const victim = flushedFile('shrinks-hot.bin', data);
    const mapped = addon.open(victim);
    try {
      const target = new Uint8Array(16);
      // Every page of the one 64-page group read, so the reads below take the
      // resident fast path (save every 64th, which takes the full choice).
      for (let offset = 0; offset < data.length; offset += 4096) mapped.read(offset, target);
      fs.truncateSync(victim, 100_000); // mid-page: the mapping keeps that page, zero-filled past 100,000
      for (let i = 0; i < 200; i++) {
        const before = counts(mapped);
        assert.throws(() => mapped.read(99_990, target), (e: Error & { code?: string }) => e.code === 'ETRUNCATED', `read ${i} across the new end`);
        assert.equal(mapped.read(99_984, target), 16, `read ${i} just before the new end`);
        assert.deepEqual(Buffer.from(target), data.subarray(99_984, 100_000));
        const after = counts(mapped);
        assert.equal(after.mapping + after.pread, before.mapping + before.pread + 2, 'one count per read');
      }
    } finally {
      mapped.close();
    }
  });
});

describe('in-place fold', () => {
  const bytes = patternBytes(SIZE, 16);
  const file = flushedFile('fold.bin', bytes);

  /** The fold in JavaScript: the sum of each record's two 64-bit words xor-ed, its halves xor-ed. */
  function expected(offsets: Float64Array, record: number): number {
    let sum = 0n;
    for (const at of offsets) {
      let acc = 0n;
      for (let i = 0; i < record; i += 8) {
        const word = Buffer.alloc(8);
        bytes.copy(word, 0, at + i, at + Math.min(record, i + 8));
        acc ^= word.readBigUInt64LE(0);
      }
      sum = (sum + acc) & 0xffff_ffff_ffff_ffffn;
    }
    return Number((sum ^ (sum >> 32n)) & 0xffff_ffffn);
  }

  it('folds 16-byte records in place and by pread to the same value JavaScript computes, random and sequential', () => {
    const mapped = addon.open(file);
    try {
      const random = Float64Array.from({ length: 5000 }, (_, i) => ((i * 2_654_435_761) % (SIZE / 16 - 1)) * 16);
      const sequential = Float64Array.from({ length: 5000 }, (_, i) => i * 16);
      for (const offsets of [random, sequential]) {
        const want = expected(offsets, 16);
        assert.equal(mapped.foldRecords(offsets, 16, 'mapping'), want);
        assert.equal(mapped.foldRecords(offsets, 16, 'pread'), want);
      }
      const odd = Float64Array.from([1, 4097, SIZE - 13]);
      assert.equal(mapped.foldRecords(odd, 13, 'mapping'), expected(odd, 13));
      assert.equal(mapped.foldRecords(odd, 13, 'pread'), expected(odd, 13));
      assert.deepEqual(counts(mapped), { mapping: 0, pread: 0 }, 'the fold is not a read()');
    } finally {
      mapped.close();
    }
  });

  it('a record past the end is EINVAL; bad arguments are TypeErrors with the usage', () => {
    const mapped = addon.open(file);
    try {
      for (const via of ['mapping', 'pread'] as const) {
        assert.throws(() => mapped.foldRecords(Float64Array.from([0, SIZE - 15]), 16, via), (e: Error & { code?: string }) => e.code === 'EINVAL');
        assert.throws(() => mapped.foldRecords(Float64Array.from([-16]), 16, via), (e: Error & { code?: string }) => e.code === 'EINVAL');
        assert.throws(() => mapped.foldRecords(Float64Array.from([0]), 0, via), (e: Error & { code?: string }) => e.code === 'EINVAL');
      }
      const fold = mapped.foldRecords.bind(mapped) as (...a: unknown[]) => number;
      for (const args of [[[0], 16, 'mapping'], [new Float64Array(1), 16, 'mmap'], [new Float64Array(1), -1, 'pread'], [new Float64Array(1), 16]]) {
        assert.throws(() => fold(...args), (e: Error) => e instanceof TypeError && /Usage: mappedFile\.foldRecords/.test(e.message));
      }
      assert.equal(mapped.foldRecords(new Float64Array(0), 16, 'mapping'), 0);
    } finally {
      mapped.close();
    }
  });

  it('a fold over a file truncated under it gives ETRUNCATED, in place and by pread, and the process lives', () => {
    const victim = flushedFile('fold-shrinks.bin', patternBytes(SIZE, 17));
    const mapped = addon.open(victim);
    try {
      fs.truncateSync(victim, 100 * 1024);
      const offsets = Float64Array.from([0, 3 * 1024 * 1024]);
      for (const via of ['mapping', 'pread'] as const) {
        assert.throws(() => mapped.foldRecords(offsets, 16, via), (e: Error & { code?: string }) => e.code === 'ETRUNCATED', via);
      }
      assert.throws(() => mapped.foldRecords(Float64Array.from([0]), 16, 'mapping'), (e: Error & { code?: string }) => e.code === 'ETRUNCATED', 'records still there, but the file shrank during the fold');
    } finally {
      mapped.close();
    }
  });
});
