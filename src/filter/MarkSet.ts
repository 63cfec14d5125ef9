import { lowerBound } from '../../shared/offsets';

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
    const i = lowerBound(this.offsets, offset);
    return this.offsets[i] === offset;
  }

  /** Marks the line, or unmarks it when marked; returns whether it is marked now. */
  toggle(offset: number): boolean {
    const i = lowerBound(this.offsets, offset);
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
}
