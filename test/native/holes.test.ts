// Sparse holes (SEEK_HOLE) are skipped, not read: search and the line index
// give what reading the holes gives, and the holes' pages stay out of the page cache.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAddon, type HoleMode, type NativeMappedFile } from '../../src/bytes/nativeAddon';
import { GiB, sparseFile, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-holes-');
after(cleanup);
const MiB = 2 ** 20;

/** Bytes at the three data extents: markers, CR/LF and zero-adjacent patterns right at the hole edges. */
function extents(size: number): Record<number, Buffer> {
  const text = (s: string) => Buffer.from(s, 'latin1');
  return {
    0: text('\nstart MARKER one\r\nA\0MARK\r'), // ends with CR: the LF rule looks into the hole
    [Math.floor(size / 3) - 5]: text('\0MARKER two\r\nxx\n'),
    [Math.floor(size / 3) + 3 * MiB]: text('\nLF after a hole MARKER\r\n\r'),
    [size - 17]: text('tail MARKER\0\0\r\n'),
  };
}

async function search(file: NativeMappedFile, patterns: Uint8Array[], holes: HoleMode, masks: (Uint8Array | undefined)[] = []) {
  const offsets: number[] = [];
  const take = (m: Float64Array) => {
    for (const v of m) offsets.push(v);
  };
  const job = file.search({ patterns: patterns.map((bytes, i) => ({ bytes, mask: masks[i], caseInsensitive: false })), from: 0, to: file.size, resumeAt: 0, holes }, (b) => take(b.matches));
  const result = await job.promise;
  take(result.matches);
  return { count: result.count, offsets };
}

async function lines(file: NativeMappedFile, via: 'mmap' | 'pread', unit: 'byte' | 'utf16le', holes: HoleMode) {
  const checkpoints: number[] = [];
  const job = file.indexLines({ from: 0, newlinesBefore: 0, to: file.size, everyLines: 3, everyBytes: 4 * MiB, via, unit, holes }, (p) => {
    for (const v of p.checkpoints) checkpoints.push(v);
  });
  const result = await job.promise;
  for (const v of result.checkpoints) checkpoints.push(v);
  return { newlines: result.newlines, checkpoints, scannedTo: result.scannedTo };
}

/** Residency of the holes' insides (1 MiB kept clear of every data extent, for the kernel's read-around). */
function holeResidency(file: NativeMappedFile, size: number): number {
  const starts = Object.keys(extents(size)).map(Number);
  let worst = 0;
  for (let i = 0; i + 1 < starts.length; i++) {
    const from = starts[i] + 2 * MiB;
    const to = starts[i + 1] - 2 * MiB;
    if (to > from) worst = Math.max(worst, file.residency(from, to - from));
  }
  return worst;
}

describe('sparse holes', () => {
  const size = 96 * MiB;
  const file = path.join(dir, 'sparse-96m.bin');
  sparseFile(file, size, extents(size));

  it('search skipping holes finds what reading them finds, for markers, patterns with zeros at the hole edges and masks', async () => {
    const addon = loadAddon();
    const a = addon.open(file);
    const b = addon.open(file);
    try {
      const cases: Array<[Uint8Array[], (Uint8Array | undefined)[]]> = [
        [[Buffer.from('MARKER')], []],
        [[Buffer.from('\0\0\0\0MARK', 'latin1'), Buffer.from('MARKER\0\0', 'latin1')], []],
        [[Buffer.from('\r\0\0', 'latin1'), Buffer.from('\0\0\n', 'latin1')], []],
        [[Buffer.from('M?RK', 'latin1')], [Buffer.from([0xff, 0, 0xff, 0xff])]],
      ];
      for (const [patterns, masks] of cases) {
        const read = await search(a, patterns, 'read', masks);
        const skip = await search(b, patterns, 'skip', masks);
        assert.ok(read.count > 0, `the test file has matches for ${patterns.map((p) => JSON.stringify(Buffer.from(p).toString('latin1')))}`);
        assert.deepEqual(skip, read);
      }
    } finally {
      a.close();
      b.close();
    }
  });

  it('search for patterns that all-zero bytes match counts every match inside the holes, as reading them does', async () => {
    const small = path.join(dir, 'sparse-zero-patterns.bin');
    const smallSize = 9 * MiB + 3;
    sparseFile(small, smallSize, { 0: Buffer.from('ab\0\0'), [3 * MiB + 1]: Buffer.from('x\0y'), [7 * MiB]: Buffer.from('\0z\0\0\0') });
    const addon = loadAddon();
    const a = addon.open(small);
    const b = addon.open(small);
    try {
      const zeros = (n: number) => new Uint8Array(n);
      const cases: Array<[Uint8Array[], (Uint8Array | undefined)[]]> = [
        [[zeros(3)], []],
        [[Buffer.from('y\0'), zeros(2), zeros(5)], []], // the lowest index among the zero alternatives wins
        [[Buffer.from('\0?\0', 'latin1')], [Buffer.from([0xff, 0, 0xff])]],
      ];
      for (const [patterns, masks] of cases) {
        const read = await search(a, patterns, 'read', masks);
        const skip = await search(b, patterns, 'skip', masks);
        assert.ok(read.count > MiB, 'the holes hold most of the matches');
        assert.equal(skip.count, read.count);
        assert.ok(Buffer.from(new Float64Array(skip.offsets).buffer).equals(Buffer.from(new Float64Array(read.offsets).buffer)), 'the same offsets and alternatives');
      }
    } finally {
      a.close();
      b.close();
    }
  });

  for (const via of ['mmap', 'pread'] as const) {
    for (const unit of ['byte', 'utf16le'] as const) {
      it(`the line index (${via}, ${unit}) skipping holes gives the count and checkpoints that reading them gives`, async () => {
        const addon = loadAddon();
        const a = addon.open(file);
        const b = addon.open(file);
        try {
          const read = await lines(a, via, unit, 'read');
          const skip = await lines(b, via, unit, 'skip');
          assert.ok(read.checkpoints.length > 20, 'byte checkpoints fall inside the holes');
          assert.deepEqual(skip, read);
        } finally {
          a.close();
          b.close();
        }
      });
    }
  }

  it('search, line index, strings, file map and compare do not fault in the pages of a 2 GiB sparse file’s holes', async () => {
    const big = path.join(dir, 'sparse-2g.bin');
    const bigSize = 2 * GiB;
    sparseFile(big, bigSize, extents(bigSize));
    const addon = loadAddon();
    const m = addon.open(big);
    const other = addon.open(big);
    try {
      assert.equal(holeResidency(m, bigSize), 0, 'before: no hole page is in the page cache');
      const found = await search(m, [Buffer.from('MARKER')], 'skip');
      assert.equal(found.count, 4);
      assert.equal(holeResidency(m, bigSize), 0, 'after search');
      const indexed = await lines(m, 'mmap', 'byte', 'skip');
      assert.equal(indexed.scannedTo, bigSize);
      assert.equal(holeResidency(m, bigSize), 0, 'after the line index');
      const strings = await m.strings({ minLength: 4, encodings: ['ascii', 'utf16le'] }, () => undefined).promise;
      assert.equal(strings.scannedTo, bigSize);
      assert.equal(holeResidency(m, bigSize), 0, 'after strings');
      const map = await m.fileMap({ bucketCount: 512 }, () => undefined).promise;
      assert.equal(map.scannedTo, bigSize);
      assert.equal(holeResidency(m, bigSize), 0, 'after the file map');
      const compared = await m.compare(other, {}, () => undefined).promise;
      assert.equal(compared.differingBytes, 0);
      assert.equal(compared.comparedTo, bigSize);
      assert.equal(holeResidency(m, bigSize), 0, 'after compare');
      assert.ok(m.residency(0, 4096) > 0, 'the data extents were read');
    } finally {
      m.close();
      other.close();
      fs.rmSync(big);
    }
  });
});
