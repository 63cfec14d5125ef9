#!/usr/bin/env node
// node bench/compare.mjs [--size bytes] [--keep]: the native compare job
// (mappedFile.compare) against GNU cmp on the same warm files, same run:
//   identical files        vs `cmp a b`              (cmp reads both to the end)
//   1 M scattered diffs    vs `cmp -l a b | wc -l`   (lists every differing byte)
// Targets (issue 15): ≥ 1.0× cmp and ≥ 5× cmp -l. Prints a table, writes
// bench/results/compare.json. The sample files are removed unless --keep.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addon, bestAnchor, bestOurs, binarySample, GiB, row, warm, writeResults } from './binarySample.mjs';

const { values } = parseArgs({ options: { size: { type: 'string' }, keep: { type: 'boolean' }, runs: { type: 'string' } } });
const size = Number(values.size ?? GiB);
const runs = Number(values.runs ?? 3);
const left = binarySample(size);
const same = left.replace(/\.bin$/, '.same.bin');
const changed = left.replace(/\.bin$/, '.changed.bin');
const DIFFS = Math.round((1e6 * size) / GiB);

fs.copyFileSync(left, same);
// 1 M single bytes changed at pseudo-random offsets (some land together and coalesce).
{
  const data = fs.readFileSync(left);
  let x = 2463534242;
  for (let i = 0; i < DIFFS; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    const at = Math.floor((x / 2 ** 32) * size);
    data[at] ^= 0xa5;
  }
  fs.writeFileSync(changed, data);
}
warm(left, same, changed);

const ours = async (a, b) => {
  const l = addon().open(a);
  const r = addon().open(b);
  let listed = 0;
  const result = await l.compare(r, {}, (batch) => { listed += batch.ranges.length / 2; }).promise;
  listed += result.ranges.length / 2;
  l.close();
  r.close();
  return { differingBytes: result.differingBytes, ranges: result.rangeCount, listed };
};

const rows = [];
const measure = (name, anchorName, anchor, ours) => ({
  case: name, anchor: anchorName, anchorSeconds: anchor.seconds, seconds: ours.seconds, speedup: anchor.seconds / ours.seconds,
  anchorCpuSeconds: anchor.cpuSeconds, cpuSeconds: ours.cpuSeconds, cpuSpeedup: anchor.cpuSeconds / ours.cpuSeconds,
  differingBytes: ours.value.differingBytes, ranges: ours.value.ranges, anchorSays: anchor.value,
});
const cmpEqual = await bestAnchor(runs, `cmp ${left} ${same} && echo equal`, (s) => s.trim());
rows.push(measure('identical', 'cmp', cmpEqual, await bestOurs(runs, () => ours(left, same))));
const cmpList = await bestAnchor(runs, `cmp -l ${left} ${changed} | wc -l`, Number);
rows.push(measure(`${DIFFS} scattered diffs`, 'cmp -l | wc -l', cmpList, await bestOurs(runs, () => ours(left, changed))));

console.log(`compare — ${path.basename(left)} (${(size / GiB).toFixed(2)} GiB, warm), best of ${runs}`);
const w = [22, 16, 10, 10, 10, 10, 12, 12, 12, 12];
console.log(row(['case', 'anchor', 'anchor s', 'ours s', 'GB/s', 'vs anchor', 'anchor cpu', 'ours cpu', 'cpu ratio', 'diff bytes'], w));
for (const r of rows) {
  const ok = r.case === 'identical' ? r.differingBytes === 0 && r.anchorSays === 'equal' : r.differingBytes === r.anchorSays;
  console.log(row([r.case, r.anchor, r.anchorSeconds.toFixed(3), r.seconds.toFixed(3), (size / r.seconds / 1e9).toFixed(2), `${r.speedup.toFixed(2)}×`, r.anchorCpuSeconds.toFixed(3), r.cpuSeconds.toFixed(3), `${r.cpuSpeedup.toFixed(2)}×`, r.differingBytes], w) + (ok ? '' : `  MISMATCH (anchor: ${r.anchorSays})`));
}
writeResults('compare', { file: left, size, rows });
if (!values.keep) for (const f of [left, same, changed]) fs.rmSync(f, { force: true });
