// The pread backend's file map and strings (worker threads, no addon) give what
// the native kernels give: the same buckets, the same strings as binutils.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAddon, FILE_MAP_FIELDS } from '../../src/bytes/nativeAddon';
import { startFileMap, type MapSource } from '../../src/filemap/fileMapJob';
import { bucketLayout } from '../../src/filemap/fileMapMath';
import { startStrings } from '../../src/strings/stringsJob';
import { patternBytes, tempDir } from '../helpers/files';
import { binutilsStrings, stringsBinary } from '../helpers/stringsFiles';

const { dir, cleanup } = tempDir('hugeview-fallbacks-');
after(cleanup);
const MiB = 2 ** 20;
const F = FILE_MAP_FIELDS.length;

/** A source with no addon: what a document on the pread backend lends the workers. */
function preadSource(file: string): MapSource {
  return {
    lendDescriptor: () => {
      const fd = fs.openSync(file, 'r');
      return { fd, path: file, release: () => fs.closeSync(fd) };
    },
  };
}

async function mapOf(source: MapSource, size: number, bucketSize: number): Promise<Float64Array> {
  const out = new Float64Array(Math.ceil(size / bucketSize) * F);
  let next = 0;
  const job = startFileMap(source, size, bucketSize, (first, values) => {
    assert.equal(first, next, 'buckets arrive in order');
    out.set(values, first * F);
    next = first + values.length / F;
  });
  assert.equal((await job.result).cancelled, false);
  assert.equal(next, out.length / F, 'every bucket arrived');
  return out;
}

describe('pread fallbacks of the file map and strings', () => {
  it('the worker file map equals the native one, bucket by bucket, for zero, random, text and partial buckets', async () => {
    const text = Buffer.from('2026-11-30 00:00:01 INFO request served in 12 ms\n'.repeat(30_000)).subarray(0, MiB);
    const bytes = Buffer.concat([Buffer.alloc(MiB), patternBytes(MiB, 5), text, stringsBinary(MiB + 777, 7, true)]);
    const file = path.join(dir, 'regions.bin');
    fs.writeFileSync(file, bytes);
    const m = loadAddon().open(file);
    try {
      for (const wanted of [7, 64, 1000]) {
        const { bucketSize } = bucketLayout(bytes.length, wanted);
        const [js, native] = [await mapOf(preadSource(file), bytes.length, bucketSize), await mapOf({ nativeFile: m, lendDescriptor: () => assert.fail('the native map lends no descriptor') }, bytes.length, bucketSize)];
        assert.equal(js.length, native.length);
        for (let i = 0; i < js.length; i++) assert.ok(Math.abs(js[i] - native[i]) < 1e-9, `${wanted} buckets: bucket ${Math.floor(i / F)} ${FILE_MAP_FIELDS[i % F]}: ${js[i]} vs ${native[i]}`);
      }
    } finally {
      m.close();
    }
  });

  for (const [name, args, encodings, minLength] of [
    ['strings -n 8', ['-n', '8'], ['ascii'], 8],
    ['strings -n 8 -e l', ['-n', '8', '-e', 'l'], ['utf16le'], 8],
    ['strings -n 4 -e S', ['-n', '4', '-e', 'S'], ['latin1'], 4],
  ] as const) {
    it(`the worker's strings equal ${name} -t d output, offsets too`, async () => {
      const file = path.join(dir, `strings-${minLength}.bin`);
      const bytes = stringsBinary(2 * MiB + 3, 7, true); // more than one 1 MiB chunk: runs cross chunk edges
      fs.writeFileSync(file, bytes);
      const found: number[] = [];
      const job = startStrings(preadSource(file), { minLength, encodings: [...encodings], from: 0, to: bytes.length }, (s) => found.push(...s));
      const { count, cancelled } = await job.result;
      assert.equal(cancelled, false);
      assert.equal(found.length / 3, count);
      let printed = '';
      for (let i = 0; i < found.length; i += 3) {
        const step = found[i + 2] === 4 ? 2 : 1;
        let s = '';
        for (let k = 0; k < found[i + 1]; k += step) s += String.fromCharCode(bytes[found[i] + k]);
        printed += `${String(found[i]).padStart(7)} ${s}\n`;
      }
      const want = binutilsStrings(file, [...args]);
      assert.ok(want.split('\n').length > 100, 'the binary has strings');
      assert.equal(printed, want);
    });
  }
});
