import { decodeString, type StringList } from './StringList';

/** Bytes read around the strings being tested, and the most of one string the filter looks at. */
const WINDOW = 64 * 1024;

/**
 * Which strings contain a text (case-insensitive), tested in slices so the
 * host's thread is never held for long; strings found after the filter was
 * set are tested as they come. Bytes are read a 64 KiB window at a time
 * (strings are in offset order, so one read covers many); a string longer
 * than 64 KiB is matched on its first 64 KiB.
 */
export class StringFilter {
  private indices = new Uint32Array(1024);
  shown = 0;
  private tested = 0;
  private window: { start: number; bytes: Uint8Array } | undefined;

  constructor(
    private readonly list: StringList,
    private readonly read: (offset: number, length: number) => Uint8Array,
    readonly text: string,
  ) {
    this.needle = text.toLowerCase();
  }

  private readonly needle: string;

  /** The index (into the list) of shown string `i`. */
  at(i: number): number {
    return this.indices[i];
  }

  /** Tests the strings not tested yet for up to `budgetMs`; true when every string so far is tested. */
  pump(budgetMs: number): boolean {
    const stop = performance.now() + budgetMs;
    const list = this.list;
    while (this.tested < list.count) {
      const i = this.tested++;
      if (this.matches(i)) this.push(i);
      if ((this.tested & 255) === 0 && performance.now() > stop) break;
    }
    return this.tested >= list.count;
  }

  private matches(i: number): boolean {
    const list = this.list;
    const offset = list.offset(i);
    const length = Math.min(WINDOW, list.length(i));
    let bytes: Uint8Array;
    const w = this.window;
    if (w && offset >= w.start && offset + length <= w.start + w.bytes.length) {
      bytes = w.bytes.subarray(offset - w.start, offset - w.start + length);
    } else {
      try {
        const read = this.read(offset, Math.max(WINDOW, length));
        this.window = { start: offset, bytes: read };
        bytes = read.subarray(0, length);
      } catch {
        return false; // the file shrank: the string is gone
      }
    }
    return decodeString(bytes, list.encoding(i), WINDOW).toLowerCase().includes(this.needle);
  }

  private push(i: number): void {
    if (this.shown === this.indices.length) {
      const next = new Uint32Array(this.indices.length * 2);
      next.set(this.indices);
      this.indices = next;
    }
    this.indices[this.shown++] = i;
  }
}
