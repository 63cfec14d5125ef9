/** Matches of one scan segment in file order, up to a cap; every match is counted. */
export class MatchList {
  offsets: number[] = [];
  lengths: number[] = [];
  count = 0;

  add(offset: number, length: number, cap: number): void {
    this.count++;
    if (this.offsets.length < cap) {
      this.offsets.push(offset);
      this.lengths.push(length);
    }
  }

  get stored(): number {
    return this.offsets.length;
  }

  /** Index of the first stored match starting at or after `offset`. */
  lowerBound(offset: number): number {
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
