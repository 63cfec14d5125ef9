import type { HugeViewDocument } from '../core/HugeViewDocument';
import { jsScanner, nativeScanner, type LineScanner } from '../core/LineScanner';
import { nativeRangeScanner } from '../search/scanners';
import type { FilteredDocument } from './FilterScan';

const NEWLINE_QUERY = { kind: 'native' as const, patterns: [{ bytes: Uint8Array.of(0x0a), caseInsensitive: false }], lengths: [1], wholeWord: false, encoding: 'bytes' as const, unit: 1 as const };
const CHUNK = 1 << 20;

/**
 * The document as a filter scan sees it: newline questions through the
 * native addon (or chunked pread), and every line start of a range from the
 * native kernel searching "\n" off the JS thread — or, under pread, from
 * chunked reads that yield between chunks.
 */
export function filteredDocument(document: HugeViewDocument): FilteredDocument & { dispose(): void } {
  const native = document.nativeFile;
  const lines: LineScanner = native ? nativeScanner(native) : jsScanner(document.lendDescriptor());
  const size = document.size;
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
    dispose: () => lines.dispose(),
  };
}
