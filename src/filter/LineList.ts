/** Entries per block: blocks never move once filled, so the list grows without copying (and without a doubling's spare half). */
const BLOCK = 1 << 16;
/** A line number checkpoint every this many entries (for row windows' line numbers). */
const CHECKPOINT_EVERY = 256;

/**
 * The filtered view's result on the host: one double per listed line (8
 * bytes), its start offset, stored as -(offset + 1) for a context line. No
 * strings: the pane asks for the text of the rows it shows. Every 256th
 * entry's line number is kept beside it (a thirty-second of a byte per line;
 * NaN where the scan did not count lines) so a window's line numbers need
 * only count the newlines from there.
 */
export class LineList {
  private blocks: Float64Array[] = [];
  private lines: number[] = [];
  length = 0;
  /** Passing (not context) lines. */
  matched = 0;

  add(offset: number, line: number, context: boolean): void {
    const k = this.length & (BLOCK - 1);
    if (k === 0) this.blocks.push(new Float64Array(BLOCK));
    if (this.length % CHECKPOINT_EVERY === 0) this.lines.push(line);
    this.blocks[this.blocks.length - 1][k] = context ? -(offset + 1) : offset;
    this.length++;
    if (!context) this.matched++;
  }

  private raw(i: number): number {
    return this.blocks[Math.floor(i / BLOCK)][i & (BLOCK - 1)];
  }

  offsetAt(i: number): number {
    const v = this.raw(i);
    return v < 0 ? -v - 1 : v;
  }

  isContext(i: number): boolean {
    return this.raw(i) < 0;
  }

  /** The entry at or before `i` whose line number is kept, and that line. */
  checkpoint(i: number): { index: number; line: number } {
    const c = Math.floor(i / CHECKPOINT_EVERY);
    return { index: c * CHECKPOINT_EVERY, line: this.lines[c] };
  }

  /** Bytes held (the blocks and the checkpoints). */
  get memoryBytes(): number {
    return this.blocks.length * BLOCK * 8 + this.lines.length * 8;
  }
}

/**
 * grep's context rule as a stream over every line in file order: a passing
 * line brings up to `before` lines before it and `after` lines after it, each
 * line listed once, whatever the overlaps. State carries across calls, so a
 * file scanned in segments lists what one pass over it would.
 */
export class ContextStream {
  /** Lines seen since the last listed one, at most `before` of them: [offset, line] pairs. */
  private held: number[] = [];
  private afterLeft = 0;

  constructor(
    private readonly before: number,
    private readonly after: number,
    private readonly emit: (offset: number, line: number, context: boolean) => void,
  ) {}

  line(offset: number, line: number, passes: boolean): void {
    if (passes) {
      for (let i = 0; i < this.held.length; i += 2) this.emit(this.held[i], this.held[i + 1], true);
      this.held.length = 0;
      this.emit(offset, line, false);
      this.afterLeft = this.after;
    } else if (this.afterLeft > 0) {
      this.afterLeft--;
      this.emit(offset, line, true);
    } else if (this.before > 0) {
      if (this.held.length === 2 * this.before) this.held.splice(0, 2);
      this.held.push(offset, line);
    }
  }
}

/**
 * Whether a line passes: `hits[f]` says filter f matched somewhere on it;
 * an exclude filter passes where its pattern did not match. 'all' needs
 * every filter to pass, 'any' one. No filters: every line passes.
 */
export function linePasses(hits: ArrayLike<number>, exclude: readonly boolean[], combine: 'all' | 'any'): boolean {
  if (exclude.length === 0) return true;
  for (let f = 0; f < exclude.length; f++) {
    const pass = (hits[f] !== 0) !== exclude[f];
    if (combine === 'any' && pass) return true;
    if (combine === 'all' && !pass) return false;
  }
  return combine === 'all';
}
