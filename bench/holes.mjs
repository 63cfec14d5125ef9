#!/usr/bin/env node
// node bench/holes.mjs [--size bytes] [--read]: a marker in a sparse file
// (default 20 GiB) with 3 data extents: search and the line index skip the
// holes (SEEK_HOLE). Target (issue 15): found in < 1 s. --read also times the
// path that reads the holes (about 75 s for 20 GiB). Prints a table, writes
// bench/results/holes.json; the file is removed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addon, GiB, row, writeResults } from './binarySample.mjs';

const { values } = parseArgs({ options: { size: { type: 'string' }, read: { type: 'boolean' } } });
const size = Number(values.size ?? 20 * GiB);
const file = path.join(os.tmpdir(), 'hugeview-bench-sparse.bin');
fs.writeFileSync(file, '');
fs.truncateSync(file, size);
const fd = fs.openSync(file, 'r+');
const extent = Buffer.from('some data\n'.repeat(100_000)); // ~1 MB per extent
const marker = 'the MARKER-15 is here';
for (const [at, withMarker] of [[0, false], [Math.floor(size / 2 / 4096) * 4096, true], [size - extent.length, false]]) {
  fs.writeSync(fd, extent, 0, extent.length, at);
  if (withMarker) fs.writeSync(fd, Buffer.from(marker), 0, marker.length, at + 5000);
}
fs.closeSync(fd);

const rows = [];
const m = addon().open(file);
for (const holes of values.read ? ['skip', 'read'] : ['skip']) {
  let t0 = performance.now();
  let first;
  const found = await m.search({ patterns: [{ bytes: Buffer.from('MARKER-15'), caseInsensitive: false }], from: 0, to: m.size, resumeAt: 0, holes }, (b) => { if (b.count > 0) first ??= performance.now() - t0; }).promise;
  const searchSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const lines = await m.indexLines({ from: 0, newlinesBefore: 0, to: m.size, everyLines: 65536, everyBytes: 16 << 20, via: 'mmap', holes }, () => undefined).promise;
  rows.push({ holes, searchSeconds, firstMatchMs: first, matches: found.count, lineIndexSeconds: (performance.now() - t0) / 1000, newlines: lines.newlines });
}
m.close();
fs.rmSync(file);
console.log(`sparse file — ${(size / GiB).toFixed(1)} GiB, 3 data extents of ~1 MB`);
const w = [8, 12, 16, 10, 14, 10];
console.log(row(['holes', 'search s', 'first match ms', 'matches', 'line index s', 'lines'], w));
for (const r of rows) console.log(row([r.holes, r.searchSeconds.toFixed(3), r.firstMatchMs?.toFixed(1) ?? '-', r.matches, r.lineIndexSeconds.toFixed(3), r.newlines], w));
writeResults('holes', { size, rows });
