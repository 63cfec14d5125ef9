// What plug-ins draw on the viewer's rows. Core painting knows only these
// shapes; a plug-in (find, inspect) implements them and hands them to the
// viewer, so the views import no plug-in.
import type { Disposable } from './Emitter';

/** Marks on ranges of bytes (find's matches). */
export interface RangeHighlights {
  /** Changes whenever what would be marked changes (text rows key their cache on it). */
  readonly version: number;
  /** 0 when nothing in [start, end) is marked. */
  stateOf(start: number, end: number): number;
  /** The class suffix for the cells of [start, end): '' when unmarked. */
  classOf(start: number, end: number): string;
}

/** What a plug-in adds to the hex rows (inspect: byte classes, bookmark marks). */
export interface HexMarks {
  /** One class suffix per byte value (256 entries), e.g. ' bz', appended to the byte's cells. */
  readonly byteClasses?: readonly string[];
  /** The mark of the row [start, end): a name ('' when unnamed), or undefined when it has none. */
  rowMark?(start: number, end: number): string | undefined;
}

const NO_CLASSES: readonly string[] = Array.from({ length: 256 }, () => '');

/** The hex marks of every plug-in, as one: byte classes concatenated, the first row mark found. */
export class HexMarkList {
  private list: HexMarks[] = [];
  /** Per byte value: every provider's suffix, joined (computed when the list changes, read per cell). */
  byteClasses: readonly string[] = NO_CLASSES;

  add(marks: HexMarks): Disposable {
    this.list = [...this.list, marks];
    this.merge();
    return {
      dispose: () => {
        this.list = this.list.filter((m) => m !== marks);
        this.merge();
      },
    };
  }

  readonly rowMark = (start: number, end: number): string | undefined => {
    for (const marks of this.list) {
      const mark = marks.rowMark?.(start, end);
      if (mark !== undefined) return mark;
    }
    return undefined;
  };

  private merge(): void {
    const tables = this.list.map((m) => m.byteClasses).filter((t): t is readonly string[] => t !== undefined);
    this.byteClasses = tables.length === 0 ? NO_CLASSES : tables.length === 1 ? tables[0] : NO_CLASSES.map((_, b) => tables.map((t) => t[b]).join(''));
  }
}

/**
 * Several RangeHighlights drawn as one on the text rows (find's matches and
 * the plug-ins' token colours): a cell gets every member's class; `version`
 * changes when a member's does or the list changes.
 */
export class RangeHighlightList implements RangeHighlights {
  private first: RangeHighlights | undefined;
  private list: RangeHighlights[] = [];
  private seen: number[] = [];
  private own = 0;

  /** The list with `first` (find's matches, which come and go) ahead of the added members; undefined when it is empty. */
  with(first: RangeHighlights | undefined): RangeHighlights | undefined {
    if (first !== this.first) {
      this.first = first;
      this.own++;
    }
    return this.list.length || first ? this : undefined;
  }

  add(highlights: RangeHighlights): Disposable {
    this.list = [...this.list, highlights];
    this.own++;
    return {
      dispose: () => {
        this.list = this.list.filter((h) => h !== highlights);
        this.own++;
      },
    };
  }

  private members(): RangeHighlights[] {
    return this.first ? [this.first, ...this.list] : this.list;
  }

  get version(): number {
    const versions = this.members().map((m) => m.version);
    if (versions.length !== this.seen.length || versions.some((v, i) => v !== this.seen[i])) {
      this.seen = versions;
      this.own++;
    }
    return this.own;
  }

  stateOf(start: number, end: number): number {
    let state = 0;
    for (const m of this.members()) state = Math.max(state, m.stateOf(start, end));
    return state;
  }

  classOf(start: number, end: number): string {
    let classes = '';
    for (const m of this.members()) classes += m.classOf(start, end);
    return classes;
  }
}
