// The sample binaries and timing rules shared by bench/compare.mjs,
// bench/filemap.mjs and bench/strings.mjs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GiB = 2 ** 30;
export const addon = () => createRequire(import.meta.url)(path.join(root, 'build', 'Release', 'hugeview.node'));

/**
 * A binary of `size` bytes made the way real ones are: the system's own
 * executables and libraries (code, tables, strings) concatenated in name
 * order, repeated to the size. Generated once per size in os.tmpdir().
 */
export function binarySample(size = GiB, name = `hugeview-bench-binary-${size}.bin`) {
  const file = path.join(os.tmpdir(), name);
  if (fs.existsSync(file) && fs.statSync(file).size === size) return file;
  console.log(`generating ${file} (${(size / GiB).toFixed(2)} GiB of system binaries)…`);
  const parts = [];
  for (const d of ['/usr/bin', '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']) {
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).sort()) {
      const p = path.join(d, f);
      try {
        const st = fs.statSync(p);
        if (st.isFile() && st.size > 4096) parts.push(p);
      } catch {
        // a dangling link
      }
    }
  }
  if (parts.length === 0) throw new Error('no system binaries found to build the sample from');
  const fd = fs.openSync(file, 'w');
  let at = 0;
  for (let i = 0; at < size; i = (i + 1) % parts.length) {
    let data;
    try {
      data = fs.readFileSync(parts[i]);
    } catch {
      continue;
    }
    const n = Math.min(data.length, size - at);
    fs.writeSync(fd, data, 0, n, at);
    at += n;
  }
  fs.closeSync(fd);
  return file;
}

/** Reads the files through once so every run measures a warm page cache. */
export function warm(...files) {
  for (const f of files) execFileSync('cat', [f], { stdio: ['ignore', 'ignore', 'ignore'] });
}

/**
 * A shell pipeline's stdout (the last line), for the anchors (`cmp`, `strings`),
 * and the CPU seconds its processes used (bash's `times`): on a loaded machine
 * CPU time compares more fairly than wall time.
 */
export function sh(command) {
  const out = execFileSync('bash', ['-c', `${command}; times`], { maxBuffer: 1 << 30 }).toString().trim().split('\n');
  const children = out.pop().match(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/);
  out.pop(); // the shell's own times
  lastAnchorCpu = children ? 60 * Number(children[1]) + Number(children[2]) + 60 * Number(children[3]) + Number(children[4]) : NaN;
  return out.join('\n');
}
let lastAnchorCpu = NaN;

/** CPU seconds of the last sh() command's processes. */
export const anchorCpu = () => lastAnchorCpu;

/** Best of `runs` of an anchor command: { seconds, cpuSeconds, value } (the fastest run's CPU time). */
export async function bestAnchor(runs, command, parse = (s) => s) {
  let winner;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const value = parse(sh(command));
    const seconds = (performance.now() - t0) / 1000;
    if (!winner || seconds < winner.seconds) winner = { seconds, value, cpuSeconds: lastAnchorCpu };
  }
  return winner;
}

/** Best of `runs` of our job: { seconds, cpuSeconds, value }; CPU time of this process (all its threads). */
export async function bestOurs(runs, f) {
  let winner;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const value = await f();
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    if (!winner || seconds < winner.seconds) winner = { seconds, value, cpuSeconds: (c.user + c.system) / 1e6 };
  }
  return winner;
}

/** Writes bench/results/<name>.json and says where. */
export function writeResults(name, data) {
  const out = path.join(root, 'bench', 'results', `${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), cpu: os.cpus()[0]?.model, cores: os.cpus().length, loadavg: os.loadavg(), ...data }, null, 2) + '\n');
  console.log(`JSON written to ${out}`);
}

export const row = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('');
