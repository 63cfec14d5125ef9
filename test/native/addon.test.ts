// The addon itself: argument checks, the fault guard, leaks, the extras.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { addonCandidates, extensionRoot, loadAddon } from '../../src/bytes/nativeAddon';
import { patternBytes, tempDir } from '../helpers/files';

const addon = loadAddon();
const { dir, cleanup } = tempDir();
after(cleanup);
const file = path.join(dir, 'data.bin');
fs.writeFileSync(file, patternBytes(256 * 1024, 5));

describe('argument checks', () => {
  const mapped = addon.open(file);
  after(() => mapped.close());
  const usage = /Usage: mappedFile\.read\(offset: number, target: Uint8Array\)/;

  for (const [label, args] of [
    ['no arguments', []],
    ['a string offset', ['0', new Uint8Array(4)]],
    ['a plain array target', [0, [1, 2, 3]]],
    ['a Uint16Array target', [0, new Uint16Array(4)]],
    ['a Buffer-less object', [0, {}]],
    ['three arguments', [0, new Uint8Array(4), 1]],
  ] as const) {
    it(`read() with ${label} throws TypeError with the usage`, () => {
      assert.throws(() => (mapped.read as (...a: unknown[]) => number)(...args), (e: Error) => e instanceof TypeError && usage.test(e.message));
    });
  }

  it('read() with a negative, fractional or unsafe offset throws RangeError', () => {
    for (const offset of [-1, 1.5, 2 ** 53, NaN, Infinity]) {
      assert.throws(() => mapped.read(offset, new Uint8Array(4)), RangeError, String(offset));
    }
  });

  it('open() without a string path throws TypeError with the usage', () => {
    assert.throws(() => (addon.open as (...a: unknown[]) => unknown)(42), /Usage: open\(path: string\)/);
    assert.throws(() => (addon.open as (...a: unknown[]) => unknown)(), TypeError);
  });

  it('advise() takes only the four advice names', () => {
    for (const advice of ['normal', 'random', 'sequential', 'willneed'] as const) mapped.advise(advice);
    assert.throws(() => (mapped.advise as (a: string) => void)('fast'), /Usage: mappedFile\.advise/);
  });

  it('residency() is 1 after a full read and a fraction in [0, 1] always', () => {
    const target = new Uint8Array(256 * 1024);
    mapped.read(0, target);
    assert.equal(mapped.residency(0, 256 * 1024), 1);
    assert.throws(() => mapped.residency(-1, 10), RangeError);
  });

  it('dropCache() runs without root and leaves the bytes readable', () => {
    mapped.dropCache();
    const target = new Uint8Array(16);
    assert.equal(mapped.read(1000, target), 16);
    assert.deepEqual(Buffer.from(target), patternBytes(256 * 1024, 5).subarray(1000, 1016));
  });

  it('every method after close() throws ECLOSED', () => {
    const other = addon.open(file);
    other.close();
    assert.equal(other.closed, true);
    for (const call of [() => other.read(0, new Uint8Array(1)), () => other.refresh(), () => other.advise('normal'), () => other.residency(0, 1), () => other.dropCache(), () => other.close()]) {
      assert.throws(call, (e: Error & { code?: string }) => e.code === 'ECLOSED' && e.message.includes(file));
    }
  });
});

describe('fault guard', () => {
  it('a child reading in a loop survives 1,000 truncate-and-regrow cycles; bad reads are ETRUNCATED errors', async () => {
    const victim = path.join(dir, 'race.bin');
    const size = 1024 * 1024;
    fs.writeFileSync(victim, patternBytes(size, 9));
    const addonPath = addonCandidates(extensionRoot(__dirname))[0];
    const child = spawn(process.execPath, ['-e', `
      const m = require(${JSON.stringify(addonPath)}).open(${JSON.stringify(victim)});
      const t = new Uint8Array(64 * 1024);
      let ok = 0, faults = 0, other = 0, x = 1;
      process.stdin.on('data', () => { process.stdout.write(JSON.stringify({ ok, faults, other }) + '\\n'); process.exit(0); });
      (function loop() {
        for (let i = 0; i < 200; i++) {
          x = (x * 1103515245 + 12345) >>> 0;
          try { m.read((x % 16) * 64 * 1024, t); ok++; } catch (e) { if (e.code === 'ETRUNCATED') { if (faults++ === 0) process.stdout.write('first fault\\n'); } else other++; }
        }
        if (ok === 200) process.stdout.write('reading\\n');
        setImmediate(loop);
      })();`], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve((exitCode = signal ? -1 : code))));
    const waitForOutput = (done: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => (done() ? resolve() : setTimeout(check, 5));
        check();
      });
    // Truncate only once the child reads (observable: it says so), and go on
    // until one of its reads has met a truncated page (at least 1,000 cycles;
    // on a busy machine the child may sleep through a short burst).
    await waitForOutput(() => stdout.includes('reading') || exitCode !== undefined);
    const fd = fs.openSync(victim, 'r+');
    const page = patternBytes(4096, 1);
    const deadline = Date.now() + 30_000;
    for (let i = 0; (i < 1000 || !stdout.includes('first fault')) && Date.now() < deadline && exitCode === undefined; i++) {
      fs.ftruncateSync(fd, 4096);
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 2));
      fs.ftruncateSync(fd, size);
      fs.writeSync(fd, page, 0, page.length, size - 4096);
    }
    fs.closeSync(fd);
    child.stdin.write('report\n');
    const code = await exited;
    assert.equal(code, 0, `the reader died (exit ${code}); stderr: ${stderr}`);
    const counts = JSON.parse(stdout.trim().split('\n').pop()!);
    assert.equal(counts.other, 0, `unexpected errors: ${stdout}`);
    assert.ok(counts.ok > 0, `no read succeeded: ${stdout}`);
    assert.ok(counts.faults > 0, `no read hit a truncated page, so the race was not exercised: ${stdout}`);
  });

  it('a WebAssembly out-of-bounds access still throws RuntimeError after the guard is installed', () => {
    // (module (memory 1) (func (export "load") (param i32) (result i32) local.get 0 i32.load))
    const wasm = Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 127, 1, 127, 3, 2, 1, 0, 5, 3, 1, 0, 1, 7, 8, 1, 4, 108, 111, 97, 100, 0, 0, 10, 9, 1, 7, 0, 32, 0, 40, 2, 0, 11]);
    const out = execFileSync(process.execPath, ['-e', `
      const m = require(${JSON.stringify(addonCandidates(extensionRoot(__dirname))[0])}).open(${JSON.stringify(file)});
      m.read(0, new Uint8Array(8));
      const { exports } = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(${JSON.stringify(Array.from(wasm))})));
      const inBounds = exports.load(8);
      try { exports.load(10 * 65536); console.log('no trap'); } catch (e) { console.log(e.constructor.name + ':' + (e instanceof WebAssembly.RuntimeError) + ':' + inBounds); }
    `]).toString().trim();
    assert.equal(out, 'RuntimeError:true:0');
  });

  it('an unrelated segmentation fault still kills the process (faults outside the guard are forwarded)', () => {
    const result = spawnSyncNode(`
      require(${JSON.stringify(addonCandidates(extensionRoot(__dirname))[0])}).open(${JSON.stringify(file)});
      process.kill(process.pid, 'SIGSEGV');`);
    assert.equal(result.signal, 'SIGSEGV');
  });
});

describe('resources', () => {
  it('10,000 open/close cycles leave /proc/self/fd and /proc/self/maps counts where they were', () => {
    // Mappings of this file (the V8 heap maps and unmaps its own pages as it pleases).
    const count = (p: string) => (p.endsWith('maps') ? fs.readFileSync(p, 'utf8').split('\n').filter((l) => l.endsWith(file)).length : fs.readdirSync(p).length);
    const target = new Uint8Array(64);
    for (let i = 0; i < 10; i++) addon.open(file).close();
    const fds = count('/proc/self/fd');
    const maps = count('/proc/self/maps');
    for (let i = 0; i < 10_000; i++) {
      const m = addon.open(file);
      m.read(i * 7, target);
      m.close();
    }
    assert.equal(count('/proc/self/fd'), fds);
    assert.equal(count('/proc/self/maps'), maps);
    // and the count does move while a file is open, so the check can fail
    const open = addon.open(file);
    assert.equal(count('/proc/self/maps'), maps + 1);
    open.close();
  });
});

describe('loader', () => {
  it('names every path it tried when the addon is missing', () => {
    const empty = fs.mkdtempSync(path.join(dir, 'noaddon-'));
    const script = `
      const { loadAddon } = require(${JSON.stringify(path.join(__dirname, 'child-loader.js'))});
      try { loadAddon(${JSON.stringify(empty)}); } catch (e) { console.log(e.message); }`;
    const out = execFileSync(process.execPath, ['-e', script]).toString();
    assert.match(out, /build\/Release\/hugeview\.node: not found/);
    assert.match(out, new RegExp(`prebuilds/${process.platform}-${process.arch}/hugeview\\.node: not found`));
  });

  it('with no addon in the package (the universal VSIX) the reason says pread is used and which VSIX to install', () => {
    const empty = fs.mkdtempSync(path.join(dir, 'universal-'));
    const script = `
      const { loadAddon } = require(${JSON.stringify(path.join(__dirname, 'child-loader.js'))});
      try { loadAddon(${JSON.stringify(empty)}); } catch (e) { console.log(e.message); }`;
    const out = execFileSync(process.execPath, ['-e', script]).toString();
    assert.match(out, new RegExp(`no native addon for ${process.platform}-${process.arch} \\(the universal VSIX\\): files are read with pread`));
    assert.match(out, /install the VSIX for your platform/);
  });

  it('openByteSource falls back to pread, and says why once, when the addon cannot load', () => {
    const script = `
      const { openByteSource } = require(${JSON.stringify(path.join(__dirname, 'child-loader.js'))});
      const reasons = [];
      const a = openByteSource(${JSON.stringify(file)}, (r) => reasons.push(r));
      const b = openByteSource(${JSON.stringify(file)}, (r) => reasons.push(r));
      const t = new Uint8Array(4); a.read(0, t);
      console.log(JSON.stringify({ backends: [a.backend, b.backend], reasons: reasons.length, reason: reasons[0], bytes: Array.from(t) }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, HUGEVIEW_DISABLE_ADDON: '1' } }).toString());
    assert.deepEqual(out.backends, ['pread', 'pread']);
    assert.equal(out.reasons, 1);
    assert.match(out.reason, /HUGEVIEW_DISABLE_ADDON/);
    assert.deepEqual(out.bytes, Array.from(patternBytes(4, 5)));
  });

  it('openByteSource prefers mmap when the addon loads', () => {
    const out = execFileSync(process.execPath, ['-e', `
      const { openByteSource } = require(${JSON.stringify(path.join(__dirname, 'child-loader.js'))});
      console.log(openByteSource(${JSON.stringify(file)}).backend);`]).toString().trim();
    assert.equal(out, 'mmap');
  });
});

function spawnSyncNode(code: string) {
  return require('node:child_process').spawnSync(process.execPath, ['-e', code]) as { status: number | null; signal: string | null };
}
