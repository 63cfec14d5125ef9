import type { ByteSource } from '../bytes/ByteSource';
import { HEAD_CHARS } from './timestampFormats';

/** What Go to Time reads: a size and positioned reads (a ByteSource, or a document over one). */
export type TimedSource = Pick<ByteSource, 'size' | 'read'>;

const LF = 0x0a;
const CR = 0x0d;
/** The first read around a probe; it doubles while no line break turns up, up to MAX_READ. */
const FIRST_READ = 8 * 1024;
const MAX_READ = 1024 * 1024;

/**
 * Lines of a file read around arbitrary byte offsets, a few KiB at a time:
 * where a line starts, and its head (the first HEAD_CHARS bytes, Latin-1, CR
 * dropped). A line break is LF (a CRLF line ends at its LF). Counts the reads
 * and bytes it asks the source for, so tests can see the search stays
 * logarithmic.
 */
export class LogLines {
  reads = 0;
  bytesRead = 0;
  private block = new Uint8Array(0);
  private blockAt = 0;
  private readonly size: number;

  constructor(private readonly source: TimedSource) {
    this.size = source.size;
  }

  get fileSize(): number {
    return this.size;
  }

  /** Bytes [offset, offset + length) clipped to the file, served from the last block read when it holds them. */
  private bytes(offset: number, length: number): Uint8Array {
    const end = Math.min(this.size, offset + length);
    if (offset >= this.blockAt && end <= this.blockAt + this.block.length) {
      return this.block.subarray(offset - this.blockAt, end - this.blockAt);
    }
    // A short ask (a line's head) reads a whole small block: the lines after it are usually in it.
    const buffer = new Uint8Array(Math.max(0, Math.min(this.size, offset + Math.max(length, FIRST_READ)) - offset));
    const got = buffer.length ? this.source.read(offset, buffer) : 0;
    this.reads++;
    this.bytesRead += got;
    this.block = buffer.subarray(0, got);
    this.blockAt = offset;
    return this.block.subarray(0, Math.max(0, Math.min(got, end - offset)));
  }

  /** The bytes of the last block read from `offset` on (at most `length`); empty when it does not hold `offset`. */
  private held(offset: number, length: number): Uint8Array {
    if (offset < this.blockAt || offset >= this.blockAt + this.block.length) return this.block.subarray(0, 0);
    return this.block.subarray(offset - this.blockAt, Math.min(this.block.length, offset - this.blockAt + length));
  }

  /**
   * The start of the first line starting at or after `offset` (just past the
   * first LF at or after offset - 1), or undefined when none starts before `limit`.
   */
  lineStartAtOrAfter(offset: number, limit = this.size): number | undefined {
    if (offset <= 0) return 0;
    if (offset >= limit) return undefined;
    let at = offset - 1;
    // What the last block holds from `at` on is looked at before reading more.
    const held = this.held(at, limit - at);
    if (held.length) {
      const i = held.indexOf(LF);
      if (i >= 0) return at + i + 1 < limit ? at + i + 1 : undefined;
      at += held.length;
    }
    for (let want = FIRST_READ; at < limit; want = Math.min(MAX_READ, want * 2)) {
      const chunk = this.bytes(at, Math.min(want, limit - at));
      if (chunk.length === 0) return undefined;
      const i = chunk.indexOf(LF);
      if (i >= 0) return at + i + 1 < limit ? at + i + 1 : undefined;
      at += chunk.length;
    }
    return undefined;
  }

  /** The start of the line holding `offset` (just past the last LF before it), looking back at most `reach` bytes; undefined past that. */
  lineStartAtOrBefore(offset: number, reach = Number.MAX_SAFE_INTEGER): number | undefined {
    let end = Math.min(offset, this.size);
    const floor = Math.max(0, offset - reach);
    if (end > this.blockAt && end <= this.blockAt + this.block.length) {
      const from = Math.max(floor, this.blockAt);
      const i = this.block.subarray(from - this.blockAt, end - this.blockAt).lastIndexOf(LF);
      if (i >= 0) return from + i + 1;
      end = from;
    }
    for (let want = FIRST_READ; end > floor; want = Math.min(MAX_READ, want * 2)) {
      const from = Math.max(floor, end - want);
      const chunk = this.bytes(from, end - from);
      const i = chunk.lastIndexOf(LF);
      if (i >= 0) return from + i + 1;
      end = from;
    }
    return floor === 0 ? 0 : undefined;
  }

  /** The first HEAD_CHARS bytes of the line starting at `start`, up to its LF, without a trailing CR. */
  head(start: number): string {
    const chunk = this.bytes(start, HEAD_CHARS);
    let end = chunk.indexOf(LF);
    if (end < 0) end = chunk.length;
    return trimCr(chunk.subarray(0, end));
  }

  /**
   * Every line starting at or after `start` (a line start) up to `limit`, in
   * order, read in 1 MiB chunks: its start and head. For forward scans.
   */
  *linesFrom(start: number, limit = this.size): Generator<{ start: number; head: string }> {
    const chunkBytes = MAX_READ;
    let lineStart = start;
    let at = start;
    let pending: Uint8Array | undefined; // the head bytes of a line begun in the previous chunk
    while (at < limit) {
      const chunk = new Uint8Array(Math.min(chunkBytes, limit - at));
      const got = this.source.read(at, chunk);
      this.reads++;
      this.bytesRead += got;
      if (got === 0) break;
      const data = chunk.subarray(0, got);
      let from = 0;
      for (let i = data.indexOf(LF); ; i = data.indexOf(LF, from)) {
        const end = i < 0 ? data.length : i;
        const piece = data.subarray(from, Math.min(end, from + HEAD_CHARS));
        const head = pending ? concat(pending, piece).subarray(0, HEAD_CHARS) : piece;
        if (i < 0) {
          pending = head;
          break;
        }
        pending = undefined;
        yield { start: lineStart, head: trimCr(head) };
        from = i + 1;
        lineStart = at + from;
      }
      at += got;
    }
    if (pending && lineStart < limit) yield { start: lineStart, head: trimCr(pending) };
  }

  /** The start of the line after the one starting at `start`, or undefined at the last line. */
  nextLine(start: number): number | undefined {
    return this.lineStartAtOrAfter(start + 1);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function trimCr(bytes: Uint8Array): string {
  return latin1(bytes.length && bytes[bytes.length - 1] === CR ? bytes.subarray(0, bytes.length - 1) : bytes);
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}
