// The native compare splits a long compare in two halves on two threads
// (native/compare.cc, CompareFiles): the ranges must come out as from one
// pass, joined at the border. Sparse 64 MiB files with differences placed
// around the border, compared reading the holes and skipping them.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { sparseFile, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-compare-split-');
after(cleanup);
const MiB = 2 ** 20;
const SIZE = 64 * MiB + 5 * 128 * 1024;
/** Where CompareFiles puts the border: half the span, rounded down to its 128 KiB chunk. */
const BORDER = Math.floor(SIZE / 2 / (128 * 1024)) * 128 * 1024;

function reference(a: Uint8Array, b: Uint8Array) {
  const ranges: number[] = [];
  let differing = 0;
  let start = -1;
  for (let i = 0; i <= a.length; i++) {
    const d = i < a.length && a[i] !== b[i];
    if (d) differing++;
    if (d && start < 0) start = i;
    if (!d && start >= 0) {
      ranges.push(start, i - start);
      start = -1;
    }
  }
  return { ranges, differing };
}

async function nativeCompare(a: string, b: string, holes: 'skip' | 'read') {
  const left = loadAddon().open(a);
  const right = loadAddon().open(b);
  const ranges: number[] = [];
  const result = await left.compare(right, { holes }, (batch) => ranges.push(...batch.ranges)).promise;
  ranges.push(...result.ranges);
  left.close();
  right.close();
  return { result, ranges };
}

const ff = (n: number) => Buffer.alloc(n, 0xff);

describe('native compare on two threads', () => {
  it('needs a second core to split (this machine has one)', () => {
    assert.ok(os.cpus().length >= 2, 'the split runs only with two cores: this test would not reach it');
  });

  const cases: Record<string, Record<number, Buffer | string>> = {
    'a run across the border': { 100: 'x', [BORDER - 3]: ff(7), [SIZE - 10]: 'end' },
    'a run ending at the border and one starting there, apart': { [BORDER - 5]: ff(5), [BORDER + 1]: ff(2) },
    'a run starting at the border': { [BORDER]: ff(3), [BORDER + 4096]: ff(1) },
    'a run from before the border to the end of the file': { [BORDER - 2]: ff(SIZE - BORDER + 2) },
  };
  for (const [name, markers] of Object.entries(cases)) {
    it(`${name}: the same ranges and counts as one pass, holes read or skipped`, async () => {
      const a = path.join(dir, 'a.img');
      const b = path.join(dir, 'b.img');
      sparseFile(a, SIZE, { [BORDER + 8192]: 'same', 7: 'same' });
      sparseFile(b, SIZE, { [BORDER + 8192]: 'same', 7: 'same', ...markers });
      const want = reference(fs.readFileSync(a), fs.readFileSync(b));
      for (const holes of ['read', 'skip'] as const) {
        const { result, ranges } = await nativeCompare(a, b, holes);
        assert.deepEqual(ranges, want.ranges, `${holes}: ranges`);
        assert.equal(result.differingBytes, want.differing, `${holes}: differing bytes`);
        assert.equal(result.rangeCount, want.ranges.length / 2, `${holes}: range count`);
        assert.equal(result.firstDifference, want.ranges[0], `${holes}: first difference`);
        assert.equal(result.comparedTo, SIZE, `${holes}: compared to the end`);
      }
      fs.rmSync(a);
      fs.rmSync(b);
    });
  }
});
