// The addon must never take the process down: hostile option objects, jobs
// that outlive close(), and worker threads terminated with jobs in flight.
// Each case runs in a child process that stands for the extension host.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { addonCandidates, extensionRoot } from '../../src/bytes/nativeAddon';
import { tempDir } from '../helpers/files';

const addonPath = addonCandidates(extensionRoot(__dirname))[0];
const { dir, cleanup } = tempDir();
after(cleanup);
const file = path.join(dir, 'lines.txt');
const LINES = 20_000;
fs.writeFileSync(file, 'a line of text\n'.repeat(LINES));

/** Runs `code` in a fresh Node process with `addon`, `file` and `fs` in scope; returns its exit and output. */
function runChild(code: string, env: Record<string, string> = {}) {
  const script = `const addon = require(${JSON.stringify(addonPath)}); const fs = require('fs'); const file = ${JSON.stringify(file)};\n${code}`;
  const result = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

describe('jobs and close()', () => {
  it('jobs queued before close() reject with ECLOSED instead of resolving with 0 results', () => {
    const fifo = path.join(dir, 'pool-blocker');
    execFileSync('mkfifo', [fifo]);
    // One thread-pool thread, held by an open() of a FIFO that waits for a
    // writer: the jobs stay queued until after close(), on every run.
    const out = runChild(`
      fs.open(${JSON.stringify(fifo)}, 'r', (err, fd) => { if (!err) fs.closeSync(fd); });
      const m = addon.open(file);
      const size = m.size;
      const jobs = {
        'indexLines via mmap': m.indexLines({ from: 0, newlinesBefore: 0, to: size, everyLines: 1000, everyBytes: 1 << 20, via: 'mmap' }, () => {}),
        'indexLines via pread': m.indexLines({ from: 0, newlinesBefore: 0, to: size, everyLines: 1000, everyBytes: 1 << 20, via: 'pread' }, () => {}),
        'search': m.search({ patterns: [{ bytes: Buffer.from('line'), caseInsensitive: false }], from: 0, to: size, resumeAt: 0 }, () => {}),
      };
      m.close();
      // Release the pool: a non-blocking writer open succeeds once the reader waits.
      (function release() {
        try { fs.closeSync(fs.openSync(${JSON.stringify(fifo)}, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)); }
        catch (e) { if (e.code === 'ENXIO') return setImmediate(release); throw e; }
      })();
      Promise.allSettled(Object.values(jobs).map((j) => j.promise)).then((results) => {
        const out = {};
        Object.keys(jobs).forEach((name, i) => {
          const r = results[i];
          out[name] = r.status === 'fulfilled' ? 'resolved ' + JSON.stringify({ newlines: r.value.newlines, count: r.value.count }) : r.reason.code;
        });
        console.log(JSON.stringify(out));
      });`, { UV_THREADPOOL_SIZE: '1' });
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(JSON.parse(out.stdout), { 'indexLines via mmap': 'ECLOSED', 'indexLines via pread': 'ECLOSED', search: 'ECLOSED' });
  });

  it('a job running when close() is called stops and rejects with ECLOSED, or finishes with the full count', () => {
    const out = runChild(`
      const m = addon.open(file);
      const job = m.indexLines({ from: 0, newlinesBefore: 0, to: m.size, everyLines: 1000, everyBytes: 1 << 20, via: 'mmap' }, () => {});
      setImmediate(() => m.close());
      job.promise.then((r) => console.log('resolved ' + r.newlines), (e) => console.log(e.code));`);
    assert.equal(out.status, 0, out.stderr);
    assert.ok(['ECLOSED', `resolved ${LINES}`].includes(out.stdout.trim()), out.stdout);
  });
});

// Option objects whose property reads throw: the getter's error must reach
// the caller as an ordinary exception (not abort the process).
const hostileOptions: Array<[string, string]> = [
  ['indexLines with a throwing "from" getter', `m.indexLines({ get from() { throw new Error('boom'); }, newlinesBefore: 0, to: 10, everyLines: 1, everyBytes: 4096, via: 'mmap' }, () => {})`],
  ['indexLines with a throwing "everyBytes" getter', `m.indexLines({ from: 0, newlinesBefore: 0, to: 10, everyLines: 1, get everyBytes() { throw new Error('boom'); }, via: 'mmap' }, () => {})`],
  ['indexLines with a throwing "via" getter', `m.indexLines({ from: 0, newlinesBefore: 0, to: 10, everyLines: 1, everyBytes: 4096, get via() { throw new Error('boom'); } }, () => {})`],
  ['indexLines with a throwing "unit" getter', `m.indexLines({ from: 0, newlinesBefore: 0, to: 10, everyLines: 1, everyBytes: 4096, via: 'mmap', get unit() { throw new Error('boom'); } }, () => {})`],
  ['indexLines with a Proxy whose get trap throws', `m.indexLines(new Proxy({}, { get() { throw new Error('boom'); } }), () => {})`],
  ['search with a throwing "from" getter', `m.search({ patterns: [], get from() { throw new Error('boom'); }, to: 10, resumeAt: 0 }, () => {})`],
  ['search with a throwing "patterns" getter', `m.search({ get patterns() { throw new Error('boom'); }, from: 0, to: 10, resumeAt: 0 }, () => {})`],
  ['search with a throwing pattern element', `m.search({ patterns: Object.defineProperty([0], 0, { get() { throw new Error('boom'); } }), from: 0, to: 10, resumeAt: 0 }, () => {})`],
  ['search with a throwing "bytes" getter', `m.search({ patterns: [{ get bytes() { throw new Error('boom'); }, caseInsensitive: false }], from: 0, to: 10, resumeAt: 0 }, () => {})`],
  ['search with a throwing "mask" getter', `m.search({ patterns: [{ bytes: new Uint8Array([1]), get mask() { throw new Error('boom'); }, caseInsensitive: false }], from: 0, to: 10, resumeAt: 0 }, () => {})`],
  ['search with a throwing "caseInsensitive" getter', `m.search({ patterns: [{ bytes: new Uint8Array([1]), get caseInsensitive() { throw new Error('boom'); } }], from: 0, to: 10, resumeAt: 0 }, () => {})`],
  ['search with a Proxy whose get trap throws', `m.search(new Proxy({}, { get() { throw new Error('boom'); } }), () => {})`],
  ['search with a Proxy around the patterns array', `m.search({ patterns: new Proxy([{ bytes: new Uint8Array([1]), caseInsensitive: false }], { get(t, k) { if (k === '0') throw new Error('boom'); return Reflect.get(t, k); } }), from: 0, to: 10, resumeAt: 0 }, () => {})`],
];

describe('hostile option objects', () => {
  for (const [label, call] of hostileOptions) {
    it(`${label} throws to the caller and the process lives on`, () => {
      const out = runChild(`
        const m = addon.open(file);
        let outcome = 'no exception';
        try { const job = ${call}; job.promise.catch(() => {}); job.cancel(); } catch (e) { outcome = (e instanceof TypeError ? 'TypeError' : e.message); }
        m.close();
        console.log(outcome);`);
      assert.equal(out.signal, null, `the process died of ${out.signal}: ${out.stderr}`);
      assert.equal(out.status, 0, out.stderr);
      assert.ok(['boom', 'TypeError'].includes(out.stdout.trim()), out.stdout);
    });
  }
});

describe('worker threads', () => {
  it('terminating a worker thread with every kind of job in flight (line index, search, level count, compare, file map, strings) leaves the process alive (5 times)', () => {
    const out = runChild(`
      const { Worker } = require('worker_threads');
      const body = \`
        const { parentPort, workerData } = require('worker_threads');
        const m = require(workerData.addonPath).open(workerData.file);
        for (let i = 0; i < 8; i++) {
          m.indexLines({ from: 0, newlinesBefore: 0, to: m.size, everyLines: 1, everyBytes: 4096, via: i % 2 ? 'mmap' : 'pread' }, () => {}).promise.catch(() => {});
          m.search({ patterns: [{ bytes: Buffer.from('a'), caseInsensitive: false }], from: 0, to: m.size, resumeAt: 0 }, () => {}).promise.catch(() => {});
          m.countLevels({ from: 0, to: m.size, buckets: 64 }, () => {}).promise.catch(() => {});
          m.compare(m, {}, () => {}).promise.catch(() => {});
          m.fileMap({ bucketCount: 64 }, () => {}).promise.catch(() => {});
          m.strings({ minLength: 4, encodings: ['ascii', 'utf16le'] }, () => {}).promise.catch(() => {});
        }
        parentPort.postMessage('queued');\`;
      let runs = 0;
      (function next() {
        if (runs++ === 5) { console.log('alive'); return; }
        const w = new Worker(body, { eval: true, workerData: { addonPath: ${JSON.stringify(addonPath)}, file } });
        w.once('message', () => w.terminate().then(next));
        w.once('error', (e) => { console.log('worker error ' + e.message); process.exit(3); });
      })();`);
    assert.equal(out.signal, null, `the process died of ${out.signal}: ${out.stderr}`);
    assert.equal(out.status, 0, out.stderr);
    assert.equal(out.stdout.trim(), 'alive');
  });
});

