// The line index cache on real files and real processes: an index stored by
// one process is used by the next; truncation, a same-size rewrite with the
// mtime put back, and corrupt entries are rejected; an append resumes from the
// cached end; the folder stays under its bound by evicting the least recently used.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { LineIndex, type IndexState } from '../../src/core/LineIndex';
import { LineIndexCache, type IndexSnapshot } from '../../src/core/LineIndexCache';
import { jsScanner } from '../../src/core/LineScanner';
import { tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-index-cache-');
after(cleanup);
const child = path.join(__dirname, 'child-indexCache.js');

/** `lines` lines of varying length, numbered from `first`. */
function logText(lines: number, first = 1): string {
  const parts: string[] = [];
  for (let n = first; n < first + lines; n++) parts.push(`2026-11-30T01:02:03.000Z INFO line ${n} ${'x'.repeat(n % 41)}\n`);
  return parts.join('');
}

function runChild(action: 'store' | 'lookup', folder: string, file: string): Record<string, unknown> {
  const result = spawnSync(process.execPath, [child, action, folder, file], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, `child ${action} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
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

async function indexWithJs(file: string, resume?: ConstructorParameters<typeof LineIndex>[2]): Promise<{ index: LineIndex; bytesRead: number }> {
  const scanner = jsScanner(file);
  const index = new LineIndex(scanner, fs.statSync(file).size, resume);
  index.start();
  await done(index);
  return { index, bytesRead: scanner.bytesRead ?? -1 };
}

async function withFd<T>(file: string, f: (fd: number) => Promise<T>): Promise<T> {
  const fd = fs.openSync(file, 'r');
  try {
    return await f(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const wcLines = (file: string) => Number(execFileSync('wc', ['-l', file]).toString().trim().split(/\s+/)[0]);
const entries = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder) : []);

describe('line index cache', () => {
  it('an index stored by one process gives the next process line numbers at once, with no scan', () => {
    const folder = path.join(dir, 'cache-restart');
    const file = path.join(dir, 'restart.log');
    fs.writeFileSync(file, logText(400_000));
    const stored = runChild('store', folder, file);
    assert.equal(stored.newlines, 400_000);
    assert.ok((stored.checkpoints as number) >= 6, `checkpoints: ${stored.checkpoints}`);
    const looked = runChild('lookup', folder, file);
    const lastStart = fs.statSync(file).size - logText(1, 400_000).length;
    assert.deepEqual(
      { kind: looked.kind, done: looked.done, newlines: looked.newlines, checkpoints: looked.checkpoints, startOfLastLine: looked.startOfLastLine },
      { kind: 'unchanged', done: true, newlines: 400_000, checkpoints: stored.checkpoints, startOfLastLine: lastStart },
    );
    console.log(`  lookup + line of the last line in a new process: ${(looked.ms as number).toFixed(1)} ms`);
  });

  it('is rejected after a truncation (and the stale entry removed)', async () => {
    const folder = path.join(dir, 'cache-truncate');
    const file = path.join(dir, 'truncate.log');
    fs.writeFileSync(file, logText(50_000));
    runChild('store', folder, file);
    assert.equal(entries(folder).length, 1);
    fs.truncateSync(file, fs.statSync(file).size - 1000);
    assert.equal(runChild('lookup', folder, file).kind, 'miss');
    assert.deepEqual(entries(folder), []);
  });

  for (const [where, at] of [['first', 100], ['last', -100]] as const) {
    it(`is rejected after an in-place rewrite of the same size with the mtime put back (touch -d), bytes changed in the ${where} 64 KiB`, async () => {
      const folder = path.join(dir, `cache-rewrite-${where}`);
      const file = path.join(dir, `rewrite-${where}.log`);
      fs.writeFileSync(file, logText(50_000));
      runChild('store', folder, file);
      const before = fs.statSync(file, { bigint: true });
      const fd = fs.openSync(file, 'r+');
      fs.writeSync(fd, Buffer.from('REWRITTEN'), 0, 9, at >= 0 ? at : Number(before.size) + at);
      fs.closeSync(fd);
      const seconds = before.mtimeNs / 1_000_000_000n;
      const nanos = String(before.mtimeNs % 1_000_000_000n).padStart(9, '0');
      execFileSync('touch', ['-m', '-d', `@${seconds}.${nanos}`, file]);
      const afterStat = fs.statSync(file, { bigint: true });
      assert.deepEqual([afterStat.size, afterStat.mtimeNs, afterStat.ino], [before.size, before.mtimeNs, before.ino], 'same size, mtime and inode: only the content tells');
      assert.equal(runChild('lookup', folder, file).kind, 'miss');
    });
  }

  it('an appended file resumes from the cached end: only the new bytes are read, and the count equals wc -l', async () => {
    const folder = path.join(dir, 'cache-append');
    const file = path.join(dir, 'append.log');
    fs.writeFileSync(file, logText(200_000));
    const cache = new LineIndexCache(folder, 64 << 20);
    const first = await indexWithJs(file);
    await withFd(file, (fd) => cache.store(fd, first.index.snapshot()));
    first.index.dispose();
    const appended = logText(1000, 200_001);
    fs.appendFileSync(file, appended);
    const cached = await withFd(file, (fd) => cache.lookup(fd));
    assert.equal(cached?.kind, 'appended');
    const resumed = await indexWithJs(file, cached!.snapshot);
    assert.equal(resumed.index.state.newlines, wcLines(file));
    assert.equal(resumed.index.scansFromZero, 0);
    assert.ok(resumed.bytesRead <= appended.length + 2 * 1024 * 1024, `read ${resumed.bytesRead} bytes for ${appended.length} appended`);
    // Lines before and after the old end map right.
    const size = fs.statSync(file).size;
    assert.equal(resumed.index.startOfLine(200_000), size - appended.length);
    assert.equal(resumed.index.lineOf(size - 1), 200_999);
    resumed.index.dispose();
  });

  it('a file touched without a change in size is a miss, not served stale', async () => {
    const folder = path.join(dir, 'cache-touch');
    const file = path.join(dir, 'touch.log');
    fs.writeFileSync(file, logText(1000));
    const cache = new LineIndexCache(folder, 1 << 20);
    const { index } = await indexWithJs(file);
    await withFd(file, (fd) => cache.store(fd, index.snapshot()));
    index.dispose();
    fs.utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    assert.equal(await withFd(file, (fd) => cache.lookup(fd)), undefined);
  });

  it('keeps the folder under its bound by evicting the least recently used entry', async () => {
    const folder = path.join(dir, 'cache-lru');
    const files = ['a', 'b', 'c', 'd'].map((name) => path.join(dir, `lru-${name}.log`));
    for (const file of files) fs.writeFileSync(file, logText(70_000));
    const snapshots: IndexSnapshot[] = [];
    for (const file of files) {
      const { index } = await indexWithJs(file);
      snapshots.push(index.snapshot());
      index.dispose();
    }
    // Room for three entries, not four.
    const probe = new LineIndexCache(path.join(dir, 'cache-lru-probe'), 1 << 20);
    await withFd(files[0], (fd) => probe.store(fd, snapshots[0]));
    const entrySize = fs.statSync(path.join(dir, 'cache-lru-probe', entries(path.join(dir, 'cache-lru-probe'))[0])).size;
    const cache = new LineIndexCache(folder, 3 * entrySize + entrySize / 2);
    for (const i of [0, 1, 2]) await withFd(files[i], (fd) => cache.store(fd, snapshots[i]));
    // a is used again, so b is now the least recently used.
    assert.equal((await withFd(files[0], (fd) => cache.lookup(fd)))?.kind, 'unchanged');
    await withFd(files[3], (fd) => cache.store(fd, snapshots[3]));
    const kinds = [];
    for (const file of files) kinds.push((await withFd(file, (fd) => cache.lookup(fd)))?.kind ?? 'miss');
    assert.deepEqual(kinds, ['unchanged', 'miss', 'unchanged', 'unchanged']);
    assert.ok(entries(folder).length === 3 && entries(folder).every((name) => name.endsWith('.hvidx')), `left: ${entries(folder)}`);
  });

  it('a corrupt or cut entry is ignored and removed; the next store writes a good one', async () => {
    const folder = path.join(dir, 'cache-corrupt');
    const file = path.join(dir, 'corrupt.log');
    fs.writeFileSync(file, logText(100_000));
    const cache = new LineIndexCache(folder, 1 << 20);
    const { index } = await indexWithJs(file);
    const snapshot = index.snapshot();
    index.dispose();
    for (const damage of ['flip a checkpoint byte', 'cut the end', 'garbage', 'empty']) {
      await withFd(file, (fd) => cache.store(fd, snapshot));
      const entry = path.join(folder, entries(folder)[0]);
      const bytes = fs.readFileSync(entry);
      if (damage === 'flip a checkpoint byte') bytes[bytes.length - 3] ^= 0xff;
      fs.writeFileSync(entry, damage === 'cut the end' ? bytes.subarray(0, bytes.length - 8) : damage === 'garbage' ? Buffer.from('not an index') : damage === 'empty' ? Buffer.alloc(0) : bytes);
      assert.equal(await withFd(file, (fd) => cache.lookup(fd)), undefined, damage);
      assert.deepEqual(entries(folder), [], `${damage}: the entry is removed`);
    }
    await withFd(file, (fd) => cache.store(fd, snapshot));
    assert.equal((await withFd(file, (fd) => cache.lookup(fd)))?.kind, 'unchanged');
  });

  it('a bound of 0 turns the cache off: nothing is stored, nothing is looked up', async () => {
    const folder = path.join(dir, 'cache-off');
    const file = path.join(dir, 'off.log');
    fs.writeFileSync(file, logText(1000));
    const { index } = await indexWithJs(file);
    let megabytes = 0;
    const cache = new LineIndexCache(folder, () => megabytes * 1024 * 1024);
    assert.equal(cache.enabled, false);
    await withFd(file, (fd) => cache.store(fd, index.snapshot()));
    assert.deepEqual(entries(folder), []);
    megabytes = 1; // a setting changed: read at each use
    await withFd(file, (fd) => cache.store(fd, index.snapshot()));
    assert.equal((await withFd(file, (fd) => cache.lookup(fd)))?.kind, 'unchanged');
    megabytes = 0;
    assert.equal(await withFd(file, (fd) => cache.lookup(fd)), undefined);
    index.dispose();
  });

  it('clear() removes every entry and temp file, and describe() reads an entry without touching the file', async () => {
    const folder = path.join(dir, 'cache-clear');
    const cache = new LineIndexCache(folder, 1 << 20);
    const files = ['x', 'y'].map((name) => path.join(dir, `clear-${name}.log`));
    for (const file of files) {
      fs.writeFileSync(file, logText(3000));
      const { index } = await indexWithJs(file);
      await withFd(file, (fd) => cache.store(fd, index.snapshot()));
      index.dispose();
    }
    assert.deepEqual(await cache.describe(files[0]), { size: fs.statSync(files[0]).size, scannedTo: fs.statSync(files[0]).size, newlines: 3000 });
    fs.writeFileSync(path.join(folder, 'left.by.a.crashed.writer.tmp'), 'x');
    fs.writeFileSync(path.join(folder, 'not-ours.txt'), 'x');
    assert.equal(await cache.clear(), 2);
    assert.deepEqual(entries(folder), ['not-ours.txt']);
    assert.equal(await cache.describe(files[0]), undefined);
  });

  it('startAfter: the index waits for the lookup, then counts on from the snapshot; a shrink meanwhile drops it', async () => {
    const file = path.join(dir, 'start-after.log');
    fs.writeFileSync(file, logText(100_000));
    const { index: first } = await indexWithJs(file);
    const snapshot = first.snapshot();
    first.dispose();
    const size = fs.statSync(file).size;

    // Restored whole: nothing is read.
    const scanner = jsScanner(file);
    const restored = new LineIndex(scanner, size);
    await restored.startAfter(Promise.resolve({ kind: 'unchanged' as const, snapshot }));
    assert.deepEqual({ done: restored.state.done, newlines: restored.state.newlines, scannedBytes: restored.scannedBytes, restored: restored.restored?.kind }, { done: true, newlines: 100_000, scannedBytes: 0, restored: 'unchanged' });
    assert.equal(scanner.bytesRead ?? 0, 0);
    restored.dispose();

    // A start() while the lookup is pending waits for it; a shrink meanwhile wins (counted from 0, right count).
    let answer!: (value: { kind: 'appended'; snapshot: IndexSnapshot }) => void;
    const pending = new Promise<{ kind: 'appended'; snapshot: IndexSnapshot }>((resolve) => (answer = resolve));
    const shrinking = new LineIndex(jsScanner(file), size);
    const started = shrinking.startAfter(pending);
    shrinking.start();
    assert.equal(shrinking.state.scannedTo, 0, 'start() holds while the lookup is pending');
    fs.truncateSync(file, size - 5000);
    shrinking.resize(size - 5000);
    answer({ kind: 'appended', snapshot });
    await started;
    const state = await done(shrinking);
    assert.equal(shrinking.restored, undefined);
    assert.equal(state.newlines, wcLines(file));
    shrinking.dispose();

    // Disposed before the lookup answers: no scan starts.
    const lateScanner = jsScanner(file);
    const late = new LineIndex(lateScanner, size - 5000);
    const lateStart = late.startAfter(Promise.resolve(undefined));
    late.dispose();
    await lateStart;
    assert.equal(lateScanner.bytesRead ?? 0, 0);
  });
});

