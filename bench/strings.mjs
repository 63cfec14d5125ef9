#!/usr/bin/env node
// node bench/strings.mjs [--size bytes] [--keep]: the native strings job
// (mappedFile.strings) against binutils `strings -n 8` on the same warm binary,
// same run. Target (issue 15): ≥ 1.0× strings -n 8. Prints a table, writes
// bench/results/strings.json. The sample is removed unless --keep.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addon, bestAnchor, bestOurs, binarySample, GiB, row, warm, writeResults } from './binarySample.mjs';

const { values } = parseArgs({ options: { size: { type: 'string' }, keep: { type: 'boolean' }, runs: { type: 'string' } } });
const size = Number(values.size ?? GiB);
const runs = Number(values.runs ?? 3);
const file = binarySample(size);
warm(file);

const ours = async (encodings) => {
  const m = addon().open(file);
  const result = await m.strings({ minLength: 8, encodings }, () => undefined).promise;
  m.close();
  return result.count;
};
const rows = [];
// strings writes to /dev/null (its own time); the count comes from one more run.
const count = async (args) => (await bestAnchor(1, `strings -a -n 8 ${args} ${file} | wc -l`, Number)).value;
const anchor = { ...(await bestAnchor(runs, `strings -a -n 8 ${file} > /dev/null`)), value: await count('') };
const anchorL = { ...(await bestAnchor(runs, `strings -a -n 8 -e l ${file} > /dev/null`)), value: await count('-e l') };
for (const [name, encodings, against] of [['ascii (-e s)', ['ascii'], anchor], ['utf16le (-e l)', ['utf16le'], anchorL], ['ascii + utf16le', ['ascii', 'utf16le'], anchor]]) {
  const r = await bestOurs(runs, () => ours(encodings));
  rows.push({ case: name, anchorSeconds: against.seconds, seconds: r.seconds, speedup: against.seconds / r.seconds, anchorCpuSeconds: against.cpuSeconds, cpuSeconds: r.cpuSeconds, cpuSpeedup: against.cpuSeconds / r.cpuSeconds, strings: r.value, anchorStrings: against.value });
}
console.log(`strings -n 8 — ${path.basename(file)} (${(size / GiB).toFixed(2)} GiB, warm), best of ${runs}`);
const w = [18, 12, 10, 8, 12, 12, 10, 11, 12, 14];
console.log(row(['encodings', 'strings s', 'ours s', 'GB/s', 'vs strings', 'strings cpu', 'ours cpu', 'cpu ratio', 'ours found', 'strings found'], w));
for (const r of rows) {
  const ok = r.case === 'ascii + utf16le' ? r.strings === anchor.value + anchorL.value : r.strings === r.anchorStrings;
  console.log(row([r.case, r.anchorSeconds.toFixed(3), r.seconds.toFixed(3), (size / r.seconds / 1e9).toFixed(2), `${r.speedup.toFixed(2)}×`, r.anchorCpuSeconds.toFixed(3), r.cpuSeconds.toFixed(3), `${r.cpuSpeedup.toFixed(2)}×`, r.strings, r.anchorStrings], w) + (ok ? '' : '  COUNT MISMATCH'));
}
console.log('(the ascii + utf16le row runs both in one pass; its anchor is strings -n 8 alone)');
writeResults('strings', { file, size, rows });
if (!values.keep) fs.rmSync(file, { force: true });
