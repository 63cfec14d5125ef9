import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompareSummary } from '../../shared/protocol/compare';
import { summaryText } from '../../webview/compare/SummaryBar';

const base: CompareSummary = { comparedTo: 1000, common: 1000, leftSize: 1000, rightSize: 1000, differingBytes: 0, ranges: 0, listed: 0, firstDifference: -1, done: true, cancelled: false, backend: 'native' };

describe('compare summary line', () => {
  it('says identical only for equal sizes and no differing byte', () => {
    assert.equal(summaryText(base), 'The files are identical.');
  });

  it('names the longer side and its tail when the sizes differ (compared up to the shorter)', () => {
    assert.equal(
      summaryText({ ...base, rightSize: 1200 }),
      'Equal in the 1,000 bytes both files have. · Right is 200 bytes longer: its tail 0x000003E8–0x000004B0 has nothing to compare with',
    );
  });

  it('counts, ranges and the first difference; progress and "so far" while it runs', () => {
    assert.equal(summaryText({ ...base, differingBytes: 5, ranges: 2, firstDifference: 16 }), '5 bytes differ in 2 ranges · first at 0x00000010');
    assert.equal(
      summaryText({ ...base, done: false, comparedTo: 250, differingBytes: 1, ranges: 1, firstDifference: 0 }),
      'Comparing… 25% (250 bytes of 1,000 bytes) · 1 byte differs in 1 range so far · first at 0x00000000',
    );
    assert.match(summaryText({ ...base, done: false, cancelled: true, comparedTo: 500 }), /^Cancelled at 50%/);
    assert.match(summaryText({ ...base, done: false, error: 'ETRUNCATED: b.bin' }), /^The compare failed: ETRUNCATED/);
  });
});
