#!/usr/bin/env node
// npm run bench:lines -- [file]: line indexing throughput against `wc -l` on the
// same warm file, same run, through the mapping and through 1 MiB preads.
// Prints a table and writes bench/results/line-index.json. Without a file it
// generates a 1 GiB log in os.tmpdir() once.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { benchLog } from '../scripts/samples.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const addon = createRequire(import.meta.url)(path.join(root, 'build', 'Release', 'hugeview.node'));
const file = benchLog(process.argv[2]);
const size = fs.statSync(file).size;
execFileSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] }); // warm the page cache

const time = async (f) => {
  const t0 = performance.now();
  const value = await f();
  return { seconds: (performance.now() - t0) / 1000, value };
};
const best = async (runs, f) => {
  let winner;
  for (let i = 0; i < runs; i++) {
    const r = await time(f);
    if (!winner || r.seconds < winner.seconds) winner = r;
  }
  return winner;
};

const mapped = addon.open(file);
const wc = await best(5, () => Number(execFileSync('wc', ['-l', file]).toString().trim().split(/\s+/)[0]));
const rows = [];
for (const via of ['mmap', 'pread']) {
  const r = await best(5, async () => (await mapped.indexLines({ from: 0, newlinesBefore: 0, to: size, everyLines: 65536, everyBytes: 16 << 20, via }, () => {}).promise).newlines);
  rows.push({ via, seconds: r.seconds, gbPerS: size / r.seconds / 1e9, lines: r.value, vsWc: wc.seconds / r.seconds });
}
mapped.close();
console.log(`line index — ${path.basename(file)} (${(size / 2 ** 30).toFixed(2)} GiB, warm), ${os.cpus()[0]?.model}, ${os.cpus().length} cores, best of 5`);
console.log('path'.padEnd(12) + 'seconds'.padStart(10) + 'GB/s'.padStart(8) + 'vs wc -l'.padStart(10) + 'lines'.padStart(14));
console.log('wc -l'.padEnd(12) + wc.seconds.toFixed(3).padStart(10) + (size / wc.seconds / 1e9).toFixed(2).padStart(8) + '1.00×'.padStart(10) + String(wc.value).padStart(14));
for (const r of rows) console.log(`index ${r.via}`.padEnd(12) + r.seconds.toFixed(3).padStart(10) + r.gbPerS.toFixed(2).padStart(8) + `${r.vsWc.toFixed(2)}×`.padStart(10) + String(r.lines).padStart(14) + (r.lines === wc.value ? '' : '  COUNT MISMATCH'));
const out = path.join(root, 'bench', 'results', 'line-index.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ file, size, date: new Date().toISOString(), wc: { seconds: wc.seconds, lines: wc.value }, rows }, null, 2) + '\n');
console.log(`JSON written to ${out}`);
