/** Entries per block: blocks never move once filled, so the list grows without copying (and without a doubling's spare half). */
const BLOCK = 1 << 16;
/** A line number checkpoint every this many entries (for row windows' line numbers). */
const CHECKPOINT_EVERY = 256;
/** An entry holds its offset from its block's first one in 31 bits; the top bit flags a context line. */
const MAX_DELTA = 0x7fffffff;
const CONTEXT_BIT = 0x80000000;

/**
 * The filtered view's result on the host, in file order: 4 bytes per listed
 * line — its start as an offset from its block's first line start (a block
 * starts afresh where that would pass 2 GiB), the top bit set for a context
 * line. No strings: the pane asks for the text of the rows it shows. Every
 * 256th entry's line number is kept beside it (NaN where the scan did not
 * count lines) so a window's line numbers need only count the newlines from
 * there. Offsets must be added in increasing order.
 */
export class LineList {
  private blocks: Uint32Array[] = [];
  private bases: number[] = [];
  /** The list position of each block's first entry. */
  private starts: number[] = [];
  private fill = BLOCK;
  private lines: number[] = [];
  length = 0;
  /** Passing (not context) lines. */
  matched = 0;

  add(offset: number, line: number, context: boolean): void {
    let last = this.blocks.length - 1;
    if (last < 0 || this.fill === BLOCK || offset - this.bases[last] > MAX_DELTA) {
      if (last >= 0 && this.fill < BLOCK) this.blocks[last] = this.blocks[last].slice(0, this.fill);
      this.blocks.push(new Uint32Array(BLOCK));
      this.bases.push(offset);
      this.starts.push(this.length);
      this.fill = 0;
      last++;
    }
    if (this.length % CHECKPOINT_EVERY === 0) this.lines.push(line);
    this.blocks[last][this.fill++] = offset - this.bases[last] + (context ? CONTEXT_BIT : 0);
    this.length++;
    if (!context) this.matched++;
  }

  private blockOf(i: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private raw(i: number): { base: number; value: number } {
    const b = this.blockOf(i);
    return { base: this.bases[b], value: this.blocks[b][i - this.starts[b]] };
  }

  offsetAt(i: number): number {
    const { base, value } = this.raw(i);
    return base + (value & MAX_DELTA);
  }

  isContext(i: number): boolean {
    return this.raw(i).value >= CONTEXT_BIT;
  }

  /** The entry at or before `i` whose line number is kept, and that line. */
  checkpoint(i: number): { index: number; line: number } {
    const c = Math.floor(i / CHECKPOINT_EVERY);
    return { index: c * CHECKPOINT_EVERY, line: this.lines[c] };
  }

  /** Bytes held (the blocks and the checkpoints). */
  get memoryBytes(): number {
    let bytes = this.lines.length * 8 + this.bases.length * 16;
    for (const block of this.blocks) bytes += block.byteLength;
    return bytes;
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
