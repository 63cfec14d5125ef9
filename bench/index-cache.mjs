#!/usr/bin/env node
// npm run bench:index-cache -- [--gib 10] [--keep]: the line index cache (issue 14).
//  1. Index a 1 GiB log (benchLog) with HugeView's line index and with lnav (`lnav -n -c ':goto 100%' file`,
//     Debian's lnav) in the same run, warm page cache: wall time and peak memory (/usr/bin/time -v) of each.
//  2. Reopen an indexed 10 GiB log (built once in os.tmpdir() by repeating the 1 GiB log with cat; deleted after
//     unless --keep): a fresh process looks the file up in the cache and answers the line number of the last
//     line; the time from opening the file to that answer, five fresh processes.
// Prints a table and writes bench/results/index-cache.json. Prints the load average (the machine may be shared).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { benchLog } from '../scripts/samples.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { gib: { type: 'string', default: '10' }, keep: { type: 'boolean', default: false }, log: { type: 'string' } } });
const bigGiB = Number(values.gib);

for (const [tool, hint] of [['/usr/bin/time', 'apt-get install time'], ['lnav', 'apt-get install lnav']]) {
  if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).error) throw new Error(`${tool} is missing: ${hint}`);
}
if (!fs.existsSync(path.join(root, 'build', 'Release', 'hugeview.node'))) throw new Error('the native addon is not built: npx node-gyp rebuild');

const child = path.join(root, 'out', 'bench', 'indexCache-child.js');
await esbuild.build({ entryPoints: [path.join(root, 'bench', 'indexCache', 'child.ts')], bundle: true, platform: 'node', target: 'node20', outfile: child, logLevel: 'warning' });

const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
const loadBefore = load();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-bench-index-cache-'));
const big = path.join(os.tmpdir(), `hugeview-bench-${bigGiB}g.log`);

/** Runs `command` under /usr/bin/time -v: wall seconds, peak resident memory (MB), stdout. */
function timed(command, args, env = process.env) {
  const report = path.join(work, 'time.txt');
  const result = spawnSync('/usr/bin/time', ['-v', '-o', report, command, ...args], { encoding: 'utf8', env, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  const text = fs.readFileSync(report, 'utf8');
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(text);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const maxRssMB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)[1]) / 1024;
  return { seconds, maxRssMB, stdout: result.stdout };
}

const warm = (file) => execFileSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] });

try {
  // 1. HugeView's index against lnav on the same 1 GiB log, warm.
  const log = benchLog(values.log);
  const logSize = fs.statSync(log).size;
  warm(log);
  const hv = timed(process.execPath, [child, 'index', log, path.join(work, 'cache-1g')]);
  const hvInside = JSON.parse(hv.stdout);
  // Through the mapping the process's resident set counts the file's page-cache pages it touched (shared, not
  // allocated): pread shows what the index itself costs on top of Node.
  const hvPread = timed(process.execPath, [child, 'index', log, path.join(work, 'cache-1g-pread'), 'pread']);
  const hvPreadInside = JSON.parse(hvPread.stdout);
  const node = timed(process.execPath, ['-e', '0']);
  const lnavHome = path.join(work, 'lnav-home');
  fs.mkdirSync(lnavHome);
  const lnav = timed('lnav', ['-n', '-c', ':goto 100%', log], { ...process.env, HOME: lnavHome, XDG_CONFIG_HOME: path.join(lnavHome, '.config') });
  const lnavVersion = execFileSync('lnav', ['-V'], { encoding: 'utf8' }).trim();

  // 2. An indexed 10 GiB log, reopened in fresh processes.
  if (!fs.existsSync(big) || fs.statSync(big).size !== bigGiB * logSize) {
    console.log(`building ${big} (${bigGiB} × ${path.basename(log)})…`);
    execFileSync('sh', ['-c', `for i in $(seq ${bigGiB}); do cat "$1"; done > "$2.part" && mv "$2.part" "$2"`, 'sh', log, big]);
  }
  const bigSize = fs.statSync(big).size;
  warm(big);
  const bigFolder = path.join(work, 'cache-big');
  const indexed = timed(process.execPath, [child, 'index', big, bigFolder]);
  const bigIndex = JSON.parse(indexed.stdout);
  const reopens = [];
  for (let i = 0; i < 5; i++) reopens.push(JSON.parse(execFileSync(process.execPath, [child, 'reopen', big, bigFolder], { encoding: 'utf8' })));
  const wrong = reopens.find((r) => r.kind !== 'unchanged' || !r.done || r.lastLine !== bigIndex.newlines);
  if (wrong) throw new Error(`a reopen did not come from the cache with the right last line: ${JSON.stringify(wrong)} (indexed ${bigIndex.newlines} lines)`);
  const ms = reopens.map((r) => r.ms).sort((a, b) => a - b);

  const rows = [
    ['index 1 GiB log: HugeView (probe → ' + hvInside.via + ')', `${hv.seconds.toFixed(2)} s`, `${hv.maxRssMB.toFixed(0)} MB RSS (mapped file pages); ${(hvInside.rssAnonKB / 1024).toFixed(0)} MB anon`, `${(logSize / hv.seconds / 1e9).toFixed(2)} GB/s, ${hvInside.newlines} lines, index ${(hvInside.indexBytes / 1024).toFixed(0)} KiB; node process, startup included`],
    ['index 1 GiB log: HugeView (pread)', `${hvPread.seconds.toFixed(2)} s`, `${hvPread.maxRssMB.toFixed(0)} MB RSS`, `${(logSize / hvPread.seconds / 1e9).toFixed(2)} GB/s; an empty node process: ${node.seconds.toFixed(2)} s, ${node.maxRssMB.toFixed(0)} MB`],
    [`index 1 GiB log: ${lnavVersion} -n -c ':goto 100%'`, `${lnav.seconds.toFixed(2)} s`, `${lnav.maxRssMB.toFixed(0)} MB RSS`, `${(logSize / lnav.seconds / 1e9).toFixed(2)} GB/s; HugeView ${(lnav.seconds / Math.max(hv.seconds, hvPread.seconds)).toFixed(0)}× faster, ${(lnav.maxRssMB / hvPread.maxRssMB).toFixed(1)}× less memory (pread)`],
    [`index ${bigGiB} GiB log (once, then stored)`, `${indexed.seconds.toFixed(2)} s`, `${indexed.maxRssMB.toFixed(0)} MB; cache entry ${(bigIndex.entryBytes / 1024).toFixed(1)} KiB`, `${bigIndex.newlines} lines, ${bigIndex.checkpoints} checkpoints, store ${bigIndex.storeMs.toFixed(1)} ms`],
    [`reopen ${bigGiB} GiB log → line of the last line`, `median ${ms[2].toFixed(1)} ms, max ${ms[4].toFixed(1)} ms`, '', `target < 200 ms; 5 fresh processes: ${ms.map((m) => m.toFixed(1)).join(', ')} ms`],
  ];
  const loadAfter = load();
  console.log(`\nline index cache (${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores; load average before ${loadBefore}, after ${loadAfter})\n`);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['what', 'time', 'peak memory', 'notes'][i].length));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(['what', 'time', 'peak memory', 'notes']));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  const result = {
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, loadBefore, loadAfter },
    index1GiB: { file: log, bytes: logSize, hugeview: { seconds: hv.seconds, maxRssMB: hv.maxRssMB, rssAnonMB: hvInside.rssAnonKB / 1024, indexBytes: hvInside.indexBytes, newlines: hvInside.newlines, via: hvInside.via }, hugeviewPread: { seconds: hvPread.seconds, maxRssMB: hvPread.maxRssMB }, emptyNode: { seconds: node.seconds, maxRssMB: node.maxRssMB }, lnav: { version: lnavVersion, seconds: lnav.seconds, maxRssMB: lnav.maxRssMB } },
    reopen: { bytes: bigSize, newlines: bigIndex.newlines, indexSeconds: indexed.seconds, entryBytes: bigIndex.entryBytes, storeMs: bigIndex.storeMs, reopenMs: ms, medianMs: ms[2], maxMs: ms[4], targetMs: 200 },
  };
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'results', 'index-cache.json'), JSON.stringify(result, null, 2));
  console.log(`\nwrote bench/results/index-cache.json`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
  if (!values.keep) fs.rmSync(big, { force: true });
}
