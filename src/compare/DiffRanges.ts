/**
 * The differing ranges of one compare, in offset order, kept compactly: two
 * growable Float64Arrays (offset, length), 16 bytes per range, so 10 M ranges
 * take 160 MB at most (plus the growth slack of the last doubling, which
 * trim() gives back when the compare ends). Nothing per range is an object.
 */
export class DiffRanges {
  private offsets = new Float64Array(1024);
  private lengths = new Float64Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Bytes the arrays hold (what the ranges cost in memory). */
  get memoryBytes(): number {
    return this.offsets.byteLength + this.lengths.byteLength;
  }

  /** Appends [offset, length, offset, length, ...] (the native batch layout); offsets must keep rising. */
  addPairs(pairs: ArrayLike<number>): void {
    const n = Math.floor(pairs.length / 2);
    this.reserve(this.count + n);
    for (let i = 0; i < n; i++) {
      this.offsets[this.count] = pairs[2 * i];
      this.lengths[this.count] = pairs[2 * i + 1];
      this.count++;
    }
  }

  add(offset: number, length: number): void {
    this.reserve(this.count + 1);
    this.offsets[this.count] = offset;
    this.lengths[this.count] = length;
    this.count++;
  }

  offsetAt(index: number): number {
    return this.offsets[index];
  }

  lengthAt(index: number): number {
    return this.lengths[index];
  }

  /** The first range that ends after `offset` (the one holding it, or the next), or `length` when none. */
  indexAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.offsets[mid] + this.lengths[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Gives back the unused capacity (the compare ended). */
  trim(): void {
    if (this.offsets.length === this.count) return;
    this.offsets = this.offsets.slice(0, Math.max(1, this.count));
    this.lengths = this.lengths.slice(0, Math.max(1, this.count));
  }

  private reserve(wanted: number): void {
    if (wanted <= this.offsets.length) return;
    let capacity = this.offsets.length;
    while (capacity < wanted) capacity *= 2;
    const offsets = new Float64Array(capacity);
    offsets.set(this.offsets.subarray(0, this.count));
    const lengths = new Float64Array(capacity);
    lengths.set(this.lengths.subarray(0, this.count));
    this.offsets = offsets;
    this.lengths = lengths;
  }
}
