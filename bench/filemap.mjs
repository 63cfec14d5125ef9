#!/usr/bin/env node
// node bench/filemap.mjs [--size bytes] [--keep]: the native file map job
// (mappedFile.fileMap: entropy and byte classes per 4 KiB block) over a warm
// binary, and the time until the first buckets arrive. Target (issue 15):
// ≥ 2 GB/s. Prints a table, writes bench/results/filemap.json. The sample is
// removed unless --keep.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addon, bestOurs, binarySample, GiB, row, warm, writeResults } from './binarySample.mjs';

const { values } = parseArgs({ options: { size: { type: 'string' }, keep: { type: 'boolean' }, runs: { type: 'string' } } });
const size = Number(values.size ?? GiB);
const runs = Number(values.runs ?? 3);
const file = binarySample(size);
warm(file);

const rows = [];
for (const buckets of [1024, 65536]) {
  const r = await bestOurs(runs, async () => {
    const m = addon().open(file);
    const t0 = performance.now();
    let firstMs;
    const result = await m.fileMap({ bucketCount: buckets }, () => { firstMs ??= performance.now() - t0; }).promise;
    m.close();
    return { firstMs, bucketCount: result.bucketCount };
  });
  rows.push({ buckets: r.value.bucketCount, seconds: r.seconds, gbPerS: size / r.seconds / 1e9, cpuSeconds: r.cpuSeconds, cpuGbPerS: size / r.cpuSeconds / 1e9, firstBatchMs: r.value.firstMs });
}
console.log(`file map — ${path.basename(file)} (${(size / GiB).toFixed(2)} GiB, warm), best of ${runs}`);
const w = [10, 10, 8, 10, 12, 16];
console.log(row(['buckets', 'seconds', 'GB/s', 'cpu s', 'GB/cpu-s', 'first batch ms'], w));
for (const r of rows) console.log(row([r.buckets, r.seconds.toFixed(3), r.gbPerS.toFixed(2), r.cpuSeconds.toFixed(3), r.cpuGbPerS.toFixed(2), r.firstBatchMs?.toFixed(1) ?? '-'], w));
writeResults('filemap', { file, size, rows });
if (!values.keep) fs.rmSync(file, { force: true });
