// The line index on real files: counts, checkpoints, line ↔ offset, growth and truncation.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { LineIndex, type IndexState } from '../../src/core/LineIndex';
import { jsScanner, nativeScanner, type LineScanner } from '../../src/core/LineScanner';
import { sparseFile, tempDir } from '../helpers/files';
import { SharedDescriptor } from '../../src/bytes/SharedDescriptor';

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
  it('keeps a checkpoint per 8,192 lines or 4 MiB: a single 200 MiB line needs about fifty', async () => {
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
    assert.ok(index.checkpoints <= 52, `checkpoints: ${index.checkpoints}`);
    assert.ok(index.memoryBytes < 1 << 20);
    assert.equal(index.lineOf(150 << 20), 0);
    index.dispose();
  });
});

describe('line index without the addon, when the path names a FIFO', () => {
  it('counts the open file through the document\'s descriptor, and a path that is a FIFO is refused at once (no blocking open)', async () => {
    const file = path.join(dir, 'then-fifo.log');
    fs.writeFileSync(file, 'one\ntwo\nthree\n');
    const shared = new SharedDescriptor(file);
    fs.rmSync(file);
    execFileSync('mkfifo', [file]);
    try {
      // The document's own descriptor: the bytes it opened, whatever the path names now.
      const index = new LineIndex(jsScanner(shared.acquire()), 14);
      index.start();
      assert.equal((await done(index)).newlines, 3);
      index.dispose();
      // A scanner given only a path that is now a FIFO: ENOTREG, not a read that waits forever for a writer.
      assert.throws(() => jsScanner(file), { code: 'ENOTREG' });
    } finally {
      shared.close();
      fs.rmSync(file, { force: true });
    }
  });
});

describe('line index while a followed log grows', () => {
  for (const kind of ['native', 'js'] as const) {
    it(`${kind}: offsets just past the counted end still get their line (the gutter keeps numbers during follow)`, async () => {
      const file = path.join(dir, `growing-${kind}.log`);
      const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `line ${from + i}\r\n`).join('');
      fs.writeFileSync(file, lines(0, 1000));
      const mapped = kind === 'native' ? loadAddon().open(file) : undefined;
      const scanner = mapped ? nativeScanner(mapped) : jsScanner(file);
      const index = new LineIndex(scanner, fs.statSync(file).size);
      index.start();
      assert.equal((await done(index)).newlines, 1000);
      const counted = fs.statSync(file).size;
      fs.appendFileSync(file, lines(1000, 500));
      const size = mapped ? mapped.refresh() : fs.statSync(file).size;
      // Told the new size, but not yet counted there: the tail is counted on from the end the index reached.
      index.resize(size);
      assert.equal(index.state.scannedTo, counted);
      const start1200 = Buffer.byteLength(lines(0, 1200));
      assert.equal(index.lineOf(start1200), 1200);
      assert.equal(await index.lineOfAsync(start1200), 1200);
      assert.equal(index.lineOf(size - 3), 1499); // the last digit of the last line (its CRLF follows)
      // Far past the counted end it still says "not yet" rather than reading megabytes on the host thread.
      assert.equal(index.lineOf(size + 1), undefined);
      index.dispose();
    });
  }
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
    // Each 1 MiB read also takes the unit before and after it (a CRLF split between two reads counts once).
    const framing = 2 * (interval >> 20);
    assert.ok(index.checkpoints >= size / interval - 1, `checkpoints every ${interval} bytes: ${index.checkpoints}`);
    for (const [offset, line] of [[size - 1, 1], [(100 << 20) + 1, 1], [100 << 20, 0], [5, 0]] as const) {
      let before = scanner.bytesRead!;
      assert.equal(index.lineOf(offset), line, `lineOf(${offset})`);
      assert.ok(scanner.bytesRead! - before <= interval + framing, `lineOf(${offset}) read ${scanner.bytesRead! - before} bytes`);
      before = scanner.bytesRead!;
      assert.equal(await index.lineOfAsync(offset), line, `lineOfAsync(${offset})`);
      assert.ok(scanner.bytesRead! - before <= interval + framing, `lineOfAsync(${offset}) read ${scanner.bytesRead! - before} bytes`);
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

describe('line index in UTF-16 at odd offsets', () => {
  // Lines of varied length, so that newline units sit at every offset mod 4.
  const text = Array.from({ length: 201 }, (_, i) => `line ${i} ${'é'.repeat(i % 5)}`).join('\n') + '\n';
  for (const unit of ['utf16le', 'utf16be'] as const) {
    const bytes = Buffer.from(text, 'utf16le');
    if (unit === 'utf16be') bytes.swap16();
    const newlinesBefore = (offset: number) => {
      let n = 0;
      const low = unit === 'utf16le' ? 0 : 1;
      for (let i = 0; i + 1 < offset; i += 2) if (bytes[i + low] === 0x0a && bytes[i + 1 - low] === 0) n++;
      return n;
    };

    it(`${unit}: an index resumed at an odd offset (the file grew mid-character) counts every newline`, async () => {
      const file = path.join(dir, `odd-${unit}.txt`);
      const half = 2 * 1001 + 1; // an odd size: the writer has written half a code unit
      for (const kind of ['native', 'js'] as const) {
        fs.writeFileSync(file, bytes.subarray(0, half));
        const mapped = loadAddon().open(file);
        const refreshable = kind === 'native' ? nativeScanner(mapped, unit) : jsScanner(file, unit);
        const index = new LineIndex(refreshable, half);
        index.start();
        assert.equal((await done(index)).newlines, newlinesBefore(half), `${refreshable.kind}: the first part`);
        fs.writeFileSync(file, bytes);
        mapped.refresh();
        index.resize(bytes.length);
        assert.equal((await done(index)).newlines, 201, `${refreshable.kind}: after growing`);
        index.dispose();
        mapped.close();
      }
    });

    it(`${unit}: an odd everyBytes still puts checkpoints on code units, each with the right count`, async () => {
      const file = path.join(dir, `every-${unit}.txt`);
      const big = Buffer.concat(Array.from({ length: 8 }, () => bytes));
      fs.writeFileSync(file, big);
      const mapped = loadAddon().open(file);
      for (const via of ['mmap', 'pread'] as const) {
        const result = await mapped.indexLines({ from: 0, newlinesBefore: 0, to: big.length, everyLines: 1 << 30, everyBytes: 4097, via, unit }, () => undefined).promise;
        assert.equal(result.newlines, 8 * 201, via);
        assert.ok(result.checkpoints.length >= 4, `${via}: ${result.checkpoints.length / 2} checkpoints`);
        for (let i = 0; i < result.checkpoints.length; i += 2) {
          const [count, offset] = [result.checkpoints[i], result.checkpoints[i + 1]];
          assert.equal(offset % 2, 0, `${via}: checkpoint at odd offset ${offset}`);
          const low = unit === 'utf16le' ? 0 : 1;
          let n = 0;
          for (let j = 0; j + 1 < offset; j += 2) if (big[j + low] === 0x0a && big[j + 1 - low] === 0) n++;
          assert.equal(count, n, `${via}: newlines before ${offset}`);
        }
      }
      assert.equal(mapped.countNewlines(1, big.length, unit), 8 * 201, 'countNewlines from an odd offset');
      mapped.close();
    });
  }
});

describe('line breaks: LF, CRLF and a lone CR (classic Mac)', () => {
  /** Line starts by the rule VS Code uses: after LF, after CRLF (once), after a CR not followed by LF. */
  const lineStarts = (bytes: Buffer) => {
    const starts = [0];
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
    }
    return starts;
  };
  const MiB = 1 << 20;
  /** Lines of varied length ending in `ends` in turn, with a CR right before the 1 MiB chunk edge and its LF after it. */
  const makeFile = (name: string, ends: string[]) => {
    const parts: string[] = [];
    let length = 0;
    for (let n = 0; length < 3 * MiB; n++) {
      const line = `line ${n} ${'x'.repeat(n % 50)}`;
      // a CRLF split by the first chunk boundary
      if (length < MiB && length + line.length + 2 > MiB) {
        const pad = 'p'.repeat(MiB - 1 - length);
        parts.push(pad + '\r\n');
        length += pad.length + 2;
        continue;
      }
      const end = ends[n % ends.length];
      parts.push(line + end);
      length += line.length + end.length;
    }
    const bytes = Buffer.from(parts.join(''), 'latin1');
    assert.equal(bytes[MiB - 1], 0x0d);
    assert.equal(bytes[MiB], 0x0a);
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return { file, bytes, starts: lineStarts(bytes) };
  };

  for (const [label, ends] of [['CR-only', ['\r']], ['mixed CR, CRLF and LF', ['\r', '\r\n', '\n', '\r\r\n', '\n\r']]] as const) {
    it(`${label}: the native index (mmap and pread) counts every line and finds each start`, async () => {
      const { file, bytes, starts } = makeFile(`${label.replace(/\W+/g, '-')}.txt`, [...ends]);
      const mapped = loadAddon().open(file);
      for (const via of ['mmap', 'pread'] as const) {
        // checkpoints every 1,000 lines and every 64 KiB, so some land inside CRLFs
        const result = await mapped.indexLines({ from: 0, newlinesBefore: 0, to: bytes.length, everyLines: 1000, everyBytes: 65536, via }, () => undefined).promise;
        assert.equal(result.newlines, starts.length - 1, `${via}: line count`);
        for (let i = 0; i < result.checkpoints.length; i += 2) {
          const [count, offset] = [result.checkpoints[i], result.checkpoints[i + 1]];
          const expected = starts.filter((s) => s <= offset).length - 1;
          // a checkpoint between the CR and LF of a CRLF counts that break already
          const inside = bytes[offset - 1] === 0x0d && bytes[offset] === 0x0a ? 1 : 0;
          assert.equal(count, expected + inside, `${via}: checkpoint at ${offset}`);
        }
      }
      // resumed exactly between the CR and the LF at the chunk edge
      const first = await mapped.indexLines({ from: 0, newlinesBefore: 0, to: MiB, everyLines: 1000, everyBytes: 1 << 24, via: 'mmap' }, () => undefined).promise;
      const rest = await mapped.indexLines({ from: MiB, newlinesBefore: first.newlines, to: bytes.length, everyLines: 1000, everyBytes: 1 << 24, via: 'pread' }, () => undefined).promise;
      assert.equal(rest.newlines, starts.length - 1, 'resumed between CR and LF');
      assert.equal(mapped.countNewlines(0, bytes.length), starts.length - 1, 'countNewlines');
      assert.equal(mapped.countNewlines(MiB, bytes.length) + mapped.countNewlines(0, MiB), starts.length - 1, 'countNewlines split at the CR|LF');
      // findNewline lands on each line start, past the LF of a CRLF
      for (const k of [1, 2, 3, 500, starts.length - 2]) {
        assert.deepEqual(mapped.findNewline(0, k, bytes.length), { offset: starts[k], found: k }, `findNewline k=${k}`);
      }
      const across = starts.findIndex((s) => s > MiB - 1);
      assert.equal(mapped.findNewline(0, across, MiB).offset, MiB + 1, 'the CR at the limit ends past its LF');
      // the LineIndex answers line ↔ offset with these
      const index = new LineIndex(nativeScanner(mapped), bytes.length);
      index.start();
      assert.equal((await done(index)).newlines, starts.length - 1);
      for (const line of [0, 1, 999, 1000, 1001, across, starts.length - 1]) {
        assert.equal(index.startOfLine(line), starts[line], `startOfLine(${line})`);
        assert.equal(index.lineOf(starts[line]), line, `lineOf(${starts[line]})`);
      }
      index.dispose();
      mapped.close();
    });

    it(`${label}: the JS fallback scanner agrees`, async () => {
      const { file, bytes, starts } = makeFile(`js-${label.replace(/\W+/g, '-')}.txt`, [...ends]);
      const scanner = jsScanner(file);
      const result = await scanner.index({ from: 0, newlinesBefore: 0, to: MiB, everyLines: 1000, everyBytes: 1 << 24, via: 'pread' }, () => undefined).promise;
      const rest = await scanner.index({ from: MiB, newlinesBefore: result.newlines, to: bytes.length, everyLines: 1000, everyBytes: 1 << 24, via: 'pread' }, () => undefined).promise;
      assert.equal(rest.newlines, starts.length - 1, 'resumed between CR and LF');
      assert.equal(scanner.countNewlines(0, bytes.length), starts.length - 1);
      for (const k of [1, 2, 3, 500, starts.length - 2]) assert.deepEqual(scanner.findNewline(0, k, bytes.length), { offset: starts[k], found: k }, `k=${k}`);
      scanner.dispose();
    });
  }

  it('UTF-16: a lone CR unit breaks a line, a CRLF pair once', async () => {
    for (const unit of ['utf16le', 'utf16be'] as const) {
      const bytes = Buffer.from('a\rb\r\nc\nd\r', 'utf16le');
      if (unit === 'utf16be') bytes.swap16();
      const file = path.join(dir, `cr-${unit}.txt`);
      fs.writeFileSync(file, bytes);
      const mapped = loadAddon().open(file);
      assert.equal(mapped.countNewlines(0, bytes.length, unit), 4, unit);
      assert.deepEqual(mapped.findNewline(0, 2, bytes.length, unit), { offset: 10, found: 2 }, unit);
      const result = await mapped.indexLines({ from: 0, newlinesBefore: 0, to: bytes.length, everyLines: 1, everyBytes: 4096, via: 'pread', unit }, () => undefined).promise;
      assert.deepEqual(Array.from(result.checkpoints), [1, 4, 2, 10, 3, 14, 4, 18], unit);
      assert.equal(jsScanner(file, unit).countNewlines(0, bytes.length), 4, `${unit} (js)`);
      mapped.close();
    }
  });
});

describe('line lookups read only the lines they need', () => {
  it('findNewline (Go to Line) touches the bytes up to the line it finds, not the rest of the file: a hole after it stays out of the page cache, and a CR past it changes nothing', () => {
    const MiB = 2 ** 20;
    const file = path.join(dir, 'lookup-then-hole.log');
    const head = Buffer.from(Array.from({ length: 5000 }, (_, i) => `line ${i + 1}\n`).join(''));
    // A CR far past the lines asked for (a classic-Mac tail): it must not send the lookup down the slow path either.
    sparseFile(file, 64 * MiB, { 0: head, [60 * MiB]: 'tail\rwith a CR\n' });
    const mapped = loadAddon().open(file);
    try {
      mapped.dropCache();
      const want = head.indexOf('line 4001\n');
      assert.deepEqual(mapped.findNewline(0, 4000, 64 * MiB), { offset: want, found: 4000 });
      const hole = [2 * MiB, 56 * MiB] as const;
      assert.equal(mapped.residency(hole[0], hole[1] - hole[0]), 0, 'the rest of the file was not read');
    } finally {
      mapped.close();
    }
  });
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
