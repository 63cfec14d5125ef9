// The checksum worker (dist/checksum-worker.js) against node:crypto and zlib on generated files.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionRoot } from '../../src/bytes/nativeAddon';
import { startChecksum } from '../../src/inspect/checksum';
import { crc32Js } from '../../src/inspect/crc32';
import { patternBytes, sparseFile, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-checksum-');
after(cleanup);
const dist = path.join(extensionRoot(__dirname), 'dist');

describe('checksum worker', () => {
  it('gives node:crypto SHA-256 and CRC-32 for ranges across 1 MiB chunk borders', async () => {
    const file = path.join(dir, 'pattern.bin');
    const data = patternBytes(3 * 1024 * 1024 + 12345, 7);
    fs.writeFileSync(file, data);
    for (const [start, end] of [[0, data.length], [1, 1 << 20], [(1 << 20) - 3, (2 << 20) + 5], [100, 100]]) {
      const progress: number[] = [];
      const result = await startChecksum(dist, file, start, end, (done) => progress.push(done)).result;
      const slice = data.subarray(start, end);
      assert.ok(result);
      assert.equal(result.sha256, crypto.createHash('sha256').update(slice).digest('hex'), `sha256 of [${start}, ${end})`);
      assert.equal(result.crc32, crc32Js(slice).toString(16).toUpperCase().padStart(8, '0'), `crc32 of [${start}, ${end})`);
      assert.equal(result.bytes, end - start);
    }
  });

  it('checksums a sparse 1 GiB range the same as hashing its zeros and marker', async () => {
    const file = path.join(dir, 'sparse.bin');
    const size = 2 ** 30 + 4096;
    sparseFile(file, size, { [size - 4]: 'TAIL' });
    // hash of the expected contents, streamed without a 3 GiB buffer
    const sha = crypto.createHash('sha256');
    const zeros = Buffer.alloc(1 << 24);
    let crc = 0;
    let left = size - 4;
    while (left > 0) {
      const n = Math.min(left, zeros.length);
      sha.update(zeros.subarray(0, n));
      crc = crc32Js(zeros.subarray(0, n), crc);
      left -= n;
    }
    sha.update('TAIL');
    crc = crc32Js(Buffer.from('TAIL'), crc);
    const result = await startChecksum(dist, file, 0, size).result;
    assert.equal(result?.sha256, sha.digest('hex'));
    assert.equal(result?.crc32, crc.toString(16).toUpperCase().padStart(8, '0'));
  });

  it('stops when cancelled and resolves undefined', async () => {
    const file = path.join(dir, 'big.bin');
    sparseFile(file, 2 ** 32, {});
    const job = startChecksum(dist, file, 0, 2 ** 32);
    setTimeout(() => job.cancel(), 50);
    const began = Date.now();
    assert.equal(await job.result, undefined);
    assert.ok(Date.now() - began < 2000, 'cancel took effect quickly');
  });

  it('reports a missing file as a coded error', async () => {
    await assert.rejects(startChecksum(dist, path.join(dir, 'nope.bin'), 0, 10).result, (error: Error & { code?: string }) => error.code === 'ENOENT');
  });
});
