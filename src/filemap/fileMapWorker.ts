import * as fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { BucketStats, MAP_BLOCK, MAP_FIELDS } from './fileMapMath';

/**
 * The file map without the addon (dist/filemap-worker.js): reads the file
 * through the host's descriptor in 1 MiB chunks and computes the buckets as
 * native/file_map.cc does, posting finished buckets in batches.
 */
export interface FileMapInput {
  fd: number;
  name: string;
  size: number;
  bucketSize: number;
  cancelFlag: SharedArrayBuffer;
}

export type FileMapMessage =
  | { type: 'batch'; firstBucket: number; values: Float64Array; scannedTo: number }
  | { type: 'done'; firstBucket: number; values: Float64Array; scannedTo: number; cancelled: boolean }
  | { type: 'failed'; code: string; message: string };

const CHUNK = 1 << 20; // a multiple of MAP_BLOCK
const REPORT_MS = 50;

function run(input: FileMapInput): FileMapMessage {
  const port = parentPort!;
  const cancelled = new Int32Array(input.cancelFlag);
  const { fd, size, bucketSize } = input;
  const bucketCount = Math.ceil(size / bucketSize);
  const chunk = new Uint8Array(Math.min(CHUNK, Math.max(MAP_BLOCK, size)));
  let batch: number[] = [];
  let firstBucket = 0;
  let lastReport = performance.now();
  let position = 0;
  const out = new Float64Array(MAP_FIELDS);
  for (let index = 0; index < bucketCount; index++) {
    if (Atomics.load(cancelled, 0) !== 0) return { type: 'done', firstBucket, values: Float64Array.from(batch), scannedTo: position, cancelled: true };
    const end = Math.min(size, (index + 1) * bucketSize);
    const bucket = new BucketStats(end - position);
    while (position < end) {
      const want = Math.min(chunk.length, end - position);
      let got = 0;
      while (got < want) {
        const n = fs.readSync(fd, chunk, got, want - got, position + got);
        if (n === 0) throw Object.assign(new Error(`ETRUNCATED: '${input.name}' shrank while its map was drawn; the bytes at offset ${position + got} are gone`), { code: 'ETRUNCATED' });
        got += n;
      }
      for (let at = 0; at < want; at += MAP_BLOCK) bucket.addBlock(chunk, at, Math.min(want, at + MAP_BLOCK));
      position += want;
    }
    bucket.write(out, 0);
    batch.push(...out);
    const now = performance.now();
    if (index === 0 || now - lastReport >= REPORT_MS) {
      port.postMessage({ type: 'batch', firstBucket, values: Float64Array.from(batch), scannedTo: position } satisfies FileMapMessage);
      firstBucket = index + 1;
      batch = [];
      lastReport = now;
    }
  }
  return { type: 'done', firstBucket, values: Float64Array.from(batch), scannedTo: position, cancelled: false };
}

if (parentPort) {
  let message: FileMapMessage;
  try {
    message = run(workerData as FileMapInput);
  } catch (error) {
    const coded = error as { code?: unknown; message?: unknown };
    message = { type: 'failed', code: typeof coded.code === 'string' ? coded.code : 'EFAILED', message: String(coded.message ?? error) };
  }
  parentPort.postMessage(message);
}
