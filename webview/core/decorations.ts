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
