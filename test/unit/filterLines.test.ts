import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ContextStream, LineList, linePasses } from '../../src/filter/LineList';
import { highlightRanges } from '../../src/filter/compileFilters';
import { MarkSet } from '../../src/filter/MarkSet';
import { parseFilterArgs } from '../../src/filter/filterArgs';

/** grep -C's listing, the slow obvious way: every line within `before`/`after` of a passing one. */
function grepContext(passes: boolean[], before: number, after: number): Array<[number, boolean]> {
  const out: Array<[number, boolean]> = [];
  for (let i = 0; i < passes.length; i++) {
    if (passes[i]) out.push([i, false]);
    else {
      let near = false;
      for (let k = 1; k <= before && !near; k++) near = passes[i + k] === true;
      for (let k = 1; k <= after && !near; k++) near = passes[i - k] === true;
      if (near) out.push([i, true]);
    }
  }
  return out;
}

describe('filtered view: the compact list and context lines', () => {
  it('stores 200,000 lines at about 4 bytes each (plus a line number per 256), context lines flagged, offsets past 4 GiB exact', () => {
    const list = new LineList();
    for (let i = 0; i < 200_000; i++) list.add(5e9 + i * 100, i * 3, i % 7 === 0);
    assert.equal(list.length, 200_000);
    assert.equal(list.matched, 200_000 - Math.ceil(200_000 / 7));
    assert.equal(list.offsetAt(123_457), 5e9 + 12_345_700);
    assert.equal(list.isContext(7), true);
    assert.equal(list.isContext(8), false);
    assert.equal(list.offsetAt(0), 5e9); // a context line at offset 0 would be -1: still decodes
    assert.deepEqual(list.checkpoint(1000), { index: 768, line: 768 * 3 });
    assert.ok(list.memoryBytes <= 200_000 * 4 * 1.4, `${list.memoryBytes} bytes`);
    // gaps past 2 GiB inside a block start a new block; every offset still reads back exactly
    const sparse = new LineList();
    const offsets = [0, 10, 3e9, 3e9 + 5, 9e9, 2 ** 52, 2 ** 52 + 2 ** 31 - 1, 2 ** 52 + 2 ** 31];
    offsets.forEach((o, i) => sparse.add(o, i, i % 2 === 1));
    assert.deepEqual(offsets.map((_, i) => sparse.offsetAt(i)), offsets);
    assert.deepEqual(offsets.map((_, i) => sparse.isContext(i)), offsets.map((_, i) => i % 2 === 1));
    const zero = new LineList();
    zero.add(0, 0, true);
    assert.equal(zero.offsetAt(0), 0);
    assert.equal(zero.isContext(0), true);
  });

  it('context lines match grep -B/-A on random inputs, across any split into segments', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const passes = Array.from({ length: 1 + Math.floor(random() * 60) }, () => random() < 0.15);
      const before = Math.floor(random() * 4);
      const after = Math.floor(random() * 4);
      const got: Array<[number, boolean]> = [];
      const stream = new ContextStream(before, after, (offset, line, context) => {
        assert.equal(offset, line * 10);
        got.push([line, context]);
      });
      passes.forEach((p, i) => stream.line(i * 10, i, p));
      assert.deepEqual(got, grepContext(passes, before, after), `before ${before} after ${after}: ${passes.map(Number).join('')}`);
    }
  });

  it('all/any with include and exclude filters is grep -e … | grep -v … logic', () => {
    // filters: include A, exclude B
    assert.equal(linePasses([1, 0], [false, true], 'all'), true); // A, not B
    assert.equal(linePasses([1, 1], [false, true], 'all'), false);
    assert.equal(linePasses([0, 0], [false, true], 'all'), false);
    assert.equal(linePasses([0, 0], [false, true], 'any'), true); // not B
    assert.equal(linePasses([0, 1], [false, true], 'any'), false);
    assert.equal(linePasses([], [], 'all'), true);
  });

  it('highlights every include match in a row, overlapping ones merged', () => {
    assert.deepEqual(highlightRanges('ERROR x error', [/error/gi]), [0, 5, 8, 13]);
    assert.deepEqual(highlightRanges('abcdef', [/bcd/g, /cde/g]), [1, 5]);
  });

  it('marks toggle and stay in file order', () => {
    const marks = new MarkSet();
    for (const o of [50, 10, 30]) marks.toggle(o);
    assert.deepEqual([0, 1, 2].map((i) => marks.at(i)), [10, 30, 50]);
    assert.equal(marks.toggle(30), false);
    assert.equal(marks.has(30), false);
    assert.equal(marks.size, 2);
  });

  it('hugeview.filter arguments: defaults like Find, context as -C, before/after as -B/-A, junk refused', () => {
    assert.deepEqual(parseFilterArgs({ filters: [{ pattern: 'x' }], context: 2 }), {
      filters: [{ pattern: 'x', mode: 'text', caseSensitive: false, wholeWord: false, exclude: false }],
      combine: 'all',
      before: 2,
      after: 2,
    });
    assert.equal(parseFilterArgs({ filters: [{ pattern: 'x' }], combine: 'any', before: 1 })?.after, 0);
    assert.equal(parseFilterArgs({ filters: [{ pattern: '' }] }), undefined);
    assert.equal(parseFilterArgs({ filters: [{ pattern: 'x', mode: 'hex' }] }), undefined);
    assert.equal(parseFilterArgs('x'), undefined);
  });
});
