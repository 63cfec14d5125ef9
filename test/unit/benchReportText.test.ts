import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatNs, formatRate, formatSpeedup } from '../../shared/benchFormat';
import type { BenchReport, CaseResult, OpStats } from '../../shared/benchReport';
import { caseRow, conclusion, formatReport, toCsv, toMarkdown } from '../../src/bench/report';

describe('benchmark report: one rule for every time', () => {
  it('writes ns below 1 µs, µs below 1 ms, ms below 1 s, then s, with three significant digits', () => {
    assert.equal(formatNs(158.9), '159 ns');
    assert.equal(formatNs(42), '42 ns');
    assert.equal(formatNs(0.5), '0.5 ns');
    assert.equal(formatNs(9416), '9.42 µs');
    assert.equal(formatNs(999.7), '1 µs');
    assert.equal(formatNs(53_819_800), '53.8 ms');
    assert.equal(formatNs(120_500), '121 µs');
    assert.equal(formatNs(2_345_000_000), '2.35 s');
  });

  it('puts thousands separators in rates, and writes speed-ups with three digits', () => {
    assert.equal(formatRate(12345.6), '12,346');
    assert.equal(formatRate(7.891), '7.89');
    assert.equal(formatSpeedup(50.27), '50.3×');
    assert.equal(formatSpeedup(0.0199), '0.0199×');
  });

  it('marks a p99 over too few reads with n', () => {
    const one: OpStats = { ops: 1, p50Ns: 53_819_800, p99Ns: 53_819_800, meanNs: 53_819_800, mbPerS: 19.5, batch: 1 };
    const row = caseRow({ pattern: 'random', blockBytes: 1 << 20, cache: 'cold', mmap: one, pread: { ...one, ops: 400 }, speedup: 0.02, winner: 'pread' });
    assert.deepEqual(row.slice(3, 9), ['53.8 ms', '53.8 ms (n=1)', '19.5', '53.8 ms', '53.8 ms', '19.5']);
  });
});

function stats(p50Ns: number): OpStats {
  return { ops: 500, p50Ns, p99Ns: p50Ns * 2, meanNs: p50Ns, mbPerS: 100, batch: 1 };
}

function result(cache: 'warm' | 'cold', pattern: CaseResult['pattern'], blockBytes: number, mmapNs: number, preadNs: number): CaseResult {
  const speedup = Math.round((preadNs / mmapNs) * 100) / 100;
  return { cache, pattern, blockBytes, mmap: stats(mmapNs), pread: stats(preadNs), speedup, winner: speedup > 1.05 ? 'mmap' : speedup < 0.95 ? 'pread' : 'tie' };
}

function report(cases: CaseResult[]): BenchReport {
  return {
    schema: 'hugeview.bench/1', file: { path: '/tmp/x', size: 1 << 26 }, mode: 'quick', startedAt: new Date(0).toISOString(), durationMs: 1,
    machine: { cpu: 'cpu', cores: 2, memoryBytes: 2 ** 33, os: 'linux', kernel: '6', node: '24', fsType: 'ext4' },
    residencyBefore: null, residencyAfter: null, cases, scans: [], guard: null, partial: false,
  };
}

describe('benchmark report: the conclusion', () => {
  it('names the cases where pread wins and why (cold random reads), not a median that hides them', () => {
    const text = conclusion(report([
      result('warm', 'hot', 4096, 100, 1200),
      result('warm', 'random', 1 << 20, 50_000, 52_000),
      result('cold', 'hot', 4096, 1000, 1300),
      result('cold', 'sequential', 65536, 20_000, 26_000),
      result('cold', 'random', 1 << 20, 50_000_000, 1_000_000),
    ]));
    assert.match(text, /^mmap is 12× faster for hot 4 KiB reads \(warm cache\)/);
    assert.match(text, /pread is faster in 1 case: cold random 1 MiB \(50×\): a mapping advised random faults its pages in one at a time, while pread asks the disk for the whole block in one request/);
    assert.match(text, /on a cold cache mmap wins 2 of 3 cases, pread 1/);
    assert.doesNotMatch(text, /median/);
  });

  it('says so when pread wins nothing', () => {
    const text = conclusion(report([result('warm', 'hot', 4096, 100, 1200), result('cold', 'hot', 4096, 1000, 1300)]));
    assert.match(text, /pread wins no case, warm or cold/);
  });
});

describe('benchmark report: the adaptive column and the in-place rows', () => {
  function withAdaptive(c: CaseResult, adaptiveNs: number): CaseResult {
    const best = Math.min(c.mmap!.p50Ns, c.pread!.p50Ns);
    return { ...c, adaptive: stats(adaptiveNs), adaptiveVsBest: Math.round((best / adaptiveNs) * 100) / 100, adaptivePreadShare: 0 };
  }

  it('a case row carries the adaptive p50, p99 and its ratio to the faster way, after the pread columns', () => {
    const row = caseRow(withAdaptive(result('cold', 'random', 65536, 1_000_000, 200_000), 204_000));
    assert.deepEqual(row.slice(9, 12), ['204 µs', '408 µs', '0.98×']);
    assert.deepEqual(row.slice(12), ['0.2×', 'pread']);
    assert.deepEqual(caseRow(result('warm', 'hot', 16, 50, 800)).slice(9, 12), ['—', '—', '—'], 'a report from before the column');
  });

  it('the conclusion says the adaptive read meets the rule in every case, or names the cases where it does not', () => {
    const good = conclusion(report([withAdaptive(result('warm', 'hot', 16, 50, 800), 51), withAdaptive(result('cold', 'random', 1 << 20, 50_000_000, 1_000_000), 1_010_000)]));
    assert.match(good, /the adaptive read \(the viewer's: the mapping when the pages are resident, else one pread\) is at least 0\.98× the faster of the two in all 2 cases/);
    const bad = conclusion(report([withAdaptive(result('warm', 'hot', 16, 50, 800), 60), withAdaptive(result('cold', 'random', 4096, 100_000, 60_000), 61_000)]));
    assert.match(bad, /the adaptive read falls below 0\.95× the faster of mmap and pread in 1 of 2 cases: warm hot 16 B \(0\.83×\)/);
  });

  it('the in-place rows stand beside the seed\'s Go figures, and the conclusion says why JavaScript cannot have them', () => {
    const r = report([withAdaptive(result('warm', 'random', 16, 300, 1200), 310)]);
    r.inPlace = [
      { pattern: 'random', recordBytes: 16, inPlace: stats(8.4), pread: stats(900), speedup: 107.1 },
      { pattern: 'sequential', recordBytes: 16, inPlace: stats(1.2), pread: stats(550), speedup: 458.3 },
    ];
    const text = formatReport(r);
    assert.match(text, /in place \(the seed's case\): 16 B records folded natively, nothing copied into JavaScript/);
    assert.match(text, /random 16 B\s+8\.4 ns\s+16\.8 ns\s+900 ns\s+1\.8 µs\s+107×/);
    assert.match(text, /seed \(Go\)\s+1\.5 ns \(slice\)\s+—\s+575 ns \(ReaderAt\)/);
    assert.match(conclusion(r), /read in place, a native fold costs 8\.4 ns per random 16 B record, 1\.2 ns sequential, vs 900 ns by pread \(107×; the seed's Go benchmark: 1\.5 ns slice vs 575 ns ReaderAt\); JavaScript cannot read in place, because Electron's V8 memory cage forbids external ArrayBuffers over the mapping: it gets a copy per read, 310 ns per random 16 B read through the adaptive read \(3\.87× pread\)/);
    assert.match(toMarkdown(r), /\| random 16 B \| 8\.4 ns \| 16\.8 ns \| 900 ns \| 1\.8 µs \| 107× \|/);
    const csv = toCsv(r).split('\n');
    assert.equal(csv[0].split(',').length, csv[1].split(',').length, 'every CSV row has the header\'s columns');
    assert.ok(csv.some((line) => line.startsWith('warm,in-place-random,16,8.4,')), csv.join('\n'));
  });
});
