#!/usr/bin/env node
// The search kernels (native/search.cc) against ripgrep on the same warm file,
// in the same run. Builds bench/search_kernel_bench.cc, which mmaps the file
// and scans it in 1 MiB chunks with overlap, best of N; times rg and wc -l the
// same way (best of N wall-clock runs). Prints a table, writes
// bench/results/search-kernel.json, exits 1 if a count disagrees with rg/wc.
//   node bench/search-kernel.mjs [file] [--runs 5] [--impl auto|avx2|sse2|scalar] [--size-mib 1024]
// Without a file it generates a ~1 GiB log in os.tmpdir() (kept for reuse).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' }, impl: { type: 'string', default: 'auto' }, 'size-mib': { type: 'string', default: '1024' } },
});
const runs = Number(values.runs);

// A log like the issue's: INFO lines with an ERROR ... upstream timeout every ~1000 lines.
function generateLog(file, size) {
  const tmp = `${file}.partial`;
  const fd = fs.openSync(tmp, 'w');
  let written = 0;
  let line = 0;
  let seed = 12345;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const two = (n) => (n < 10 ? `0${n}` : `${n}`);
  while (written < size) {
    const lines = [];
    for (let i = 0; i < 65536; i++, line++) {
      const ms = line * 7;
      const s = Math.floor(ms / 1000);
      const stamp = `2026-11-01T${two(Math.floor(s / 3600) % 24)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.${String(ms % 1000).padStart(3, '0')}Z`;
      if (rand(1000) === 0) {
        lines.push(`${stamp} ERROR [worker-${rand(8)}] request ${rand(100000)} failed: upstream timeout after ${rand(30000)} ms path=/api/items/${rand(1000)}`);
      } else {
        lines.push(`${stamp} INFO  [worker-${rand(8)}] request ${rand(100000)} served in ${rand(200)} ms path=/api/items/${rand(1000)}`);
      }
    }
    const chunk = Buffer.from(`${lines.join('\n')}\n`, 'latin1');
    fs.writeSync(fd, chunk);
    written += chunk.length;
  }
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}

let file = positionals[0];
if (!file) {
  const size = Number(values['size-mib']) * 2 ** 20;
  file = path.join(os.tmpdir(), `hugeview-search-bench-v1-${values['size-mib']}MiB.log`);
  if (!fs.existsSync(file)) {
    console.log(`generating ${file} …`);
    generateLog(file, size);
  }
}
const bytes = fs.statSync(file).size;

// Build the driver.
const exe = path.join(os.tmpdir(), `hugeview-search-kernel-bench-${process.pid}`);
try {
  const sources = ['search.cc', 'scan.cc', 'mapped_file.cc', 'mapped_file_posix.cc', 'fault_guard_posix.cc'].map((f) => path.join(root, 'native', f));
  execFileSync('g++', ['-O2', '-std=c++17', '-march=x86-64', ...sources, path.join(root, 'bench', 'search_kernel_bench.cc'), '-o', exe], { stdio: 'inherit' });
} catch (e) {
  console.error(e.code === 'ENOENT' ? 'g++ is missing: apt-get install g++' : 'the benchmark driver did not compile');
  process.exit(2);
}
const rgProbe = spawnSync('rg', ['--version'], { encoding: 'utf8' });
if (rgProbe.error) {
  console.error('ripgrep is missing: apt-get install ripgrep');
  process.exit(2);
}

// Warm the page cache (and leave it warm for everyone below).
{
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(8 << 20);
  while (fs.readSync(fd, buf, 0, buf.length, null) > 0);
  fs.closeSync(fd);
}

function bestOf(command, args) {
  let best = Infinity;
  let out = '';
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (res.status !== 0 && !(command === 'rg' && res.status === 1)) throw new Error(`${command} ${args.join(' ')}: ${res.stderr}`);
    best = Math.min(best, seconds);
    out = res.stdout.trim();
  }
  return { seconds: best, count: Number(out.split(/\s+/)[0] || 0) };
}

// ours: the driver's case; lines / occurrences: the command whose time is the
// target and the one whose count must equal ours (non-overlapping occurrences).
const cases = [
  { name: 'literal, rare "upstream timeout"', ours: 'lit:upstream timeout', lines: ['rg', '-c', '-F', 'upstream timeout'], occurrences: ['rg', '--count-matches', '-F', 'upstream timeout'] },
  { name: 'literal, common "served in"', ours: 'lit:served in', lines: ['rg', '-c', '-F', 'served in'], occurrences: ['rg', '--count-matches', '-F', 'served in'] },
  { name: 'case-insensitive "TIMEOUT"', ours: 'ci:TIMEOUT', lines: ['rg', '-c', '-i', '-F', 'TIMEOUT'], occurrences: ['rg', '--count-matches', '-i', '-F', 'TIMEOUT'] },
  { name: 'hex "75 70 ?? 74 72" (up?tr)', ours: 'hex:75 70 ?? 74 72', lines: ['rg', '-c', '(?s-u)up.tr'], occurrences: ['rg', '--count-matches', '(?s-u)up.tr'] },
  { name: 'newlines: CountByte', ours: 'count:10', lines: ['wc', '-l'], occurrences: null },
  { name: 'newlines: FindNth (last)', ours: 'nth:10', lines: ['wc', '-l'], occurrences: null },
];

const driver = spawnSync(exe, ['--impl', values.impl, '--runs', String(runs), file, ...cases.map((c) => c.ours)], { encoding: 'utf8' });
fs.rmSync(exe, { force: true });
if (driver.status !== 0) {
  console.error(`the benchmark driver failed:\n${driver.stderr}`);
  process.exit(2);
}
const ours = driver.stdout.trim().split('\n').map((l) => JSON.parse(l));

const gbps = (seconds) => bytes / 1e9 / seconds;
const rows = cases.map((c, i) => {
  const lines = bestOf(c.lines[0], [...c.lines.slice(1), ...(c.lines[0] === 'rg' ? ['--no-config'] : []), file]);
  const occurrences = c.occurrences ? bestOf(c.occurrences[0], [...c.occurrences.slice(1), '--no-config', file]) : null;
  const reference = occurrences ?? lines; // wc -l counts newlines, like CountByte
  const o = ours[i];
  return {
    case: c.name,
    impl: o.impl,
    count: o.count,
    referenceCount: reference.count,
    referenceCommand: (c.occurrences ?? c.lines).join(' '),
    countsAgree: o.count === reference.count,
    oursGBps: gbps(o.keptMapSeconds),
    oursFreshMapGBps: gbps(o.freshMapSeconds),
    linesCommand: c.lines.join(' '),
    linesGBps: gbps(lines.seconds),
    linesCount: lines.count,
    occurrencesGBps: occurrences ? gbps(occurrences.seconds) : null,
    ratio: lines.seconds / o.keptMapSeconds,
    ratioFreshMap: lines.seconds / o.freshMapSeconds,
  };
});
const rare = rows[0];
const hex = rows[3];
const targets = [
  { target: 'literal ≥ 1.0× rg -c -F', value: rows[0].ratio, ok: rows[0].ratio >= 1 },
  { target: 'case-insensitive ≥ 1.0× rg -c -i -F', value: rows[2].ratio, ok: rows[2].ratio >= 1 },
  { target: 'hex with ?? ≥ 0.5× literal', value: hex.oursGBps / rare.oursGBps, ok: hex.oursGBps / rare.oursGBps >= 0.5 },
];

const pad = (s, n) => String(s).padEnd(n);
const num = (x, d = 2) => (x == null ? '—' : x.toFixed(d)).padStart(6);
console.log(`\n${file}: ${(bytes / 2 ** 30).toFixed(2)} GiB, warm page cache, best of ${runs}; kernels: ${ours[0].impl}; ${rgProbe.stdout.split('\n')[0]}`);
console.log('ours = 1 MiB chunks over a kept mapping (fresh = a new mapping each run, page faults included); rg -c counts LINES,');
console.log('rg --count-matches counts non-overlapping occurrences like ours: counts are checked against it (against wc -l for newlines)\n');
console.log(`${pad('case', 34)} ${pad('ours GB/s', 9)} ${pad('fresh', 6)} ${pad('rg -c / wc GB/s', 15)} ${pad('ratio', 6)} ${pad('rg occ GB/s', 11)}  ${pad('count', 10)} agrees`);
for (const r of rows) {
  console.log(`${pad(r.case, 34)} ${num(r.oursGBps).padEnd(9)} ${num(r.oursFreshMapGBps)} ${num(r.linesGBps).padEnd(15)} ${num(r.ratio)} ${num(r.occurrencesGBps).padEnd(11)}  ${pad(r.count, 10)} ${r.countsAgree ? 'yes' : `NO (${r.referenceCommand}: ${r.referenceCount})`}`);
}
console.log('');
for (const t of targets) console.log(`${t.ok ? 'meets' : 'BELOW'}  ${t.target}: ${t.value.toFixed(2)}×`);

const report = { schema: 'hugeview.searchKernelBench/1', date: new Date().toISOString(), file, bytes, runs, cpu: os.cpus()[0]?.model, rg: rgProbe.stdout.split('\n')[0], rows, targets };
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'search-kernel.json'), `${JSON.stringify(report, null, 2)}\n`);

const bad = rows.filter((r) => !r.countsAgree);
if (bad.length) {
  console.error(`\n!!! COUNT MISMATCH !!! ${bad.map((r) => `${r.case}: ours ${r.count}, ${r.referenceCommand} ${r.referenceCount}`).join('; ')}`);
  process.exit(1);
}
