import type { HexMarks } from '../core/decorations';
import type { Tag } from '../../shared/protocol/tags';

/** Bookmarks (zero-length tags) as hex row marks: the bar and the name of the first bookmark in each row. */
export class BookmarkMarks implements HexMarks {
  private offsets: number[] = [];
  private names: string[] = [];

  /** Replaces the tags (sorted by start); only bookmarks are kept. */
  set(tags: readonly Tag[]): void {
    const bookmarks = tags.filter((t) => t.length === 0);
    this.offsets = bookmarks.map((b) => b.start);
    this.names = bookmarks.map((b) => b.name);
  }

  /** The first bookmark in [start, end): its name ('' when unnamed), or undefined when there is none. */
  readonly rowMark = (start: number, end: number): string | undefined => {
    const offsets = this.offsets;
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (offsets[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < offsets.length && offsets[lo] < end ? this.names[lo] : undefined;
  };
}
