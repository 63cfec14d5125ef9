import { PAGE_SIZE } from '../../shared/offsets';
import type { PageCache } from './PageCache';

/** Thrown by PagedBytes when a byte's page is not in the cache yet. */
export class MissingBytes extends Error {
  constructor(readonly page: number) {
    super(`page ${page} is not loaded`);
  }
}

/** The file's bytes as far as the cache holds them; anything else throws MissingBytes. */
export interface ByteSource {
  readonly size: number;
  byteAt(offset: number): number;
  slice(start: number, end: number): Uint8Array;
}

export class PagedBytes implements ByteSource {
  private memoIndex = -1;
  private memoPage: Uint8Array | undefined;
  private memoVersion = -1;

  constructor(
    private readonly cache: PageCache,
    private readonly sizeOf: () => number,
  ) {}

  get size(): number {
    return this.sizeOf();
  }

  readonly byteAt = (offset: number): number => {
    const index = Math.floor(offset / PAGE_SIZE);
    const page = this.page(index);
    const i = offset - index * PAGE_SIZE;
    return i < page.length ? page[i] : 0; // past a short page: the file ended there when read
  };

  /** Copies [start, end) out of one or more pages. */
  slice(start: number, end: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, end - start));
    let at = start;
    while (at < end) {
      const index = Math.floor(at / PAGE_SIZE);
      const page = this.page(index);
      const from = at - index * PAGE_SIZE;
      const to = Math.min(PAGE_SIZE, end - index * PAGE_SIZE);
      if (from < page.length) out.set(page.subarray(from, Math.min(to, page.length)), at - start);
      at = index * PAGE_SIZE + to;
    }
    return out;
  }

  private page(index: number): Uint8Array {
    if (index !== this.memoIndex || this.memoVersion !== this.cache.version || !this.memoPage) {
      const page = this.cache.peek(index);
      if (!page) throw new MissingBytes(index);
      this.memoIndex = index;
      this.memoPage = page;
      this.memoVersion = this.cache.version;
    }
    return this.memoPage;
  }
}

/** A ByteSource over an in-memory array (tests, and anything already loaded). */
export class ArrayBytes implements ByteSource {
  constructor(private readonly bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.length;
  }
  readonly byteAt = (offset: number): number => this.bytes[offset];
  slice(start: number, end: number): Uint8Array {
    return this.bytes.slice(start, end);
  }
}
