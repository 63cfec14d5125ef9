/**
 * What hex inspection adds to the hex view's cells and rows (the viewer's
 * HexMarks, registered by wireInspect): a byte class on every cell (coloured
 * only while body has .hv-colorize), and a mark on rows holding a bookmark.
 */
import type { HexMarks } from '../core/decorations';
import type { Bookmark } from '../../shared/protocol/inspect';

export type ByteClass = 'zero' | 'printable' | 'whitespace' | 'control' | 'high';

/** Like hexyl: NUL, printable ASCII, ASCII whitespace, other ASCII (controls, DEL), non-ASCII. */
export function byteClass(byte: number): ByteClass {
  if (byte === 0) return 'zero';
  if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) return 'whitespace';
  if (byte > 0x20 && byte < 0x7f) return 'printable';
  if (byte < 0x80) return 'control';
  return 'high';
}

const SHORT: Record<ByteClass, string> = { zero: ' bz', printable: ' bp', whitespace: ' bw', control: ' bc', high: ' bh' };

/** ' bz' | ' bp' | ' bw' | ' bc' | ' bh': appended to a cell's class. */
export const BYTE_CLASS: readonly string[] = Array.from({ length: 256 }, (_, b) => SHORT[byteClass(b)]);

/** The bookmarks as hex marks: each cell's byte class, and the first bookmark of each row. */
export class BookmarkMarks implements Required<HexMarks> {
  readonly byteClasses = BYTE_CLASS;
  private offsets: number[] = [];
  private names: string[] = [];

  /** Replaces the bookmarks (sorted by offset). */
  set(bookmarks: readonly Bookmark[]): void {
    this.offsets = bookmarks.map((b) => b.offset);
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
