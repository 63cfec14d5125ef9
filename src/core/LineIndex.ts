import type { CachedIndex, IndexSnapshot } from './LineIndexCache';
import type { Backend } from '../../shared/types';
import type { LineScanner, ScanJob, ScanProgress } from './LineScanner';

/** How far past the counted end lineOf still answers, by counting on (a few MiB: well under a millisecond natively). */
const TAIL_REACH = 4 << 20;

export interface IndexState {
  /** Bytes [0, scannedTo) are counted. */
  scannedTo: number;
  /** Newlines in [0, scannedTo). */
  newlines: number;
  /** The whole file (as of the last extend) is counted. */
  done: boolean;
  /** Which path the scan took, and why. */
  via: Backend | 'js';
  reason: string;
}

/**
 * A checkpoint every 8192 lines or 4 MiB, whichever comes first: a line ↔ offset question (Go to Line, the gutter's
 * numbers) scans from the checkpoint before it, so this bounds what one question reads — on a cold page cache that
 * is disk time (every 65,536 lines, ~6 MiB in a typical log, gave Go to Line a p99 of 66 ms in a 10 GiB log). The
 * cost: 16 bytes per checkpoint, ~220 KiB of memory (and of index cache entry) for 112 M lines.
 */
const EVERY_LINES = 8192;
const EVERY_BYTES = 4 * 1024 * 1024;
/** Through pread a question reads from the checkpoint before it on the host thread: keep that short. */
const EVERY_BYTES_JS = 4 * 1024 * 1024;
const PROBE_BYTES = 64 * 1024 * 1024;

/**
 * Sparse line index of one file: checkpoints (newlines before, byte offset)
 * at every 8,192nd line start and at least every 4 MiB, so a 100 GB log of
 * 100-byte lines needs about 2 MB. Counting runs off the JS thread; the index answers
 * line ↔ offset questions for the part already counted, and extends when the
 * file grows (follow mode) or starts over when it shrinks.
 */
export class LineIndex {
  private cpNewlines = new Float64Array(256);
  private cpOffsets = new Float64Array(256);
  private count = 1; // checkpoint 0: (0 newlines, offset 0)
  private job: ScanJob | undefined;
  private size: number;
  private generation = 0;
  private listeners = new Set<(state: IndexState) => void>();
  /** Scans started at byte 0: 1 for an index that only ever extended (follow mode's appends). */
  scansFromZero = 0;
  /** Bytes this index counted itself (not what it took from the cache). */
  scannedBytes = 0;
  /** What the cache gave it, if anything ('unchanged': nothing left to count; 'appended': counting went on from there). */
  restored: { kind: CachedIndex['kind']; scannedTo: number } | undefined;
  /** Waiting for the cache lookup: start() holds until it answers. */
  private restoring = false;
  private disposed = false;
  state: IndexState;

  constructor(
    private readonly scanner: LineScanner,
    size: number,
    /** What an earlier session counted of this file (LineIndexCache): start from there, not from byte 0. */
    resume?: IndexSnapshot,
  ) {
    this.size = size;
    this.state = { scannedTo: 0, newlines: 0, done: size === 0, via: scanner.kind === 'js' ? 'js' : 'mmap', reason: '' };
    if (resume && resume.scannedTo <= size) {
      this.accept({ scannedTo: resume.scannedTo, newlines: resume.newlines, checkpoints: resume.checkpoints }, resume.scannedTo === size);
    }
  }

  /** What is counted so far, for LineIndexCache.store(). */
  snapshot(): IndexSnapshot {
    const checkpoints = new Float64Array(2 * this.count);
    for (let i = 0; i < this.count; i++) {
      checkpoints[2 * i] = this.cpNewlines[i];
      checkpoints[2 * i + 1] = this.cpOffsets[i];
    }
    return { scannedTo: this.state.scannedTo, newlines: this.state.newlines, checkpoints };
  }

  onChange(listener: (state: IndexState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Starts once `lookup` (the cache) answers: from its snapshot when it has
   * one that is still a prefix of what this index counts, else from byte 0.
   * A shrink or a reload meanwhile wins: the snapshot is then dropped.
   */
  startAfter(lookup: Promise<CachedIndex | undefined>): Promise<void> {
    const generation = this.generation;
    this.restoring = true;
    return lookup
      .catch(() => undefined)
      .then((cached) => {
        this.restoring = false;
        if (this.disposed) return;
        const snapshot = cached?.snapshot;
        if (cached && snapshot && generation === this.generation && !this.job && this.state.scannedTo === 0 && snapshot.scannedTo <= this.size) {
          this.restored = { kind: cached.kind, scannedTo: snapshot.scannedTo };
          this.accept(snapshot, snapshot.scannedTo === this.size);
        }
        this.start();
      });
  }

  /** Starts (or continues) counting up to the current size. */
  start(): void {
    if (this.restoring || this.disposed) return;
    if (this.job || this.state.scannedTo >= this.size) {
      if (!this.job && !this.state.done) this.finish();
      return;
    }
    void this.run(this.generation);
  }

  /** The file grew or shrank to `size`: extend, or start over on a shrink. */
  resize(size: number): void {
    if (size < this.state.scannedTo) {
      this.generation++;
      this.job?.cancel();
      this.job = undefined;
      this.count = 1;
      this.restored = undefined;
      this.state = { ...this.state, scannedTo: 0, newlines: 0, done: size === 0 };
    }
    this.size = size;
    if (size > this.state.scannedTo) this.state = { ...this.state, done: false };
    this.emit();
    this.start();
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.job?.cancel();
    this.job = undefined;
    this.listeners.clear();
    this.scanner.dispose();
  }

  /** Bytes of index memory (two Float64Arrays). */
  get memoryBytes(): number {
    return this.cpNewlines.byteLength + this.cpOffsets.byteLength;
  }

  get checkpoints(): number {
    return this.count;
  }

  /**
   * Offsets a little past what the index has counted (the tail a followed log
   * just grew by) are answered by counting on from the counted end, so the
   * gutter keeps its line numbers while the index catches up.
   */
  private tailLine(offset: number, count: (from: number, to: number) => number): number | undefined {
    const { scannedTo, newlines } = this.state;
    if (offset > this.size || offset - scannedTo > TAIL_REACH) return undefined;
    return newlines + count(scannedTo, offset);
  }

  /** The 0-based line holding `offset`, or undefined when the index has not got there yet. */
  lineOf(offset: number): number | undefined {
    if (offset > this.state.scannedTo) return this.tailLine(offset, (from, to) => this.scanner.countNewlines(from, to));
    const i = this.lastCheckpoint((k) => this.cpOffsets[k] <= offset);
    return this.cpNewlines[i] + this.scanner.countNewlines(this.cpOffsets[i], offset);
  }

  /** lineOf, reading the bytes since the checkpoint in chunks that do not hold the thread (the pread scanner). */
  async lineOfAsync(offset: number): Promise<number | undefined> {
    if (offset > this.state.scannedTo) return this.tailLine(offset, (from, to) => this.scanner.countNewlines(from, to));
    const generation = this.generation;
    const i = this.lastCheckpoint((k) => this.cpOffsets[k] <= offset);
    const [newlines, from] = [this.cpNewlines[i], this.cpOffsets[i]];
    const count = this.scanner.countNewlinesAsync ? await this.scanner.countNewlinesAsync(from, offset) : this.scanner.countNewlines(from, offset);
    return generation === this.generation ? newlines + count : undefined;
  }

  /** The byte offset where 0-based `line` starts, or undefined when not counted yet (or past the end). */
  startOfLine(line: number): number | undefined {
    if (line === 0) return 0;
    if (line > this.state.newlines) return undefined;
    const i = this.lastCheckpoint((k) => this.cpNewlines[k] < line);
    const { offset, found } = this.scanner.findNewline(this.cpOffsets[i], line - this.cpNewlines[i], this.state.scannedTo);
    return found === line - this.cpNewlines[i] ? offset : undefined;
  }

  /** Lines in the file once done: newlines, plus one when the last line has no newline. */
  totalLines(lastByteIsNewline: boolean): number | undefined {
    if (!this.state.done) return undefined;
    return this.state.newlines + (this.size > 0 && !lastByteIsNewline ? 1 : 0);
  }

  private lastCheckpoint(fits: (k: number) => boolean): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (fits(mid)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private async run(generation: number): Promise<void> {
    try {
      // Probe: the first 64 MiB through the mapping, the next through pread;
      // the faster one counts the rest (which wins depends on the machine).
      if (this.scanner.kind === 'native' && this.state.scannedTo === 0 && this.size > 2 * PROBE_BYTES) {
        const mmapRate = await this.segment(generation, 'mmap', PROBE_BYTES);
        const preadRate = await this.segment(generation, 'pread', 2 * PROBE_BYTES);
        if (mmapRate === undefined || preadRate === undefined) return;
        const via = mmapRate >= preadRate ? 'mmap' : 'pread';
        this.state = { ...this.state, via, reason: `probe: mmap ${(mmapRate / 1e9).toFixed(1)} GB/s, pread ${(preadRate / 1e9).toFixed(1)} GB/s` };
      }
      while (generation === this.generation && this.state.scannedTo < this.size) {
        const via = this.scanner.kind === 'js' ? 'pread' : this.state.via === 'pread' ? 'pread' : 'mmap';
        const before = this.state.scannedTo;
        if ((await this.segment(generation, via, this.size)) === undefined) return;
        // No progress: the bytes are not there (yet) for this reader, e.g. the
        // mapping is older than the size we were told. The next resize() retries.
        if (this.state.scannedTo === before) return;
      }
      if (generation === this.generation) this.finish();
    } catch {
      // The file shrank under the scan: the watcher's resize() starts over.
      this.job = undefined;
    }
  }

  /** Counts [scannedTo, to) through `via`; resolves with bytes/s, or undefined when superseded. */
  private async segment(generation: number, via: Backend, to: number): Promise<number | undefined> {
    const from = this.state.scannedTo;
    if (from === 0) this.scansFromZero++;
    const end = Math.min(to, this.size);
    const t0 = performance.now();
    this.job = this.scanner.index({ from, newlinesBefore: this.state.newlines, to: end, everyLines: EVERY_LINES, everyBytes: this.scanner.kind === 'js' ? EVERY_BYTES_JS : EVERY_BYTES, via }, (p) => {
      if (generation === this.generation) this.accept(p, false);
    });
    const result = await this.job.promise;
    if (generation !== this.generation) return undefined;
    this.job = undefined;
    this.scannedBytes += Math.max(0, result.scannedTo - from);
    this.accept(result, false);
    return (result.scannedTo - from) / Math.max(1e-6, (performance.now() - t0) / 1000);
  }

  private accept(p: ScanProgress, done: boolean): void {
    for (let i = 0; i < p.checkpoints.length; i += 2) this.push(p.checkpoints[i], p.checkpoints[i + 1]);
    this.state = { ...this.state, scannedTo: p.scannedTo, newlines: p.newlines, done };
    this.emit();
  }

  private finish(): void {
    this.state = { ...this.state, done: true };
    this.emit();
  }

  private push(newlines: number, offset: number): void {
    if (offset <= this.cpOffsets[this.count - 1]) return;
    if (this.count === this.cpOffsets.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.cpNewlines = grow(this.cpNewlines);
      this.cpOffsets = grow(this.cpOffsets);
    }
    this.cpNewlines[this.count] = newlines;
    this.cpOffsets[this.count] = offset;
    this.count++;
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.state);
  }
}

