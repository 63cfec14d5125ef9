import * as fs from 'node:fs';
import type { NativeMappedFile } from '../bytes/nativeAddon';
import type { DescriptorLease } from '../bytes/SharedDescriptor';
import { jsScanner, nativeScanner, type LineScanner } from '../core/LineScanner';
import { nativeRangeScanner } from '../search/scanners';
import type { FilteredDocument } from './FilterScan';

const NEWLINE_QUERY = { kind: 'native' as const, patterns: [{ bytes: Uint8Array.of(0x0a), caseInsensitive: false }], lengths: [1], wholeWord: false, encoding: 'bytes' as const, unit: 1 as const };
const CHUNK = 1 << 20;
/** Bytes read either side of a match to find its line's ends (most log lines are shorter). */
const AROUND = 512;

/**
 * The document as a filter scan sees it: newline questions through the
 * native addon (or chunked pread), and every line start of a range from the
 * native kernel searching "\n" off the JS thread — or, under pread, from
 * chunked reads that yield between chunks.
 */
/** What of a HugeViewDocument the scan reads (the benchmark passes a bare mapped file). */
export interface ScannableFile {
  readonly size: number;
  readonly nativeFile: NativeMappedFile | undefined;
  read(offset: number, length: number): Uint8Array;
  lendDescriptor(): DescriptorLease;
}

export function filteredDocument(document: ScannableFile): FilteredDocument & { dispose(): void } {
  const native = document.nativeFile;
  const lines: LineScanner = native ? nativeScanner(native) : jsScanner(document.lendDescriptor());
  const size = document.size;
  let lease: DescriptorLease | undefined;
  const back = Buffer.allocUnsafe(CHUNK);
  return {
    size,
    lines,
    countsNatively: native !== undefined,
    newlineStarts(from, to, onStarts) {
      if (native) {
        const scan = nativeRangeScanner(native, NEWLINE_QUERY);
        const toStarts = (m: ArrayLike<number>) => {
          const starts: number[] = [];
          for (let i = 0; i < m.length; i += 2) starts.push(m[i] + 1);
          return starts;
        };
        const run = scan(from, to, from, (batch) => onStarts(toStarts(batch.matches)));
        return {
          promise: run.promise.then((r) => {
            if (!r.cancelled) onStarts(toStarts(r.matches));
            return { ...r, matches: [] };
          }),
          cancel: run.cancel,
        };
      }
      let cancelled = false;
      const promise = (async () => {
        for (let at = from; at < to && !cancelled; at += CHUNK) {
          const bytes = document.read(at, Math.min(CHUNK, to - at));
          const starts: number[] = [];
          for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) starts.push(at + i + 1);
          onStarts(starts);
          await new Promise((resolve) => setImmediate(resolve));
        }
        return { scannedTo: to, count: 0, matches: [], cancelled };
      })();
      return { promise, cancel: () => void (cancelled = true) };
    },
    lineAround(offset, floor, limit) {
      // One pread on a lease around the match finds both ends of a usual line; longer ones read on in growing steps.
      lease ??= document.lendDescriptor();
      const fd = lease.fd;
      const begin = Math.max(floor, offset - AROUND);
      const n = fs.readSync(fd, back, 0, Math.min(limit, offset + AROUND) - begin, begin);
      let i = back.subarray(0, offset - begin).lastIndexOf(0x0a);
      let start = i >= 0 ? begin + i + 1 : undefined;
      i = back.subarray(offset - begin, n).indexOf(0x0a);
      let end = i >= 0 ? offset + i + 1 : undefined;
      for (let at = begin, window = AROUND; start === undefined; window = Math.min(CHUNK, window * 8)) {
        if (at <= floor) start = floor;
        else {
          const from = Math.max(floor, at - window);
          const k = back.subarray(0, fs.readSync(fd, back, 0, at - from, from)).lastIndexOf(0x0a);
          if (k >= 0) start = from + k + 1;
          at = from;
        }
      }
      for (let at = begin + n, window = AROUND; end === undefined; window = Math.min(CHUNK, window * 8)) {
        if (at >= limit) end = limit;
        else {
          const got = fs.readSync(fd, back, 0, Math.min(window, limit - at), at);
          const k = back.subarray(0, got).indexOf(0x0a);
          if (k >= 0) end = at + k + 1;
          else if (got === 0) end = limit;
          at += got;
        }
      }
      return { start, end };
    },
    dispose: () => {
      lines.dispose();
      lease?.release();
    },
  };
}
