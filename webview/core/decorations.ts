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

/** Several range highlights as one: any marks a range, each one's class suffix in turn. */
class CombinedHighlights implements RangeHighlights {
  version = 0;
  parts: readonly RangeHighlights[] = [];

  stateOf(start: number, end: number): number {
    for (const h of this.parts) if (h.stateOf(start, end) !== 0) return 1;
    return 0;
  }

  classOf(start: number, end: number): string {
    let classes = '';
    for (const h of this.parts) classes += h.classOf(start, end);
    return classes;
  }
}

/**
 * The range highlights of every plug-in, as one: find's matches (set, one at
 * a time) and the ranges plug-ins add (tags). A range marked by several gets
 * each one's class suffix, in the order they were added, find's last.
 */
export class RangeHighlightList {
  private list: RangeHighlights[] = [];
  private readonly combined = new CombinedHighlights();
  private lastKey = '';
  private primary: RangeHighlights | undefined;
  private primaryId = 0;
  private listId = 0;

  add(highlights: RangeHighlights): Disposable {
    this.list = [...this.list, highlights];
    this.listId++;
    return {
      dispose: () => {
        this.list = this.list.filter((h) => h !== highlights);
        this.listId++;
      },
    };
  }

  /** What one paint uses with `primary` (find's matches): undefined when there is nothing to mark with. */
  with(primary: RangeHighlights | undefined): RangeHighlights | undefined {
    if (primary !== this.primary) {
      this.primary = primary;
      this.primaryId++;
    }
    const parts = primary ? [...this.list, primary] : this.list;
    if (parts.length <= 1) return parts[0];
    // the combined version changes whenever a part, or any part's version, does (text rows key on it)
    const key = `${this.primaryId}|${this.listId}|${parts.map((h) => h.version).join(',')}`;
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.combined.version++;
    }
    this.combined.parts = parts;
    return this.combined;
  }
}
