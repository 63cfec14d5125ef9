#!/usr/bin/env node
// node bench/checksum.mjs [file]: CRC-32 + SHA-256 of a 1 GiB selection in the
// checksum worker (dist/checksum-worker.js, what "Checksum of Selection" runs),
// next to SHA-256 alone and CRC-32 alone on this thread for reference.
// Without a file it writes a 1 GiB file of pseudo-random bytes in os.tmpdir()
// once. Prints a table, writes bench/results/checksum.json. Target: ≥ 1 GB/s.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { stdio: 'inherit', cwd: root });
const GiB = 2 ** 30;
let file = process.argv[2];
if (!file) {
  file = path.join(os.tmpdir(), 'hugeview-bench-1g.bin');
  if (!fs.existsSync(file) || fs.statSync(file).size !== GiB) {
    console.log(`generating ${file} (1 GiB)…`);
    const block = crypto.randomBytes(16 << 20);
    const fd = fs.openSync(file, 'w');
    for (let at = 0; at < GiB; at += block.length) fs.writeSync(fd, block, 0, block.length, at);
    fs.closeSync(fd);
  }
}
const size = fs.statSync(file).size;

function worker() {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    // The worker reads a descriptor it is lent (as the editor lends the document's), never a path.
    const fd = fs.openSync(file, 'r');
    const w = new Worker(path.join(root, 'dist', 'checksum-worker.js'), { workerData: { fd, name: path.basename(file), start: 0, end: size, cancelFlag: new SharedArrayBuffer(4) } });
    w.once('exit', () => fs.closeSync(fd));
    // the JS thread stays free meanwhile: count how late a 10 ms timer fires
    let worstLagMs = 0;
    let expected = performance.now() + 10;
    const timer = setInterval(() => {
      worstLagMs = Math.max(worstLagMs, performance.now() - expected);
      expected = performance.now() + 10;
    }, 10);
    w.on('message', (m) => {
      if (m.type === 'progress') return;
      clearInterval(timer);
      void w.terminate();
      if (m.type === 'done') resolve({ ...m, wallMs: performance.now() - began, worstLagMs });
      else reject(new Error(JSON.stringify(m)));
    });
    w.on('error', reject);
  });
}

function onThisThread(update) {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const began = performance.now();
  for (let at = 0; at < size; ) {
    const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, size - at), at);
    update(n === buffer.length ? buffer : buffer.subarray(0, n));
    at += n;
  }
  fs.closeSync(fd);
  return performance.now() - began;
}

onThisThread(() => undefined); // warm the page cache
const rows = [];
const gbps = (ms) => size / (ms / 1000) / 1e9;
for (let run = 0; run < 3; run++) {
  const r = await worker();
  rows.push({ case: `worker CRC-32 + SHA-256 (run ${run + 1})`, ms: r.wallMs, GBps: gbps(r.wallMs), worstMainThreadLagMs: r.worstLagMs, crc32: r.crc32, sha256: r.sha256, crc: r.crcImplementation });
}
const sha = crypto.createHash('sha256');
const shaMs = onThisThread((b) => sha.update(b));
rows.push({ case: 'SHA-256 alone (node:crypto, for reference)', ms: shaMs, GBps: gbps(shaMs), sha256: sha.digest('hex') });
if (typeof zlib.crc32 === 'function') {
  let crc = 0;
  const crcMs = onThisThread((b) => (crc = zlib.crc32(b, crc)));
  rows.push({ case: 'CRC-32 alone (zlib.crc32, for reference)', ms: crcMs, GBps: gbps(crcMs), crc32: crc.toString(16).toUpperCase().padStart(8, '0') });
}
console.log(`\n${file}: ${size.toLocaleString('en-US')} bytes, Node ${process.version}`);
console.log('case'.padEnd(46) + 'ms'.padStart(9) + 'GB/s'.padStart(8) + '  main-thread lag');
for (const row of rows) console.log(row.case.padEnd(46) + row.ms.toFixed(0).padStart(9) + row.GBps.toFixed(2).padStart(8) + (row.worstMainThreadLagMs !== undefined ? `  ${row.worstMainThreadLagMs.toFixed(1)} ms` : ''));
const workerRows = rows.filter((r) => r.case.startsWith('worker'));
const best = Math.max(...workerRows.map((r) => r.GBps));
console.log(`\nbest worker run: ${best.toFixed(2)} GB/s (target ≥ 1 GB/s): ${best >= 1 ? 'PASS' : 'FAIL'}`);
if (new Set(workerRows.map((r) => r.sha256).concat(rows.filter((r) => r.case.startsWith('SHA')).map((r) => r.sha256))).size !== 1) throw new Error('SHA-256 differs between runs');
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'checksum.json'), JSON.stringify({ file, size, node: process.version, date: new Date().toISOString(), target: 1, bestWorkerGBps: best, rows }, null, 2) + '\n');
