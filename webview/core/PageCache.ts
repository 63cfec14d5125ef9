import { PAGE_SIZE } from '../../shared/offsets';
import { LruMap } from './LruMap';

export interface PageReply {
  offset: number;
  data: ArrayBuffer | ArrayBufferView;
  size: number;
}

/** Reads `length` bytes at `offset` (ReadPage through the messenger). */
export type PageFetcher = (offset: number, length: number) => Promise<PageReply>;

export interface PageCacheEvents {
  /** A page arrived. `wanted` is false when the view has moved on: cache it, but do not repaint for it. */
  onPage(index: number, wanted: boolean): void;
  /** A reply reported a file size different from the last one seen. */
  onSize(size: number): void;
  /** A page could not be read; it is not asked again until retryFailed(). */
  onError(index: number, error: Error): void;
}

/**
 * A bounded LRU of PAGE_SIZE pages. The owner says which pages it wants
 * (want()); missing ones are requested at most `maxInFlight` at a time, in
 * the order given. Queued pages the owner no longer wants are dropped, never
 * asked; a reply for an in-flight page that is no longer wanted is cached but
 * reported with wanted = false. A page is never requested twice at once.
 */
export class PageCache {
  private readonly pages: LruMap<number, Uint8Array>;
  private readonly inFlight = new Map<number, number>(); // page → request token
  private readonly failed = new Map<number, Error>();
  private wanted: number[] = [];
  private wantedSet = new Set<number>();
  private nextToken = 1;
  private disposed = false;
  /** Bumped whenever a cached page changes or goes away. */
  version = 0;

  constructor(
    private readonly fetch: PageFetcher,
    private readonly events: PageCacheEvents,
    private readonly options: { maxPages?: number; maxInFlight?: number } = {},
  ) {
    this.pages = new LruMap(options.maxPages ?? 64);
  }

  /** The page's bytes (shorter than PAGE_SIZE only for the last page), without touching its age. */
  peek(index: number): Uint8Array | undefined {
    return this.pages.peek(index);
  }

  failure(index: number): Error | undefined {
    return this.failed.get(index);
  }

  get failures(): ReadonlyMap<number, Error> {
    return this.failed;
  }

  isPending(index: number): boolean {
    return this.inFlight.has(index);
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Replaces the wanted pages (most important first) and requests the missing ones. */
  want(indexes: Iterable<number>): void {
    const list: number[] = [];
    const set = new Set<number>();
    for (const index of indexes) {
      if (index < 0 || set.has(index)) continue;
      set.add(index);
      list.push(index);
    }
    this.wanted = list;
    this.wantedSet = set;
    for (const index of list) this.pages.get(index); // keep wanted pages young
    this.pump();
  }

  isWanted(index: number): boolean {
    return this.wantedSet.has(index);
  }

  /** Holds a page that came another way than a request (the first page, inside the HTML). */
  seed(index: number, bytes: Uint8Array): void {
    if (this.pages.has(index) || this.inFlight.has(index)) return;
    this.pages.set(index, bytes);
    this.version++;
  }

  /** Forgets one page (its bytes changed); an in-flight reply for it is ignored. */
  invalidate(index: number): void {
    if (this.pages.delete(index)) this.version++;
    this.inFlight.delete(index);
    this.failed.delete(index);
  }

  /** Forgets every page at or past `offset` (the file shrank). */
  dropFrom(offset: number): void {
    const first = Math.floor(offset / PAGE_SIZE);
    this.pages.deleteWhere((index) => index >= first);
    for (const index of [...this.inFlight.keys()]) if (index >= first) this.inFlight.delete(index);
    for (const index of [...this.failed.keys()]) if (index >= first) this.failed.delete(index);
    this.version++;
  }

  /** Lets failed pages be asked again (after a FileChanged). */
  retryFailed(): void {
    this.failed.clear();
    this.pump();
  }

  clear(): void {
    this.pages.clear();
    this.inFlight.clear();
    this.failed.clear();
    this.version++;
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private pump(): void {
    const max = this.options.maxInFlight ?? 4;
    for (const index of this.wanted) {
      if (this.inFlight.size >= max) return;
      if (this.pages.has(index) || this.inFlight.has(index) || this.failed.has(index)) continue;
      this.request(index);
    }
  }

  private request(index: number): void {
    const token = this.nextToken++;
    this.inFlight.set(index, token);
    this.fetch(index * PAGE_SIZE, PAGE_SIZE).then(
      (reply) => this.arrived(index, token, reply),
      (error: Error) => this.rejected(index, token, error),
    );
  }

  private arrived(index: number, token: number, reply: PageReply): void {
    if (this.disposed || this.inFlight.get(index) !== token) return; // invalidated meanwhile
    this.inFlight.delete(index);
    const data = reply.data;
    const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
    this.pages.set(index, bytes);
    this.version++;
    this.events.onSize(reply.size);
    this.events.onPage(index, this.wantedSet.has(index));
    this.pump();
  }

  private rejected(index: number, token: number, error: Error): void {
    if (this.disposed || this.inFlight.get(index) !== token) return;
    this.inFlight.delete(index);
    this.failed.set(index, error);
    this.events.onError(index, error);
    this.pump();
  }
}
