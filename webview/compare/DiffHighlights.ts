import { PAGE_SIZE } from '../../shared/offsets';
import type { RangeHighlights } from '../core/decorations';
import type { Viewer } from '../core/Viewer';

/**
 * Marks the bytes of one pane that differ from the other pane's byte at the
 * same offset, and the tail past the other file's end. Both panes read their
 * own page cache: this one asks the other viewer for the pages on this
 * screen, and repaints once they arrive.
 */
export class DiffHighlights implements RangeHighlights {
  version = 0;
  /** A paint needed a page of the other side that was not loaded yet. */
  private missed = false;

  constructor(
    private readonly mine: Viewer,
    private readonly other: Viewer,
    /** ' diff-removed' on the left, ' diff-inserted' on the right (the diff editor's colours). */
    private readonly changed: string,
  ) {
    mine.onPainted(({ start, end }) => {
      const pages: number[] = [];
      for (let page = Math.floor(start / PAGE_SIZE); page * PAGE_SIZE < Math.max(end, start + 1); page++) pages.push(page);
      other.pages.want('compare', pages);
    });
    other.onPainted(() => {
      if (!this.missed) return;
      this.missed = false;
      this.version++;
      mine.marksChanged();
    });
  }

  /** 1: the byte differs, 2: it is in the tail (the other file ended), 0: equal or unknown yet. */
  private stateAt(at: number): number {
    if (at >= this.mine.fileSize) return 0;
    if (at >= this.other.fileSize) return 2;
    try {
      return this.mine.pages.bytes.byteAt(at) !== this.other.pages.bytes.byteAt(at) ? 1 : 0;
    } catch {
      this.missed = true;
      return 0;
    }
  }

  stateOf(start: number, end: number): number {
    for (let at = start; at < end; at++) {
      const state = this.stateAt(at);
      if (state !== 0) return state;
    }
    return 0;
  }

  classOf(start: number, end: number): string {
    const state = this.stateOf(start, end);
    return state === 0 ? '' : state === 1 ? this.changed : this.changed + ' diff-tail';
  }
}
