/** Marked lines of one editor, by line-start offset, in file order. */
export class MarkSet {
  private offsets: number[] = [];

  get size(): number {
    return this.offsets.length;
  }

  at(i: number): number {
    return this.offsets[i];
  }

  has(offset: number): boolean {
    const i = this.lowerBound(offset);
    return this.offsets[i] === offset;
  }

  /** Marks the line, or unmarks it when marked; returns whether it is marked now. */
  toggle(offset: number): boolean {
    const i = this.lowerBound(offset);
    if (this.offsets[i] === offset) {
      this.offsets.splice(i, 1);
      return false;
    }
    this.offsets.splice(i, 0, offset);
    return true;
  }

  clear(): void {
    this.offsets = [];
  }

  private lowerBound(offset: number): number {
    let lo = 0;
    let hi = this.offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
