#!/usr/bin/env node
// npm run bench:viewer: drives the real VS Code (server from code-server) and
// Chromium to measure what a person waits for: open to first rows (1 MiB and
// 10 GiB sparse), 64 KiB page round trips, 200 go-to-offset jumps, and the
// extension host's RssAnon while scrolling a 6 GiB file. Prints a table and
// writes bench/results/viewer.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSuite } from '../test/harness/run-suite.mjs';
import { startProbe } from '../test/harness/probe.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { stdio: 'inherit', cwd: root });
const results = path.join(root, 'bench', 'results');
fs.mkdirSync(results, { recursive: true });
const raw = path.join(os.tmpdir(), `hugeview-viewer-bench-${process.pid}.json`);
// --compare <file>: also run the benchmark command on <file> inside VS Code, then
// `npm run bench` on the same file, and show both side by side.
const compareAt = process.argv.indexOf('--compare');
const compareFile = compareAt > 0 ? path.resolve(process.argv[compareAt + 1]) : undefined;
if (compareFile) process.env.HUGEVIEW_BENCH_COMPARE_FILE = compareFile;
// --log10g: also open a 10 GiB log (made once in os.tmpdir() from ten copies of a 1 GiB one).
if (process.argv.includes('--log10g')) {
  const { generateLog } = await import('../scripts/samples.mjs');
  const one = path.join(os.tmpdir(), 'hugeview-bench-1g.log');
  const ten = path.join(os.tmpdir(), 'hugeview-bench-10g.log');
  if (!fs.existsSync(ten)) {
    console.log(`making ${ten} (10 GiB, once)…`);
    generateLog(one, 2 ** 30);
    const out = fs.openSync(ten + '.part', 'w');
    const chunk = fs.readFileSync(one);
    for (let i = 0; i < 10; i++) fs.writeSync(out, chunk);
    fs.closeSync(out);
    fs.renameSync(ten + '.part', ten);
  }
  process.env.HUGEVIEW_BENCH_LOG = ten;
}
// --open: only the opens (and where their time goes), not the round trips, jumps, memory or follow.
if (process.argv.includes('--open')) process.env.HUGEVIEW_BENCH_ONLY = 'open';
if (process.argv.includes('--quick')) Object.assign(process.env, { HUGEVIEW_BENCH_ROUNDS: '5', HUGEVIEW_BENCH_JUMPS: '50', HUGEVIEW_BENCH_COMPARE_MODE: 'quick' });
const probe = await startProbe();
process.env.HUGEVIEW_PROBE_URL = probe.url;
process.env.HUGEVIEW_BENCH_OUT = raw;
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-bench-ws-'));
const { exitCode } = await runSuite({
  extensionPath: root,
  suitePath: path.join(root, 'out', 'bench', 'viewer', 'suite.js'),
  workspace,
  timeoutMs: 20 * 60_000,
  quiet: true,
  onPage: async (page) => probe.attach(page),
});
await probe.close();
fs.rmSync(workspace, { recursive: true, force: true });
if (exitCode !== 0 || !fs.existsSync(raw)) {
  console.error(`the viewer benchmark failed (exit ${exitCode})`);
  process.exit(1);
}
const r = JSON.parse(fs.readFileSync(raw, 'utf8'));
const machine = { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), kernel: os.release() };
const rows = [
  ['open → first rows, 1 MiB', r.open?.['1 MiB'], 'ms', 'median < 150 ms'],
  ['open → first rows, 10 GiB sparse', r.open?.['10 GiB sparse'], 'ms', 'median < 150 ms, ≤ 1.2× of 1 MiB'],
  ['page round trip 64 KiB, mmap', r.pageRoundTrip?.mmap, 'ms', 'p50 < 5 ms, p99 < 20 ms'],
  ['page round trip 64 KiB, pread', r.pageRoundTrip?.pread, 'ms', 'p50 < 5 ms, p99 < 20 ms'],
  ['go to offset, random, 10 GiB', r.jumps, 'ms', 'p50 < 30 ms, p99 < 50 ms'],
  ['follow, 10,000 lines/s appended', r.follow, 'ms', 'worst < 500 ms (append → rows in the DOM)'],
];
console.log(`\nHugeView viewer benchmark — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, kernel ${machine.kernel}\n`);
console.log('case'.padEnd(36) + 'p50'.padStart(9) + 'p99'.padStart(9) + 'min'.padStart(9) + 'max'.padStart(9) + '     n  target');
for (const [name, s, , target] of rows) {
  if (!s) continue;
  console.log(name.padEnd(36) + `${s.p50}`.padStart(9) + `${s.p99}`.padStart(9) + `${s.min}`.padStart(9) + `${s.max}`.padStart(9) + `${s.n}`.padStart(6) + `  ${target}`);
}
if (r.openPhases) {
  for (const [label, phases] of Object.entries(r.openPhases)) {
    console.log(`\nwhere the open time goes, ${label} (medians):`);
    for (const [phase, sample] of Object.entries(phases)) console.log(`  ${phase.padEnd(34)} ${String(sample.p50).padStart(7)} ms`);
  }
}
if (r.open) console.log(`\nopen ratio 10 GiB / 1 MiB (medians): ${(r.open['10 GiB sparse'].p50 / r.open['1 MiB'].p50).toFixed(2)}×`);
if (r.follow) console.log(`follow: ${r.follow.batches} batches of 1,000 lines written, ${r.follow.seen} seen on screen (a batch overtaken by the next within one 20 ms poll is not seen)`);
if (r.jumps) console.log(`blank frames over ${r.jumps.n} jumps: ${r.jumps.blankFrames}`);
if (r.memory) console.log(`extension host RssAnon while scrolling a 6 GiB file end to end (${r.memory.steps} steps): ${r.memory.rssAnonBeforeKiB} KiB → peak ${r.memory.rssAnonPeakKiB} KiB (+${r.memory.growthMiB} MiB; target < 32 MiB)`);
if (r.bigLog) {
  const b = r.bigLog;
  console.log(`\n${(b.size / 2 ** 30).toFixed(1)} GiB log (${b.lines.toLocaleString('en-US')} lines): first rows in ${b.firstRowsMs} ms${b.indexingWhenPainted ? ', while the index was still counting' : ''}; index done after ${b.indexedMs} ms (${b.indexGBps} GB/s, cold or warm as the page cache had it)`);
  console.log(`go to line (random, indexed): p50 ${b.goToLine.p50} ms, p99 ${b.goToLine.p99} ms, max ${b.goToLine.max} ms over ${b.goToLine.n} (target: row painted < 50 ms)`);
}
if (r.command && compareFile) {
  const cliJson = path.join(os.tmpdir(), `hugeview-cli-bench-${process.pid}.json`);
  // The same runtime as the extension host (Node 24 from the VS Code server), so
  // the comparison measures the command's overhead, not two V8 versions.
  const { ensureServer } = await import('../test/harness/install-server.mjs');
  const { node } = await ensureServer();
  execFileSync(node, [path.join(root, 'dist', 'bench.js'), compareFile, '--json', cliJson, ...(process.argv.includes('--quick') ? ['--quick'] : [])], { stdio: ['ignore', 'ignore', 'inherit'] });
  const cli = JSON.parse(fs.readFileSync(cliJson, 'utf8'));
  r.cli = cli;
  console.log(`
the editor command vs npm run bench (both on Node 24) on ${compareFile} (p50 ns, warm cases; same machine, same run):`);
  console.log('case'.padEnd(24) + 'command mmap'.padStart(14) + 'cli mmap'.padStart(10) + 'Δ'.padStart(8) + 'command pread'.padStart(15) + 'cli pread'.padStart(11) + 'Δ'.padStart(8));
  let worst = 0;
  for (const c of r.command.cases.filter((x) => x.cache === 'warm')) {
    const d = cli.cases.find((x) => x.cache === c.cache && x.pattern === c.pattern && x.blockBytes === c.blockBytes);
    if (!d || !c.mmap || !d.mmap) continue;
    const dm = (c.mmap.p50Ns / d.mmap.p50Ns - 1) * 100;
    const dp = (c.pread.p50Ns / d.pread.p50Ns - 1) * 100;
    worst = Math.max(worst, Math.abs(dm), Math.abs(dp));
    console.log(`${c.pattern} ${c.blockBytes}`.padEnd(24) + `${c.mmap.p50Ns}`.padStart(14) + `${d.mmap.p50Ns}`.padStart(10) + `${dm.toFixed(0)}%`.padStart(8) + `${c.pread.p50Ns}`.padStart(15) + `${d.pread.p50Ns}`.padStart(11) + `${dp.toFixed(0)}%`.padStart(8));
  }
  console.log(`largest difference: ${worst.toFixed(0)}% (target: within 20%)`);
  r.commandVsCliWorstPct = Math.round(worst);
}
const json = path.join(results, 'viewer.json');
fs.writeFileSync(json, JSON.stringify({ machine, date: new Date().toISOString(), ...r }, null, 2) + '\n');
console.log(`\nJSON written to ${json}`);
