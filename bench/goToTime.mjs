#!/usr/bin/env node
// node bench/goToTime.mjs [--size-gib 10] [--queries 200] [--keep]: Go to Time without a line index —
// TimedLog's binary search by byte offset (src/time/TimedLog.ts) on a generated log of --size-gib GiB,
// through the mmap addon and through pread, warm (as the generator left the page cache) and cold (the
// file's pages dropped before each query). Every answer is checked against the offset the generator
// knows. Prints a table and writes bench/results/goToTime.json. The log (1 MiB blocks of 16,384
// 64-byte lines, one second per block) is written once to os.tmpdir() and deleted at the end unless --keep.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'size-gib': { type: 'string', default: '10' }, queries: { type: 'string', default: '200' }, cold: { type: 'string', default: '30' }, keep: { type: 'boolean', default: false } } });
const sizeGiB = Number(values['size-gib']);
const QUERIES = Number(values.queries);
const COLD = Number(values.cold);
const LINE = 64;
const BLOCK = 1 << 20;
const LINES_PER_BLOCK = BLOCK / LINE;
const BLOCKS = Math.round(sizeGiB * 1024);
const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);

// The engine, bundled from the sources (TypeScript) into a temporary module.
const bundle = path.join(os.tmpdir(), `hugeview-bench-goToTime-${process.pid}.cjs`);
await esbuild.build({
  stdin: { contents: "export { TimedLog } from './src/time/TimedLog'; export { MmapSource } from './src/bytes/MmapSource'; export { PreadSource } from './src/bytes/PreadSource';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error',
});
const { TimedLog, MmapSource, PreadSource } = createRequire(import.meta.url)(bundle);
fs.rmSync(bundle);
const addon = createRequire(import.meta.url)(path.join(root, 'build', 'Release', 'hugeview.node'));

/** One 64-byte line, the block's time in it. */
function line(time) {
  const text = `${new Date(time).toISOString()} INFO [worker-3] request served ok`;
  return text.padEnd(LINE - 1, ' ') + '\n';
}

const file = path.join(os.tmpdir(), `hugeview-bench-goToTime-${sizeGiB}g.log`);
if (!fs.existsSync(file) || fs.statSync(file).size !== BLOCKS * BLOCK) {
  console.log(`generating ${file} (${sizeGiB} GiB)…`);
  const t = performance.now();
  const fd = fs.openSync(file, 'w');
  for (let k = 0; k < BLOCKS; k++) fs.writeSync(fd, Buffer.from(line(T0 + k * 1000).repeat(LINES_PER_BLOCK), 'latin1'));
  fs.closeSync(fd);
  console.log(`  written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const size = fs.statSync(file).size;

// The queries: uniform over the file's span, with a fraction of a second (so most land between two times).
let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
const queries = Array.from({ length: QUERIES }, () => T0 + Math.floor(random() * (BLOCKS - 1) * 1000));
/** The first line at or after `time`: the first line of the first block whose time is not earlier. */
const expected = (time) => Math.ceil((time - T0) / 1000) * BLOCK;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const rows = [];
for (const backend of ['mmap', 'pread']) {
  const source = backend === 'mmap' ? new MmapSource(addon, file) : new PreadSource(file);
  const dropper = addon.open(file); // drops the page cache for the cold runs (posix_fadvise DONTNEED)
  const t = performance.now();
  const log = TimedLog.open(source);
  const openMs = performance.now() - t;
  for (const temperature of ['warm', 'cold']) {
    const times = [];
    let probes = 0;
    let bytesRead = 0;
    let wrong = 0;
    const list = temperature === 'warm' ? queries : queries.slice(0, COLD);
    if (temperature === 'warm') for (const q of list.slice(0, 5)) await log.goTo(q); // the first calls compile the parsers
    for (const q of list) {
      if (temperature === 'cold') dropper.dropCache();
      const start = performance.now();
      const result = await log.goTo(q);
      times.push(performance.now() - start);
      probes += result.probes;
      bytesRead += result.bytesRead;
      if (result.kind !== 'found' || result.offset !== expected(q) || result.nonMonotonic) wrong++;
    }
    times.sort((a, b) => a - b);
    rows.push({ backend, temperature, queries: list.length, openMs, p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1], probes: probes / list.length, kibRead: bytesRead / list.length / 1024, wrong });
  }
  dropper.close();
  source.close();
}

const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`Go to Time without a line index — ${path.basename(file)} (${(size / 2 ** 30).toFixed(2)} GiB, ${(BLOCKS * LINES_PER_BLOCK / 1e6).toFixed(0)} M lines), ${os.cpus()[0]?.model}, ${os.cpus().length} cores, load ${load}`);
console.log('backend  cache  queries  open ms   p50 ms   p99 ms   max ms  probes  KiB read  wrong');
for (const r of rows) {
  console.log(`${r.backend.padEnd(8)} ${r.temperature.padEnd(5)} ${String(r.queries).padStart(8)} ${r.openMs.toFixed(2).padStart(8)} ${r.p50.toFixed(2).padStart(8)} ${r.p99.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)} ${r.probes.toFixed(1).padStart(7)} ${r.kibRead.toFixed(0).padStart(9)} ${String(r.wrong).padStart(6)}`);
}
const out = path.join(root, 'bench', 'results', 'goToTime.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ file, size, lines: BLOCKS * LINES_PER_BLOCK, date: new Date().toISOString(), loadavg: os.loadavg(), targets: { p50Ms: 30, p99Ms: 60 }, rows }, null, 2) + '\n');
console.log(`JSON written to ${out}`);
if (!values.keep) fs.rmSync(file);
if (rows.some((r) => r.wrong > 0)) {
  console.error('some answers were wrong');
  process.exitCode = 1;
}
