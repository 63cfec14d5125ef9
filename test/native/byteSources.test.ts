// The mmap and pread sources run the same tests: same bytes, same errors.
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { MmapSource } from '../../src/bytes/MmapSource';
import { PreadSource } from '../../src/bytes/PreadSource';
import { loadAddon } from '../../src/bytes/nativeAddon';
import type { ByteSource } from '../../src/bytes/ByteSource';
import { GiB, loopDevice, patternBytes, sparseFile, tempDir } from '../helpers/files';

const backends: Record<string, (file: string) => ByteSource> = {
  mmap: (file) => new MmapSource(loadAddon(), file),
  pread: (file) => new PreadSource(file),
};

const { dir, cleanup } = tempDir();
after(cleanup);
const small = path.join(dir, 'small.bin');
const empty = path.join(dir, 'empty.bin');
const sparse = path.join(dir, 'sparse-6g.bin');
const content = patternBytes(100_000, 7);
const SIX_GIB = 6 * GiB;
const markers = { 0: 'A', [4 * GiB - 1]: 'B', [4 * GiB + 7]: 'C', [SIX_GIB - 1]: 'Z' };

before(() => {
  fs.writeFileSync(small, content);
  fs.writeFileSync(empty, '');
  sparseFile(sparse, SIX_GIB, markers);
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

for (const [name, open] of Object.entries(backends)) {
  describe(`${name} source`, () => {
    it('reads the bytes written, and reports its backend and size', () => {
      const source = open(small);
      assert.equal(source.backend, name);
      assert.equal(source.size, content.length);
      const target = new Uint8Array(1000);
      assert.equal(source.read(5000, target), 1000);
      assert.deepEqual(Buffer.from(target), content.subarray(5000, 6000));
      source.close();
    });

    it('reads short at the end of the file and 0 past it', () => {
      const source = open(small);
      const target = new Uint8Array(64);
      assert.equal(source.read(content.length - 10, target), 10);
      assert.deepEqual(Buffer.from(target.subarray(0, 10)), content.subarray(content.length - 10));
      assert.equal(source.read(content.length, target), 0);
      assert.equal(source.read(content.length + 12345, target), 0);
      source.close();
    });

    it('opens a 0-byte file with size 0 and reads nothing', () => {
      const source = open(empty);
      assert.equal(source.size, 0);
      assert.equal(source.read(0, new Uint8Array(16)), 0);
      source.close();
    });

    it('reads marker bytes at 0, 4 GiB − 1, 4 GiB + 7 and the last byte of a sparse 6 GiB file', () => {
      const source = open(sparse);
      assert.equal(source.size, SIX_GIB);
      for (const [offset, marker] of Object.entries(markers)) {
        const target = new Uint8Array(3);
        const n = source.read(Number(offset) - 1 < 0 ? 0 : Number(offset) - 1, target);
        const got = Number(offset) === 0 ? target[0] : target[1];
        assert.equal(String.fromCharCode(got), marker, `marker at ${offset}`);
        assert.ok(n >= 2);
      }
      source.close();
    });

    it('refuses a missing file with ENOENT, naming the path', () => {
      const missing = path.join(dir, 'no-such-file');
      assert.throws(() => open(missing), (e: Error & { code?: string }) => e.code === 'ENOENT' && e.message.includes(missing));
    });

    it('refuses a directory with EISDIR', () => {
      assert.equal(codeOf(() => open(dir)), 'EISDIR');
    });

    it('refuses a FIFO with ENOTREG, without blocking for a writer', () => {
      const fifo = path.join(dir, `fifo-${name}`);
      execFileSync('mkfifo', [fifo]);
      assert.equal(codeOf(() => open(fifo)), 'ENOTREG');
    });

    it('refuses a character device with ENOTREG', () => {
      assert.equal(codeOf(() => open('/dev/null')), 'ENOTREG');
    });

    it('throws ECLOSED for a read after close, and for a second close', () => {
      const source = open(small);
      source.close();
      assert.equal(codeOf(() => source.read(0, new Uint8Array(4))), 'ECLOSED');
      assert.equal(codeOf(() => source.close()), 'ECLOSED');
    });

    it('refresh() sees the file grow and shrink', () => {
      const growing = path.join(dir, `growing-${name}.log`);
      fs.writeFileSync(growing, 'first line\n');
      const source = open(growing);
      assert.equal(source.size, 11);
      fs.appendFileSync(growing, 'second line\n');
      assert.equal(source.refresh(), 23);
      const target = new Uint8Array(12);
      assert.equal(source.read(11, target), 12);
      assert.equal(Buffer.from(target).toString(), 'second line\n');
      fs.truncateSync(growing, 5);
      assert.equal(source.refresh(), 5);
      assert.equal(source.read(0, target), 5);
      source.close();
    });

    it('throws ETRUNCATED for a read of bytes another process cut off', () => {
      const victim = path.join(dir, `victim-${name}.bin`);
      fs.writeFileSync(victim, patternBytes(64 * 1024, 3));
      const source = open(victim);
      fs.truncateSync(victim, 4096);
      assert.equal(codeOf(() => source.read(32 * 1024, new Uint8Array(100))), 'ETRUNCATED');
      // The bytes that are still there still read.
      assert.equal(source.read(0, new Uint8Array(100)), 100);
      source.close();
    });
  });
}

describe('mmap and pread agree', () => {
  it('return identical bytes for 500 random ranges', () => {
    const big = path.join(dir, 'agree.bin');
    const data = patternBytes(3 * 1024 * 1024 + 123, 11);
    fs.writeFileSync(big, data);
    const a = backends.mmap(big);
    const b = backends.pread(big);
    let x = 12345;
    const next = () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 500; i++) {
      const offset = Math.floor(next() * (data.length + 1000));
      const length = Math.floor(next() * 200_000);
      const ta = new Uint8Array(length);
      const tb = new Uint8Array(length);
      const na = a.read(offset, ta);
      const nb = b.read(offset, tb);
      assert.equal(na, nb, `count at ${offset}+${length}`);
      assert.deepEqual(ta, tb);
      assert.deepEqual(Buffer.from(ta.subarray(0, na)), data.subarray(offset, offset + na));
    }
    a.close();
    b.close();
  });
});

describe('mmap and pread agree after a shrink', () => {
  it('a read past the new end throws ETRUNCATED through both, even inside the last page', () => {
    const file = path.join(dir, 'shrunk.bin');
    const data = patternBytes(100_000, 13);
    fs.writeFileSync(file, data);
    const sources = [backends.mmap(file), backends.pread(file)];
    // 50,000 is mid-page: the mapping keeps that page, zero-filled past the end.
    fs.truncateSync(file, 50_000);
    const outcome = (source: ByteSource, offset: number, length: number) => {
      const target = new Uint8Array(length);
      try {
        const n = source.read(offset, target);
        return `${n} ${Buffer.from(target.subarray(0, n)).equals(data.subarray(offset, offset + n))}`;
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    for (const [offset, length] of [[49_000, 900], [49_900, 200], [50_000, 10], [50_100, 50], [49_200, 2000], [70_000, 16]]) {
      assert.deepEqual(sources.map((s) => outcome(s, offset, length)), sources.map(() => outcome(sources[1], offset, length)), `read(${offset}, ${length})`);
    }
    assert.equal(outcome(sources[0], 50_100, 50), 'ETRUNCATED');
    assert.equal(outcome(sources[0], 49_000, 900), '900 true');
    for (const source of sources) source.close();
  });
});

describe('per-file fallback when mmap is refused', () => {
  // sysfs attribute files refuse mmap (ENODEV) and claim 4096 bytes for a line of text.
  const refusing = '/sys/kernel/mm/transparent_hugepage/enabled';

  it(`a file whose filesystem refuses mmap (${refusing}) opens through pread, says why, and reads its bytes`, () => {
    assert.ok(fs.existsSync(refusing), `${refusing} is missing: this test needs a Linux sysfs mounted at /sys`);
    assert.throws(() => backends.mmap(refusing), (e: Error & { code?: string; syscall?: string }) => e.code === 'ENODEV' && e.syscall === 'mmap', 'the addon alone cannot map it');
    const out = execFileSync(process.execPath, ['-e', `
      const { openByteSource } = require(${JSON.stringify(path.join(__dirname, 'child-loader.js'))});
      const reasons = [];
      const source = openByteSource(${JSON.stringify(refusing)}, (r) => reasons.push(r));
      const other = openByteSource(${JSON.stringify(small)}, (r) => reasons.push(r));
      const target = new Uint8Array(source.size);
      const n = source.read(0, target);
      console.log(JSON.stringify({ backend: source.backend, why: source.fallbackReason, reasons, other: other.backend, text: Buffer.from(target.subarray(0, n)).toString() }));`]).toString();
    const result = JSON.parse(out);
    assert.equal(result.backend, 'pread');
    assert.equal(result.other, 'mmap', 'other files still map');
    assert.equal(result.reasons.length, 1);
    assert.match(result.reasons[0], /mmap refused for .*ENODEV/);
    assert.equal(result.why, result.reasons[0]);
    assert.equal(result.text, fs.readFileSync(refusing, 'utf8'));
  });
});

describe('block devices', () => {
  it('a loop device over a disk image opens read-only through both backends, sized by the device', () => {
    const image = path.join(dir, 'disk.img');
    const SIZE = 4 * 1024 * 1024;
    const marks = { 0: 'BOOT', 1_234_567: 'MIDDLE', [SIZE - 4]: 'LAST' };
    sparseFile(image, SIZE, marks);
    const { device, detach } = loopDevice(image);
    try {
      assert.ok(fs.statSync(device).isBlockDevice(), `${device} is a block device`);
      for (const [name, open] of Object.entries(backends)) {
        const source = open(device);
        assert.equal(source.backend, name);
        assert.equal(source.size, SIZE, `${name}: the device's size, not st_size (0)`);
        for (const [offset, mark] of Object.entries(marks)) {
          const target = new Uint8Array(mark.length);
          assert.equal(source.read(Number(offset), target), mark.length);
          assert.equal(Buffer.from(target).toString('latin1'), mark, `${name} at ${offset}`);
        }
        assert.equal(source.read(SIZE, new Uint8Array(8)), 0, `${name}: nothing past the end`);
        assert.equal(source.refresh(), SIZE, `${name}: refresh keeps the device's size`);
        source.close();
      }
    } finally {
      detach();
    }
  });
});

describe('permissions', () => {
  it('refuses a file the user may not read with EACCES (both backends, as an unprivileged user)', () => {
    const secret = path.join(dir, 'secret.bin');
    fs.writeFileSync(secret, 'secret');
    fs.chmodSync(secret, 0o000);
    fs.chmodSync(dir, 0o755);
    // Root reads anything, so the check runs as `nobody` in a child process.
    const script = `
      const { MmapSource } = require(${JSON.stringify(path.join(__dirname, 'child-sources.js'))});
      const codes = [];
      for (const open of [MmapSource.mmap, MmapSource.pread]) {
        try { open(${JSON.stringify(secret)}); codes.push('opened'); } catch (e) { codes.push(e.code); }
      }
      process.stdout.write(codes.join(','));`;
    const asRoot = process.getuid?.() === 0;
    const out = execFileSync(process.execPath, ['-e', script], asRoot ? { uid: 65534, gid: 65534 } : {}).toString();
    assert.equal(out, 'EACCES,EACCES');
  });
});
