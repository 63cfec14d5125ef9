// The line index on real files: counts, checkpoints, line ↔ offset, growth and truncation.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { LineIndex, type IndexState } from '../../src/text/LineIndex';
import { jsScanner, nativeScanner, type LineScanner } from '../../src/text/LineScanner';
import { sparseFile, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir();
after(cleanup);

/** A log whose lines are all different: "L<n> …" with lengths that vary, some long, some CRLF. */
function writeLog(file: string, lines: number): number[] {
  const starts: number[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (let n = 1; n <= lines; n++) {
    const body = n % 1000 === 0 ? 'x'.repeat(5000) : 'y'.repeat(n % 37);
    const line = `L${n} ${body}${n % 7 === 0 ? '\r\n' : '\n'}`;
    starts.push(offset);
    parts.push(line);
    offset += line.length;
  }
  fs.writeFileSync(file, parts.join(''));
  return starts;
}

function done(index: LineIndex): Promise<IndexState> {
  return new Promise((resolve) => {
    if (index.state.done) return resolve(index.state);
    const subscription = index.onChange((state) => {
      if (state.done) {
        subscription.dispose();
        resolve(state);
      }
    });
  });
}

/** A scanner, and what the document does when the watcher fires (remap to the new size). */
const scanners: Record<string, (file: string) => LineScanner & { refresh(): void }> = {
  native: (file) => {
    const mapped = loadAddon().open(file);
    return { ...nativeScanner(mapped), refresh: () => void mapped.refresh() };
  },
  js: (file) => ({ ...jsScanner(file), refresh: () => undefined }),
};

for (const [name, make] of Object.entries(scanners)) {
  describe(`line index (${name} scanner)`, () => {
    const file = path.join(dir, `log-${name}.txt`);
    const LINES = 300_000;
    const starts = writeLog(file, LINES);
    const size = fs.statSync(file).size;

    it('counts the generator’s lines, as wc -l does', async () => {
      const index = new LineIndex(make(file), size);
      index.start();
      const state = await done(index);
      assert.equal(state.newlines, LINES);
      assert.equal(Number(execFileSync('wc', ['-l', file]).toString().trim().split(/\s+/)[0]), LINES);
      assert.equal(index.totalLines(true), LINES);
      assert.ok(index.checkpoints >= Math.floor(LINES / 65536), `checkpoints: ${index.checkpoints}`);
      index.dispose();
    });

    it('maps lines to offsets and back at the start, middle, end and around checkpoint boundaries', async () => {
      const index = new LineIndex(make(file), size);
      index.start();
      await done(index);
      const lines = [1, 2, 3, 999, 1000, 1001, 65535, 65536, 65537, 65538, 131072, 131073, 150_000, 196607, 196608, 196609, 262144, 262145, LINES - 1, LINES];
      for (const line of lines) {
        const start = index.startOfLine(line - 1);
        assert.equal(start, starts[line - 1], `start of line ${line}`);
        assert.equal(index.lineOf(starts[line - 1]), line - 1, `line at ${starts[line - 1]}`);
        assert.equal(index.lineOf(starts[line - 1] + 2), line - 1, `line inside ${line}`);
      }
      assert.equal(index.startOfLine(LINES + 5), undefined, 'past the last line');
      index.dispose();
    });

    it('extends when the file grows and starts over when it shrinks', async () => {
      const growing = path.join(dir, `growing-${name}.log`);
      fs.writeFileSync(growing, 'a\nb\nc\n');
      const scanner = make(growing);
      const index = new LineIndex(scanner, 6);
      index.start();
      assert.equal((await done(index)).newlines, 3);
      fs.appendFileSync(growing, 'd\ne\n');
      scanner.refresh();
      index.resize(10);
      assert.equal((await done(index)).newlines, 5);
      assert.equal(index.startOfLine(4), 8);
      fs.truncateSync(growing, 4);
      scanner.refresh();
      index.resize(4);
      assert.equal((await done(index)).newlines, 2);
      assert.equal(index.lineOf(3), 1);
      index.dispose();
    });
  });
}

describe('line index memory', () => {
  it('keeps a checkpoint per 65,536 lines or 16 MiB: a single 200 MiB line needs a handful', async () => {
    const file = path.join(dir, 'one-line.txt');
    const fd = fs.openSync(file, 'w');
    const chunk = Buffer.alloc(1 << 20, 0x61);
    for (let i = 0; i < 200; i++) fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    const index = new LineIndex(nativeScanner(loadAddon().open(file)), 200 << 20);
    index.start();
    const state = await done(index);
    assert.equal(state.newlines, 0);
    assert.equal(index.totalLines(false), 1);
    assert.ok(index.checkpoints <= 14, `checkpoints: ${index.checkpoints}`);
    assert.ok(index.memoryBytes < 1 << 20);
    assert.equal(index.lineOf(150 << 20), 0);
    index.dispose();
  });
});

describe('line index through pread (no addon)', () => {
  it('lineOf near the end of a sparse 256 MiB single-line file reads at most one checkpoint interval', async () => {
    const file = path.join(dir, 'sparse-one-line.bin');
    const size = 256 << 20;
    sparseFile(file, size, { [100 << 20]: '\n', [size - 3]: 'END' }); // zeros have no 0x0A: one newline in all
    const scanner = jsScanner(file);
    const index = new LineIndex(scanner, size);
    index.start();
    assert.equal((await done(index)).newlines, 1);
    const interval = 4 << 20;
    assert.ok(index.checkpoints >= size / interval - 1, `checkpoints every ${interval} bytes: ${index.checkpoints}`);
    for (const [offset, line] of [[size - 1, 1], [(100 << 20) + 1, 1], [100 << 20, 0], [5, 0]] as const) {
      let before = scanner.bytesRead!;
      assert.equal(index.lineOf(offset), line, `lineOf(${offset})`);
      assert.ok(scanner.bytesRead! - before <= interval, `lineOf(${offset}) read ${scanner.bytesRead! - before} bytes`);
      before = scanner.bytesRead!;
      assert.equal(await index.lineOfAsync(offset), line, `lineOfAsync(${offset})`);
      assert.ok(scanner.bytesRead! - before <= interval, `lineOfAsync(${offset}) read ${scanner.bytesRead! - before} bytes`);
    }
    index.dispose();
    fs.rmSync(file);
  });

  it('lineOfAsync lets other work run while it reads (chunked, not one blocking read)', async () => {
    const file = path.join(dir, 'sparse-async.bin');
    const size = 64 << 20;
    sparseFile(file, size, { [size - 1]: '\n' });
    const index = new LineIndex(jsScanner(file), size);
    index.start();
    await done(index);
    // A sync read inside would resolve before any setImmediate callback could run.
    let ticks = 0;
    let running = true;
    const tick = () => running && (ticks++, setImmediate(tick));
    setImmediate(tick);
    const line = await index.lineOfAsync(size - 2);
    running = false;
    assert.equal(line, 0);
    assert.ok(ticks > 0, 'other callbacks ran while lineOfAsync read');
    index.dispose();
    fs.rmSync(file);
  });
});

describe('line index in UTF-16', () => {
  for (const unit of ['utf16le', 'utf16be'] as const) {
    it(`${unit}: counts two-byte newlines only, not 0x0A bytes inside other characters`, async () => {
      const file = path.join(dir, `${unit}.txt`);
      const lines = Array.from({ length: 70_000 }, (_, i) => `${i} \u010A\u0A0A text`);
      const bytes = Buffer.from(lines.join('\n') + '\n', 'utf16le');
      if (unit === 'utf16be') bytes.swap16();
      fs.writeFileSync(file, bytes);
      for (const scanner of [nativeScanner(loadAddon().open(file), unit), jsScanner(file, unit)]) {
        const index = new LineIndex(scanner, bytes.length);
        index.start();
        const state = await done(index);
        assert.equal(state.newlines, 70_000, scanner.kind);
        const start = index.startOfLine(65_537)!;
        const decoded = Buffer.from(bytes.subarray(start, start + 14));
        if (unit === 'utf16be') decoded.swap16();
        assert.equal(decoded.toString('utf16le'), '65537 \u010A', scanner.kind);
        assert.equal(index.lineOf(start + 4), 65_537);
        index.dispose();
      }
    });
  }
});

describe('line index at scale', () => {
  it('counts a generated 1 GiB log exactly: the generator’s count, and wc -l’s', async () => {
    const file = path.join(dir, 'big.log');
    const lines: string[] = [];
    for (let n = 0; n < 12_000; n++) lines.push(`2026-11-26T10:00:00.${String(n % 1000).padStart(3, '0')}Z INFO [worker-${n % 8}] request ${n} ok ${'.'.repeat(n % 40)}`);
    const block = Buffer.from(lines.join('\n') + '\n');
    const copies = Math.ceil(2 ** 30 / block.length);
    const fd = fs.openSync(file, 'w');
    for (let i = 0; i < copies; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    const expected = copies * lines.length;
    const size = fs.statSync(file).size;
    assert.ok(size >= 2 ** 30);
    const index = new LineIndex(nativeScanner(loadAddon().open(file)), size);
    index.start();
    const state = await done(index);
    assert.equal(state.newlines, expected);
    assert.equal(Number(execFileSync('wc', ['-l', file]).toString().trim().split(/\s+/)[0]), expected);
    // line N at the start, middle and end, and either side of a checkpoint
    for (const n of [1, 65536, 65537, Math.floor(expected / 2), expected]) {
      const start = index.startOfLine(n - 1)!;
      const k = (n - 1) % lines.length;
      const got = Buffer.alloc(lines[k].length);
      const fd2 = fs.openSync(file, 'r');
      fs.readSync(fd2, got, 0, got.length, start);
      fs.closeSync(fd2);
      assert.equal(got.toString(), lines[k], `line ${n}`);
    }
    index.dispose();
    fs.rmSync(file);
  });
});
