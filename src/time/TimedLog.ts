import { LogLines, type TimedSource } from './LogLines';
import { detectFormat, rfc3164, rfc3164Year, type TimestampFormat } from './timestampFormats';

/** Lines looked at to detect the format. */
const DETECT_LINES = 200;
const DETECT_BYTES = 64 * 1024;
/** The binary search stops probing when the range is this small, and reads it through. */
const WINDOW = 16 * 1024;
/** How far back the status bar's "time of the top line" walks through untimed lines (a stack trace). */
const TIME_AT_REACH = 1024 * 1024;
/** The forward scan yields to the event loop (and checks the signal) every so many lines. */
const YIELD_EVERY = 20_000;

export interface TimedLine {
  /** Byte offset of the line's start. */
  offset: number;
  /** Milliseconds since the epoch (zone-less times as written, as if UTC). */
  time: number;
}

export interface GoToTimeOptions {
  /** 0-based line of a byte offset, when a line index knows it (fills `line`). */
  lineOf?: (offset: number) => number | undefined;
  /** Stops the non-monotonic forward scan (it rejects with an AbortError). */
  signal?: AbortSignal;
  /** Out-of-order steps this small (ms: threads writing one log) do not count as non-monotonic. */
  toleranceMs?: number;
}

export type GoToTimeResult =
  | (TimedLine & {
      kind: 'found';
      line?: number;
      /**
       * 'at-or-after': the first line at or after the time; 'before-first': the
       * time is before the file's first timestamp (the first timed line);
       * 'after-last': after its last one (the last timed line, or in a
       * non-monotonic file the latest one).
       */
      where: 'at-or-after' | 'before-first' | 'after-last';
      /** Timestamps go backwards somewhere: the answer came from a forward scan of the file. */
      nonMonotonic: boolean;
      /** Binary-search probes, reads and bytes read for this call. */
      probes: number;
      reads: number;
      bytesRead: number;
    })
  | { kind: 'none'; reason: 'empty file' | 'no timestamps' };

/**
 * A log file with timestamps: its detected format, and Go to Time by a binary
 * search over byte offsets, reading a few lines at each probe. No line index is
 * needed. A line without a timestamp (a stack trace) takes the time of the
 * line above it, so the search lands only on timestamped lines.
 */
export class TimedLog {
  private constructor(
    private readonly source: TimedSource,
    readonly format: TimestampFormat,
  ) {}

  /**
   * Detects the format from the first lines; undefined when the file is empty
   * or none of them has a timestamp. `referenceTime` (ms; the file's mtime) gives
   * RFC 3164 lines their year.
   */
  static open(source: TimedSource, options: { referenceTime?: number } = {}): TimedLog | undefined {
    const lines = new LogLines(source);
    const heads: string[] = [];
    for (const { head } of lines.linesFrom(0, Math.min(source.size, DETECT_BYTES))) {
      heads.push(head);
      if (heads.length >= DETECT_LINES) break;
    }
    let format = detectFormat(heads);
    if (!format) return undefined;
    if (format.name === 'rfc3164') {
      const probe = rfc3164(11, 0);
      const last = lastTimed(lines, probe);
      const lastMonth = last ? probe.monthOf(lines.head(last.offset)) ?? 11 : 11;
      format = rfc3164(lastMonth, rfc3164Year(lastMonth, options.referenceTime ?? Date.now()));
    }
    return new TimedLog(source, format);
  }

  /** The time of the line holding `offset`, or of the nearest timestamped line above it (within 1 MiB); for the status bar. */
  timeAt(offset: number): number | undefined {
    const lines = new LogLines(this.source);
    if (lines.fileSize === 0) return undefined;
    let start = lines.lineStartAtOrBefore(Math.min(offset, lines.fileSize - 1));
    const floor = offset - TIME_AT_REACH;
    while (start !== undefined && start >= floor) {
      const time = this.format.parse(lines.head(start));
      if (time !== undefined) return time;
      if (start === 0) return undefined;
      start = lines.lineStartAtOrBefore(start - 1, start - floor);
    }
    return undefined;
  }

  /** The first line at or after `time` (see GoToTimeResult). */
  async goTo(time: number, options: GoToTimeOptions = {}): Promise<GoToTimeResult> {
    const lines = new LogLines(this.source);
    if (lines.fileSize === 0) return { kind: 'none', reason: 'empty file' };
    const tolerance = options.toleranceMs ?? 1000;
    const parse = (head: string) => this.format.parse(head);
    // The first and last timed lines take part in the monotonic check: a file
    // whose last time is before its first (rotated logs concatenated) is caught
    // even when every probe lands in one sorted part.
    const first = firstTimed(lines, parse, 0, lines.fileSize);
    const last = lastTimed(lines, this.format);
    if (!first || !last) return { kind: 'none', reason: 'no timestamps' };
    const seen: TimedLine[] = [first, last];
    let lo = 0;
    let hi = lines.fileSize;
    let best: TimedLine | undefined;
    let probes = 0;
    while (hi - lo > WINDOW) {
      probes++;
      const hit = firstTimed(lines, parse, Math.floor((lo + hi) / 2), hi);
      if (!hit) {
        hi = Math.floor((lo + hi) / 2);
        continue;
      }
      seen.push(hit);
      if (hit.time >= time) {
        hi = hit.offset;
        best = hit;
      } else {
        lo = hit.offset + 1;
      }
    }
    // Read the last window through: the first timed line in it at or after the time.
    let answer: TimedLine | undefined;
    for (let start = lines.lineStartAtOrAfter(lo, hi); start !== undefined; start = lines.lineStartAtOrAfter(start + 1, hi)) {
      const t = parse(lines.head(start));
      if (t === undefined) continue;
      seen.push({ offset: start, time: t });
      if (t >= time) {
        answer = { offset: start, time: t };
        break;
      }
    }
    answer ??= best;
    if (answer) seen.push(answer);
    const stats = () => ({ probes, reads: lines.reads, bytesRead: lines.bytesRead });
    if (!monotonic(seen, tolerance)) return this.scanForward(lines, time, options, stats);
    let where: 'at-or-after' | 'before-first' | 'after-last' = 'at-or-after';
    if (!answer) {
      answer = last;
      where = 'after-last';
    } else if (answer.time > time && answer.offset === first.offset) {
      where = 'before-first';
    }
    return { kind: 'found', ...answer, line: options.lineOf?.(answer.offset), where, nonMonotonic: false, ...stats() };
  }

  /** Non-monotonic timestamps: the first line, in file order, at or after the time; reads the file from the start. */
  private async scanForward(lines: LogLines, time: number, options: GoToTimeOptions, stats: () => { probes: number; reads: number; bytesRead: number }): Promise<GoToTimeResult> {
    let first: TimedLine | undefined;
    let latest: TimedLine | undefined;
    let n = 0;
    for (const { start, head } of lines.linesFrom(0)) {
      if (++n % YIELD_EVERY === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        options.signal?.throwIfAborted();
      }
      const t = this.format.parse(head);
      if (t === undefined) continue;
      first ??= { offset: start, time: t };
      if (t >= time) {
        const where = start === first.offset && t > time ? 'before-first' : 'at-or-after';
        return { kind: 'found', offset: start, time: t, line: options.lineOf?.(start), where, nonMonotonic: true, ...stats() };
      }
      if (!latest || t > latest.time) latest = { offset: start, time: t };
    }
    if (!latest) return { kind: 'none', reason: 'no timestamps' };
    return { kind: 'found', ...latest, line: options.lineOf?.(latest.offset), where: 'after-last', nonMonotonic: true, ...stats() };
  }
}

/** The first line starting in [from, limit) with a timestamp. */
function firstTimed(lines: LogLines, parse: (head: string) => number | undefined, from: number, limit: number): TimedLine | undefined {
  for (let start = lines.lineStartAtOrAfter(from, limit); start !== undefined; start = lines.lineStartAtOrAfter(start + 1, limit)) {
    const time = parse(lines.head(start));
    if (time !== undefined) return { offset: start, time };
  }
  return undefined;
}

/** The last line of the file with a timestamp, walking back from the end. */
function lastTimed(lines: LogLines, format: TimestampFormat): TimedLine | undefined {
  if (lines.fileSize === 0) return undefined;
  let start = lines.lineStartAtOrBefore(lines.fileSize - 1);
  while (start !== undefined) {
    const time = format.parse(lines.head(start));
    if (time !== undefined) return { offset: start, time };
    if (start === 0) return undefined;
    start = lines.lineStartAtOrBefore(start - 1);
  }
  return undefined;
}

/** Whether the timed lines seen, in file order, never go back in time by more than `tolerance`. */
function monotonic(seen: TimedLine[], tolerance: number): boolean {
  const sorted = [...seen].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].time < sorted[i - 1].time - tolerance) return false;
  return true;
}
