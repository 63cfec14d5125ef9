// Sample files for the demo and the benchmarks, generated on first use into
// samples/ (ignored by git): a 2 GiB log, a 256 MiB binary, a sparse 20 GiB image.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LEVELS = ['INFO ', 'INFO ', 'INFO ', 'DEBUG', 'WARN '];

/** Writes a log of `bytes` bytes (whole lines) unless it is already there; returns its line count. */
/** The benchmarks' log: the file given, or a 1 GiB log in os.tmpdir() made once and shared by bench:search, bench:lines and bench/levels.mjs. */
export function benchLog(given) {
  if (given) return given;
  const file = path.join(os.tmpdir(), 'hugeview-bench-1g.log');
  if (!fs.existsSync(file)) console.log(`generating ${file} (1 GiB)…`);
  generateLog(file, 2 ** 30);
  return file;
}

export function generateLog(file, bytes, onProgress = () => {}) {
  if (fs.existsSync(file) && fs.statSync(file).size >= bytes * 0.99) return undefined;
  const fd = fs.openSync(file + '.part', 'w');
  let written = 0;
  let line = 0;
  const start = Date.UTC(2026, 10, 1);
  while (written < bytes) {
    const parts = [];
    let size = 0;
    while (size < 4 << 20 && written + size < bytes) {
      const time = new Date(start + line * 37).toISOString();
      const text = line % 997 === 0
        ? `${time} ERROR [worker-${line % 8}] request ${line} failed: upstream timeout after 30000 ms path=/api/orders/${line % 10007}\n`
        : `${time} ${LEVELS[line % 5]} [worker-${line % 8}] request ${line} served in ${line % 250} ms path=/api/items/${line % 10007}\n`;
      parts.push(text);
      size += text.length;
      line++;
    }
    const chunk = Buffer.from(parts.join(''), 'latin1');
    fs.writeSync(fd, chunk);
    written += chunk.length;
    onProgress(written, bytes);
  }
  fs.closeSync(fd);
  fs.renameSync(file + '.part', file);
  return line;
}

/** A binary with a header, fixed-size records and noise. */
export function generateBinary(file, bytes) {
  if (fs.existsSync(file) && fs.statSync(file).size === bytes) return;
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(1 << 20);
  let x = 0x12345678;
  for (let offset = 0; offset < bytes; offset += chunk.length) {
    for (let i = 0; i < chunk.length; i += 4) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      chunk.writeInt32LE(x | 0, i);
    }
    for (let r = 0; r < chunk.length; r += 4096) {
      chunk.write('REC0', r, 'latin1');
      chunk.writeBigUInt64LE(BigInt(offset + r), r + 4);
    }
    if (offset === 0) {
      chunk.write('\x7fHUGEVIEW-SAMPLE\0', 0, 'latin1');
      chunk.writeUInt32LE(0xdeadbeef, 16);
    }
    fs.writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - offset));
  }
  fs.closeSync(fd);
}

/** A sparse image: holes everywhere but a few markers (costs no disk). */
export function generateSparse(file, bytes) {
  if (fs.existsSync(file) && fs.statSync(file).size === bytes) return;
  fs.writeFileSync(file, 'SPARSE-IMAGE-START');
  fs.truncateSync(file, bytes);
  const fd = fs.openSync(file, 'r+');
  for (const [offset, text] of [[2 ** 32 - 4, 'AT-4GiB'], [bytes / 2, 'MIDDLE'], [bytes - 8, 'THE-END!']]) fs.writeSync(fd, Buffer.from(text), 0, text.length, offset);
  fs.closeSync(fd);
}

/** Prints "name: 37% (758 MiB of 2048 MiB, 26 MB/s)" every 5%: on one rewritten line on a terminal. */
export function progressPrinter(name) {
  const started = Date.now();
  let shown = -1;
  return (written, total) => {
    const percent = Math.floor((written / total) * 100);
    if (percent < shown + 5 && written < total) return;
    shown = percent;
    const rate = written / 1e6 / Math.max(0.001, (Date.now() - started) / 1000);
    const line = `${name}: ${percent}% (${Math.round(written / 2 ** 20)} MiB of ${Math.round(total / 2 ** 20)} MiB, ${rate.toFixed(0)} MB/s)`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}${written >= total ? '\n' : ''}`);
    else console.log(line);
  };
}

export function ensureSamples(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const log = path.join(dir, 'app-2g.log');
  if (!fs.existsSync(log)) console.log('generating samples/app-2g.log (2 GiB, once; about a minute)…');
  generateLog(log, 2 * 2 ** 30, progressPrinter('samples/app-2g.log'));
  generateBinary(path.join(dir, 'firmware.bin'), 256 * 2 ** 20);
  generateSparse(path.join(dir, 'disk-20g.img'), 20 * 2 ** 30);
  fs.writeFileSync(path.join(dir, 'README.txt'), 'HugeView demo samples. Right-click a file → Open in HugeView, or open app-2g.log: it is above the 50 MB threshold and opens in HugeView by itself.\n');
  return dir;
}
