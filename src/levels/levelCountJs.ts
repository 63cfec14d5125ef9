/**
 * The level count per bucket without the native addon (the pread backend,
 * the universal VSIX): the same answer as native countLevels (see
 * native/level_count.h) — a line counts once, for its first level token, a
 * whole case-sensitive word, in the bucket holding the line's start — found
 * with one regex over each chunk read as Latin-1 (bytes >= 0x80 are then
 * characters outside [A-Za-z0-9_], as they are not word bytes natively).
 * Chunked, and it yields to the event loop between chunks.
 */

/** ERROR 0, WARN 1, INFO 2, DEBUG 3, as the native counts. */
const CLASS_OF: Record<string, number> = { ERROR: 0, FATAL: 0, CRITICAL: 0, WARNING: 1, WARN: 1, INFO: 2, DEBUG: 3, TRACE: 3 };
const TOKEN = /(?<![A-Za-z0-9_])(?:ERROR|FATAL|CRITICAL|WARNING|WARN|INFO|DEBUG|TRACE)(?![A-Za-z0-9_])/g;
/** The longest token: a chunk is read this much further, so a token across its end is seen whole. */
const LOOKAHEAD = 9;
const LF = 0x0a;

export interface LevelCountResult {
  scannedTo: number;
  bucketBytes: number;
  /** counts[bucket * 4 + class], as the native LevelCounts. */
  counts: Float64Array;
  cancelled: boolean;
}

export interface LevelCountJsOptions {
  size: number;
  buckets: number;
  /** Bytes per chunk (tests use small ones). */
  chunkBytes?: number;
  isCancelled?: () => boolean;
  /** After each chunk: the counts so far. */
  onProgress?: (progress: LevelCountResult) => void;
  /** Waits between chunks; setImmediate by default. */
  yieldToLoop?: () => Promise<void>;
}

export async function countLevelsJs(read: (offset: number, length: number) => Uint8Array, options: LevelCountJsOptions): Promise<LevelCountResult> {
  const { size, buckets } = options;
  const chunkBytes = Math.max(16, options.chunkBytes ?? 1 << 20); // ~10 ms of the host's thread per chunk
  const bucketBytes = Math.max(1, Math.ceil(size / buckets));
  const counts = new Float64Array(buckets * 4);
  const yieldToLoop = options.yieldToLoop ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  /** The start of the line the scan is in, and whether that line has its level. */
  let lineStart = 0;
  let classifiedLine = -1;
  const result = (scannedTo: number, cancelled: boolean): LevelCountResult => ({ scannedTo, bucketBytes, counts, cancelled });
  for (let at = 0; at < size; at += chunkBytes) {
    if (options.isCancelled?.()) return result(at, true);
    // One byte before the chunk (the lookbehind), the chunk, and LOOKAHEAD bytes after it.
    const from = Math.max(0, at - 1);
    const bytes = read(from, Math.min(size, at + chunkBytes + LOOKAHEAD) - from);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    const begin = at - from;
    const end = Math.min(bytes.length, begin + chunkBytes);
    TOKEN.lastIndex = begin;
    // Looking back for a line break only as far as the last token looked (each byte once).
    let lookedTo = begin;
    for (let m = TOKEN.exec(text); m && m.index < end; m = TOKEN.exec(text)) {
      const lf = bytes.subarray(lookedTo, m.index).lastIndexOf(LF);
      if (lf >= 0) lineStart = from + lookedTo + lf + 1;
      lookedTo = m.index;
      if (lineStart === classifiedLine) continue;
      classifiedLine = lineStart;
      counts[Math.min(buckets - 1, Math.floor(lineStart / bucketBytes)) * 4 + CLASS_OF[m[0]]]++;
    }
    const lf = bytes.subarray(lookedTo, end).lastIndexOf(LF);
    if (lf >= 0) lineStart = from + lookedTo + lf + 1;
    options.onProgress?.(result(Math.min(size, at + chunkBytes), false));
    if (at + chunkBytes < size) await yieldToLoop();
  }
  return result(size, false);
}
