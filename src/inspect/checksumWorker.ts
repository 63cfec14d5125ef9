import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { once } from 'node:events';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { crc32, crc32Implementation } from './crc32';

/**
 * CRC-32 and SHA-256 of a byte range of a file, off the extension host's
 * thread (dist/checksum-worker.js). Two threads share the work: this one
 * reads 1 MiB chunks into a ring of shared slots and runs CRC-32 over each;
 * a second one (this same file, role 'sha') runs SHA-256 over the slots in
 * order. SHA-256 is the slow half, so it gets a thread to itself and the
 * reading and CRC-32 happen meanwhile.
 */
export interface ChecksumInput {
  /** A descriptor the host holds open for the whole run (the document's): the worker never opens a path. */
  fd: number;
  /** For messages. */
  name: string;
  start: number;
  end: number;
  /** Int32Array(1) over it: set to 1 to stop. */
  cancelFlag: SharedArrayBuffer;
}

export type ChecksumMessage =
  | { type: 'progress'; done: number }
  | { type: 'done'; crc32: string; sha256: string; bytes: number; ms: number; crcImplementation: string }
  | { type: 'cancelled' }
  | { type: 'failed'; code: string; message: string };

const CHUNK = 1 << 20;
const SLOTS = 8;
/** A slot's state: 0 free, n > 0 holds n bytes, END after the last chunk, ABORT to stop. */
const END = -1;
const ABORT = -2;

interface ShaInput {
  role: 'sha';
  data: SharedArrayBuffer;
  state: SharedArrayBuffer;
}

/** The SHA-256 thread: hashes filled slots in ring order until END (or ABORT). */
function hashSlots(input: ShaInput): string | undefined {
  const state = new Int32Array(input.state);
  const sha = crypto.createHash('sha256');
  for (let i = 0; ; i = (i + 1) % SLOTS) {
    let n: number;
    while ((n = Atomics.load(state, i)) === 0) Atomics.wait(state, i, 0, 1000);
    if (n === END) return sha.digest('hex');
    if (n === ABORT) return undefined;
    sha.update(new Uint8Array(input.data, i * CHUNK, n));
    Atomics.store(state, i, 0);
    Atomics.notify(state, i);
  }
}

async function run(input: ChecksumInput): Promise<ChecksumMessage> {
  const port = parentPort!;
  const cancelled = new Int32Array(input.cancelFlag);
  const began = performance.now();
  const data = new SharedArrayBuffer(SLOTS * CHUNK);
  const stateBuffer = new SharedArrayBuffer(SLOTS * 4);
  const state = new Int32Array(stateBuffer);
  const shaWorker = new Worker(__filename, { workerData: { role: 'sha', data, state: stateBuffer } satisfies ShaInput });
  const shaResult = once(shaWorker, 'message') as Promise<[string | undefined]>;
  shaWorker.on('error', () => undefined); // reported through shaResult rejecting
  const fd = input.fd;
  let slot = 0;
  const claim = () => {
    while (Atomics.load(state, slot) !== 0) Atomics.wait(state, slot, Atomics.load(state, slot), 1000);
  };
  const publish = (value: number) => {
    Atomics.store(state, slot, value);
    Atomics.notify(state, slot);
    slot = (slot + 1) % SLOTS;
  };
  try {
    let crc = 0;
    let position = input.start;
    let lastReport = began;
    while (position < input.end) {
      if (Atomics.load(cancelled, 0) !== 0) {
        claim();
        publish(ABORT);
        return { type: 'cancelled' };
      }
      claim();
      const target = new Uint8Array(data, slot * CHUNK, Math.min(CHUNK, input.end - position));
      const n = fs.readSync(fd, target, 0, target.length, position);
      if (n === 0) {
        // The file shrank: a checksum of fewer bytes than asked would be labelled with the wrong range.
        const error = new Error(`ETRUNCATED: '${input.name}' shrank during the checksum; the bytes from offset ${position} are gone`);
        throw Object.assign(error, { code: 'ETRUNCATED' });
      }
      crc = crc32(n === target.length ? target : target.subarray(0, n), crc);
      publish(n);
      position += n;
      const now = performance.now();
      if (now - lastReport > 100) {
        lastReport = now;
        port.postMessage({ type: 'progress', done: position - input.start } satisfies ChecksumMessage);
      }
    }
    claim();
    publish(END);
    const [sha256] = await shaResult;
    if (sha256 === undefined) throw new Error('the SHA-256 thread stopped early');
    return {
      type: 'done',
      crc32: crc.toString(16).toUpperCase().padStart(8, '0'),
      sha256,
      bytes: position - input.start,
      ms: performance.now() - began,
      crcImplementation: crc32Implementation,
    };
  } catch (error) {
    // let the SHA thread go: every slot says stop
    for (let i = 0; i < SLOTS; i++) Atomics.store(state, i, ABORT), Atomics.notify(state, i);
    throw error;
  } finally {
    void shaWorker.terminate();
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  if ((workerData as { role?: string }).role === 'sha') {
    port.postMessage(hashSlots(workerData as ShaInput));
  } else {
    run(workerData as ChecksumInput).then(
      (message) => port.postMessage(message),
      (error: { code?: unknown; message?: unknown }) =>
        port.postMessage({ type: 'failed', code: typeof error.code === 'string' ? error.code : 'EFAILED', message: String(error.message ?? error) } satisfies ChecksumMessage),
    );
  }
}
