import { lowerBound } from '../../shared/offsets';

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
    return lowerBound(this.offsets, offset);
  }
}
