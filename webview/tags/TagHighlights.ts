import type { RangeHighlights } from '../core/decorations';
import type { Tag } from '../../shared/protocol/tags';

/**
 * The tags' bytes as range highlights (the viewer's decoration point, beside
 * find's matches): each byte gets ' tag t-<colour>' of the innermost tag over
 * it (the one starting last). Lookups are binary searches with a prefix of
 * furthest ends, so overlapping tags stay correct and a paint costs the same
 * with 10 or 10,000 tags. Bookmarks (zero-length) mark no bytes.
 */
export class TagHighlights implements RangeHighlights {
  version = 0;
  private starts: number[] = [];
  private ends: number[] = [];
  private classes: string[] = [];
  /** coverEnd[i]: the furthest end among tags 0..i. */
  private coverEnd: number[] = [];

  /** Replaces the tags (sorted by start). */
  set(tags: readonly Tag[]): void {
    const ranged = tags.filter((t) => t.length > 0);
    this.starts = ranged.map((t) => t.start);
    this.ends = ranged.map((t) => t.start + t.length);
    this.classes = ranged.map((t) => ` tag t-${t.color}`);
    let cover = -1;
    this.coverEnd = this.ends.map((end) => (cover = Math.max(cover, end)));
    this.version++;
  }

  /** The last tag starting before `end`, or -1. */
  private lastStartingBefore(end: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] < end) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  stateOf(start: number, end: number): number {
    const i = this.lastStartingBefore(end);
    return i >= 0 && this.coverEnd[i] > start ? 1 : 0;
  }

  classOf(start: number, end: number): string {
    for (let i = this.lastStartingBefore(end); i >= 0 && this.coverEnd[i] > start; i--) {
      if (this.ends[i] > start) return this.classes[i];
    }
    return '';
  }
}
