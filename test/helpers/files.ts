import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A temp folder for one test file, removed by the returned cleanup. */
// Every test file is its own bundle, each with its own copy of this module: the registry lives on globalThis,
// under a Symbol.for key, so the suite runner's removeTempDirs() sees the folders every file made.
const REGISTRY = Symbol.for('hugeview.test.tempDirs');
const madeDirs: Set<string> = ((globalThis as Record<symbol, Set<string> | undefined>)[REGISTRY] ??= new Set<string>());

export function tempDir(prefix = 'hugeview-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  madeDirs.add(dir);
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Removes every folder tempDir() made in this process. A suite's own cleanup
 * runs only when one of its tests ran; under --grep the others' folders stayed.
 */
export function removeTempDirs(): void {
  for (const dir of madeDirs) fs.rmSync(dir, { recursive: true, force: true });
  madeDirs.clear();
}

export const GiB = 2 ** 30;

/** A sparse file of `size` bytes with `markers` written at their offsets. */
export function sparseFile(file: string, size: number, markers: Record<number, Uint8Array | string>): void {
  fs.writeFileSync(file, '');
  fs.truncateSync(file, size);
  const fd = fs.openSync(file, 'r+');
  try {
    for (const [offset, bytes] of Object.entries(markers)) {
      const data = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
      fs.writeSync(fd, data, 0, data.length, Number(offset));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Deterministic pseudo-random bytes (the same for the same seed). */
export function patternBytes(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  let x = seed | 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * Attaches `image` read-only to a free loop device (a real block device over a
 * disk image) and returns its path and a detach(); fails loudly, with what is
 * needed, where it cannot (not root, no /dev/loop-control, no losetup).
 */
export function loopDevice(image: string): { device: string; detach: () => void } {
  assert.equal(process.getuid?.(), 0, 'attaching a loop device (losetup) needs root: run the tests as root');
  let device = '';
  try {
    device = execFileSync('losetup', ['--find', '--show', '--read-only', image], { stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  } catch (error) {
    assert.fail(`losetup could not attach ${image}: ${(error as { stderr?: Buffer }).stderr ?? error} (needs root, /dev/loop-control and util-linux's losetup)`);
  }
  return { device, detach: () => execFileSync('losetup', ['--detach', device]) };
}
