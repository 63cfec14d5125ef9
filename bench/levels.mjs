#!/usr/bin/env node
// node bench/levels.mjs [file]: the native log level count per scrollbar bucket
// (countLevels, 1000 buckets) on a warm file, against `wc -l` and
// `rg -c -w -e ERROR -e WARN` on the same file in the same run. Prints a table
// and writes bench/results/levels.json. Without a file it generates a 1 GiB
// log in os.tmpdir() once (the same one bench/line-index.mjs uses).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { benchLog } from '../scripts/samples.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const addon = createRequire(import.meta.url)(path.join(root, 'build', 'Release', 'hugeview.node'));
const RUNS = 3;
const BUCKETS = 1000;
const file = benchLog(process.argv[2]);
const size = fs.statSync(file).size;
execFileSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] }); // warm the page cache

const best = async (f) => {
  let winner;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const value = await f();
    const seconds = (performance.now() - t0) / 1000;
    if (!winner || seconds < winner.seconds) winner = { seconds, value };
  }
  return winner;
};

const rows = [];
const mapped = addon.open(file);
const levels = await best(async () => (await mapped.countLevels({ from: 0, to: size, buckets: BUCKETS }, () => {}).promise));
mapped.close();
const totals = [0, 1, 2, 3].map((k) => levels.value.counts.reduce((sum, n, i) => (i % 4 === k ? sum + n : sum), 0));
rows.push({ tool: 'countLevels', seconds: levels.seconds, result: `ERROR ${totals[0]}, WARN ${totals[1]}, INFO ${totals[2]}, DEBUG ${totals[3]}; ${levels.value.lines} lines` });
const wc = await best(() => execFileSync('wc', ['-l', file]).toString().trim().split(/\s+/)[0]);
rows.push({ tool: 'wc -l', seconds: wc.seconds, result: `${wc.value} lines` });
if (!spawnSync('rg', ['--version']).error) {
  const rg = await best(() => spawnSync('rg', ['-c', '-w', '-e', 'ERROR', '-e', 'WARN', file], { encoding: 'utf8' }).stdout.trim());
  rows.push({ tool: 'rg -c -w -e ERROR -e WARN', seconds: rg.seconds, result: `${rg.value} lines` });
} else {
  console.log('(rg not found: apt-get install ripgrep for the comparison row)');
}
for (const r of rows) r.gbPerS = size / r.seconds / 1e9;

console.log(`log levels per bucket — ${path.basename(file)} (${(size / 2 ** 30).toFixed(2)} GiB, warm), ${BUCKETS} buckets, ${os.cpus()[0]?.model}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, best of ${RUNS}`);
console.log('tool'.padEnd(28) + 'seconds'.padStart(9) + 'GB/s'.padStart(8) + '  result');
for (const r of rows) console.log(r.tool.padEnd(28) + r.seconds.toFixed(3).padStart(9) + r.gbPerS.toFixed(2).padStart(8) + '  ' + r.result);
const out = path.join(root, 'bench', 'results', 'levels.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ file, size, buckets: BUCKETS, date: new Date().toISOString(), loadavg: os.loadavg(), rows }, null, 2) + '\n');
console.log(`JSON written to ${out}`);
