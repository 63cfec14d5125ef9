// The checksum worker (dist/checksum-worker.js) against node:crypto and zlib on generated files.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { SharedDescriptor } from '../../src/bytes/SharedDescriptor';
import { startChecksum } from '../../src/inspect/checksum';
import { crc32Js } from '../../src/inspect/crc32';
import { patternBytes, sparseFile, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-checksum-');
after(cleanup);

describe('checksum worker', () => {
  it('gives node:crypto SHA-256 and CRC-32 for ranges across 1 MiB chunk borders', async () => {
    const file = path.join(dir, 'pattern.bin');
    const data = patternBytes(3 * 1024 * 1024 + 12345, 7);
    fs.writeFileSync(file, data);
    for (const [start, end] of [[0, data.length], [1, 1 << 20], [(1 << 20) - 3, (2 << 20) + 5], [100, 100]]) {
      const progress: number[] = [];
      const result = await startChecksum(file, start, end, (done) => progress.push(done)).result;
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
    const result = await startChecksum(file, 0, size).result;
    assert.equal(result?.sha256, sha.digest('hex'));
    assert.equal(result?.crc32, crc.toString(16).toUpperCase().padStart(8, '0'));
  });

  // 64 GiB of zero pages take about a minute to hash: a cancel that did not stop the job fails on the test's timeout.
  it('stops when cancelled and resolves undefined', { timeout: 30_000 }, async () => {
    const file = path.join(dir, 'big.bin');
    sparseFile(file, 2 ** 36, {});
    const job = startChecksum(file, 0, 2 ** 36);
    setTimeout(() => job.cancel(), 50);
    assert.equal(await job.result, undefined);
  });

  it('reports a missing file as a coded error', async () => {
    await assert.rejects(startChecksum(path.join(dir, 'nope.bin'), 0, 10).result, (error: Error & { code?: string }) => error.code === 'ENOENT');
  });
});

describe('checksum reads the document’s open file', () => {
  it('after a rename-and-replace of the path, a checksum through the document’s descriptor is of the original bytes', async () => {
    const file = path.join(dir, 'replaced.bin');
    const original = patternBytes((2 << 20) + 777, 11);
    fs.writeFileSync(file, original);
    const descriptor = new SharedDescriptor(file);
    try {
      // log rotation: the new file takes the path, the view still shows the old one
      const replacement = path.join(dir, 'replacement.bin');
      fs.writeFileSync(replacement, patternBytes(original.length, 12));
      fs.renameSync(replacement, file);
      const result = await startChecksum(descriptor.acquire(), 0, original.length).result;
      assert.equal(result?.sha256, crypto.createHash('sha256').update(original).digest('hex'));
      assert.equal(result?.bytes, original.length);
    } finally {
      descriptor.close();
    }
  });

  it('a file that shrinks during the checksum gives ETRUNCATED, not a result for fewer bytes', async () => {
    const file = path.join(dir, 'shrinking.bin');
    sparseFile(file, 2 ** 32, {});
    const descriptor = new SharedDescriptor(file);
    try {
      let truncated = false;
      const job = startChecksum(descriptor.acquire(), 0, 2 ** 32, () => {
        if (!truncated) fs.truncateSync(file, 3 << 20);
        truncated = true;
      });
      await assert.rejects(job.result, (error: Error & { code?: string }) => error.code === 'ETRUNCATED' && /shrank/.test(error.message));
      assert.ok(truncated, 'the file shrank while the checksum ran');
    } finally {
      descriptor.close();
    }
  });

  // A thread blocked in open() would never answer: the test's timeout is what fails then.
  it('a FIFO at the path is refused with ENOTREG, without a thread blocked in open()', { timeout: 30_000 }, async () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(startChecksum(fifo, 0, 10).result, (error: Error & { code?: string }) => error.code === 'ENOTREG');
  });

  it('a FIFO put at the path of an open file does not stop its checksum', async () => {
    const file = path.join(dir, 'then-fifo.bin');
    const data = patternBytes((1 << 20) + 5, 13);
    fs.writeFileSync(file, data);
    const descriptor = new SharedDescriptor(file);
    try {
      fs.rmSync(file);
      execFileSync('mkfifo', [file]);
      const result = await startChecksum(descriptor.acquire(), 0, data.length).result;
      assert.equal(result?.sha256, crypto.createHash('sha256').update(data).digest('hex'));
    } finally {
      descriptor.close();
    }
  });
});
