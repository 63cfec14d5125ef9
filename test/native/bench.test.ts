// The benchmark engine on a real file through both backends (a short run).
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { makeOffsets, runBenchmark } from '../../src/bench/engine';
import { conclusion, formatReport } from '../../src/bench/report';
import { percentile } from '../../src/bench/stats';
import { validateBenchReport } from '../helpers/benchSchema';
import { patternBytes, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir();
after(cleanup);
const file = path.join(dir, 'bench.bin');
fs.writeFileSync(file, patternBytes(8 * 1024 * 1024, 3));

describe('benchmark engine', () => {
  it('measures every warm case through mmap, pread and the adaptive read, and fills the report', () => {
    const mapped = loadAddon().open(file);
    const report = runBenchmark(file, { mode: 'quick', mapped, caches: ['warm'] });
    mapped.close();
    assert.equal(report.schema, 'hugeview.bench/1');
    assert.equal(report.partial, false, JSON.stringify(report.error));
    assert.equal(report.cases.length, 12);
    for (const c of report.cases) {
      assert.ok(c.mmap && c.pread, `${c.pattern} ${c.blockBytes}`);
      assert.ok(c.mmap.p50Ns > 0 && c.mmap.p99Ns >= c.mmap.p50Ns && c.mmap.mbPerS > 0);
      assert.ok(c.speedup! > 0 && ['mmap', 'pread', 'tie'].includes(c.winner!));
      assert.ok(c.adaptive && c.adaptive.p50Ns > 0 && c.adaptiveVsBest! > 0, `adaptive ${c.pattern} ${c.blockBytes}`);
      assert.equal(c.adaptivePreadShare, 0, 'on a warm cache the adaptive read takes the mapping');
    }
    assert.deepEqual(report.inPlace?.map((r) => [r.pattern, r.recordBytes]), [['hot', 16], ['random', 16], ['sequential', 16]]);
    for (const r of report.inPlace!) assert.ok(r.inPlace && r.pread && r.speedup! > 0 && r.inPlace.p50Ns > 0, r.pattern);
    assert.deepEqual(validateBenchReport(report), []);
    assert.match(formatReport(report), /in place \(the seed's case\)[\s\S]*random 16 B[\s\S]*seed \(Go\)\s+1\.5 ns \(slice\)/);
    assert.match(conclusion(report), /JavaScript cannot read in place, because Electron's V8 memory cage forbids external ArrayBuffers/);
    assert.deepEqual(report.scans.map((s) => [s.backend, s.bytes, s.complete]), [['mmap', 8 * 1024 * 1024, true], ['pread', 8 * 1024 * 1024, true]]);
    assert.ok(report.guard && report.guard.guardedNs > 0 && report.guard.unguardedNs > 0);
    assert.equal(report.file.size, 8 * 1024 * 1024);
    assert.ok(report.machine.cores >= 1 && report.machine.fsType.length > 0);
    assert.match(formatReport(report), /warm\s+hot\s+16 B/);
    assert.match(conclusion(report), /mmap is [\d.]+× faster|pread is/);
  });

  it('says why when cold rows cannot be measured without the addon, and measures pread alone', () => {
    const report = runBenchmark(file, { mode: 'quick', mapped: undefined, mappedUnavailable: 'test: no addon', patterns: ['hot'], blocks: [4096] });
    const cold = report.cases.find((c) => c.cache === 'cold')!;
    assert.equal(cold.mmap, null);
    assert.equal(cold.pread, null);
    assert.match(cold.note!, /cold cache not measured: .*test: no addon/);
    const warm = report.cases.find((c) => c.cache === 'warm')!;
    assert.ok(warm.pread && !warm.mmap && !warm.adaptive);
    assert.equal(report.inPlace, undefined, 'no in-place rows without the addon');
    assert.match(warm.note!, /mmap not measured/);
  });

  it('on a cold cache the adaptive read takes pread for random 64 KiB blocks not yet resident, and the report says how often', () => {
    const cold = path.join(dir, 'cold.bin');
    const fd = fs.openSync(cold, 'w');
    fs.writeSync(fd, patternBytes(8 * 1024 * 1024, 5));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    const mapped = loadAddon().open(cold);
    const report = runBenchmark(cold, { mode: 'quick', mapped, caches: ['cold'], patterns: ['random'], blocks: [65536] });
    mapped.close();
    const [c] = report.cases;
    assert.equal(c.note, undefined, 'the cold row was measured (a disk file system, not tmpfs)');
    assert.ok(c.mmap && c.pread && c.adaptive && c.adaptiveVsBest! > 0);
    // At least the first reads after the drop find nothing resident; how many
    // more depends on how much of this small file readahead brings back.
    assert.ok(c.adaptivePreadShare! > 0, `adaptive took pread for ${c.adaptivePreadShare} of its cold random reads`);
    assert.deepEqual(validateBenchReport(report), []);
  });

  it('ends with a partial report, not an exception, when the run is cancelled', () => {
    let polls = 0;
    const report = runBenchmark(file, { mode: 'quick', mapped: undefined, isCancelled: () => ++polls > 50 });
    assert.equal(report.partial, true);
    assert.equal(report.error?.code, 'ECANCELED');
  });

  it('hot offsets stay in a 64 KiB window, random ones span the file, sequential ones follow each other', () => {
    const size = 1 << 30;
    const hot = makeOffsets('hot', 16, size);
    assert.ok(Math.max(...hot) < 64 * 1024);
    const random = makeOffsets('random', 4096, size);
    assert.ok(Math.max(...random) > size / 2 && Math.max(...random) <= size - 4096);
    const seq = makeOffsets('sequential', 4096, size);
    assert.deepEqual(Array.from(seq.subarray(0, 3)), [0, 4096, 8192]);
  });

  it('ends with ETRUNCATED and a partial report when the file shrinks mid-run', () => {
    const victim = path.join(dir, 'victim.bin');
    fs.writeFileSync(victim, patternBytes(2 * 1024 * 1024, 4));
    let progressCount = 0;
    const report = runBenchmark(victim, {
      mode: 'quick',
      mapped: undefined,
      caches: ['warm'],
      onProgress: () => {
        if (++progressCount === 4) fs.truncateSync(victim, 1024);
      },
    });
    assert.equal(report.partial, true);
    assert.equal(report.error?.code, 'ETRUNCATED');
    assert.ok(report.cases.length >= 2 && report.cases.length < 12);
    assert.deepEqual(validateBenchReport(report), []);
  });

  it('ends with ENOENT when the file is deleted mid-run', () => {
    const victim = path.join(dir, 'deleted.bin');
    fs.writeFileSync(victim, patternBytes(1024 * 1024, 4));
    let progressCount = 0;
    const report = runBenchmark(victim, { mode: 'quick', mapped: undefined, caches: ['warm'], onProgress: () => ++progressCount === 3 && fs.unlinkSync(victim) });
    assert.equal(report.error?.code, 'ENOENT');
    assert.equal(report.partial, true);
  });

  it('percentile uses nearest rank', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 50), 50);
    assert.equal(percentile(sorted, 99), 99);
  });

  it('npm run bench prints the table and writes JSON', () => {
    const json = path.join(dir, 'out.json');
    const out = execFileSync(process.execPath, [path.join(__dirname, '..', '..', '..', 'dist', 'bench.js'), file, '--quick', '--json', json], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    assert.match(out, /cache\s+pattern\s+block\s+mmap p50/);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.deepEqual(validateBenchReport(report), []);
    assert.equal(report.cases.length, 24);
  });
});
