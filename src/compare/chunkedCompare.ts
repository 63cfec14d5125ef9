/**
 * The compare without the native addon (pread backend, the universal VSIX):
 * both files read through their ByteSource a chunk at a time, the JS thread
 * given back between chunks, so the extension host keeps answering and a
 * cancel lands within one chunk. Same results as the native kernel:
 * consecutive differing bytes coalesce into one range, across chunks too.
 */
import type { ByteSource } from '../bytes/ByteSource';

const CHUNK = 1 << 20;
const BLOCK = 4096;

export interface ChunkedCompareSink {
  /** A range of consecutive differing bytes closed (in offset order). */
  range(offset: number, length: number): void;
  /** [0, comparedTo) is compared; counts so far (the open range counts). */
  progress(state: { comparedTo: number; differingBytes: number; rangeCount: number; firstDifference: number }): void;
}

/** Differing state carried across chunks. */
export class DiffScanner {
  differing = 0;
  closed = 0;
  first = -1;
  private openStart = -1;

  constructor(private readonly onRange: (offset: number, length: number) => void) {}

  get rangeCount(): number {
    return this.closed + (this.openStart >= 0 ? 1 : 0);
  }

  close(at: number): void {
    if (this.openStart < 0) return;
    this.onRange(this.openStart, at - this.openStart);
    this.closed++;
    this.openStart = -1;
  }

  /** a[0, n) against b[0, n), whose first byte is at file offset `base`. */
  scan(a: Uint8Array, b: Uint8Array, n: number, base: number): void {
    for (let i = 0; i < n; i += BLOCK) {
      const end = Math.min(n, i + BLOCK);
      if (Buffer.compare(a.subarray(i, end), b.subarray(i, end)) === 0) {
        this.close(base + i);
        continue;
      }
      for (let k = i; k < end; k++) {
        if (a[k] !== b[k]) {
          this.differing++;
          if (this.first < 0) this.first = base + k;
          if (this.openStart < 0) this.openStart = base + k;
        } else if (this.openStart >= 0) {
          this.close(base + k);
        }
      }
    }
  }
}

/** Compares [0, common) of the two sources; resolves false when cancelled. */
export async function chunkedCompare(left: ByteSource, right: ByteSource, common: number, sink: ChunkedCompareSink, cancelled: () => boolean): Promise<boolean> {
  const a = new Uint8Array(CHUNK);
  const b = new Uint8Array(CHUNK);
  const scanner = new DiffScanner((offset, length) => sink.range(offset, length));
  let position = 0;
  let lastReport = Date.now();
  const report = () => sink.progress({ comparedTo: position, differingBytes: scanner.differing, rangeCount: scanner.rangeCount, firstDifference: scanner.first });
  while (position < common) {
    if (cancelled()) {
      report();
      return false;
    }
    const length = Math.min(CHUNK, common - position);
    const gotA = left.read(position, a.subarray(0, length));
    const gotB = right.read(position, b.subarray(0, length));
    if (gotA < length || gotB < length) {
      const which = gotA < length ? left : right;
      const error = new Error(`ETRUNCATED: ${which.path} ended at ${position + Math.min(gotA, gotB)} during the compare`) as Error & { code: string };
      error.code = 'ETRUNCATED';
      throw error;
    }
    scanner.scan(a, b, length, position);
    position += length;
    if (Date.now() - lastReport >= 100) {
      lastReport = Date.now();
      report();
    }
    await new Promise<void>((resolve) => setImmediate(resolve)); // let the host answer between chunks
  }
  scanner.close(common);
  report();
  return true;
}
