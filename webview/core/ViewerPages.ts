import { PAGE_SIZE } from '../../shared/offsets';
import { PageCache, type PageFetcher } from './PageCache';
import { PagedBytes, type ByteSource } from './PagedBytes';

/**
 * The viewer's one page cache, as a plug-in reads it (the data inspector):
 * the same bytes the rows are painted from, so a plug-in never asks the host
 * again for a page the viewer holds.
 */
export interface SharedPages {
  /** The loaded bytes; a byte whose page is not loaded throws MissingBytes. */
  readonly bytes: ByteSource;
  /** Why a page could not be read, if it could not. */
  failure(page: number): Error | undefined;
  /**
   * The pages `owner` needs besides the view's (replaces its last list; [] when it needs none).
   * They are asked after the view's; when one arrives or fails the viewer repaints, so onPainted follows.
   */
  want(owner: string, pages: readonly number[]): void;
}

export interface ViewerPagesEvents {
  /** A page the view or a plug-in wants arrived, or one the view was missing. */
  onPage(index: number, wanted: boolean): void;
  onSize(size: number): void;
  onError(): void;
}

/**
 * Owns the page cache: what the view wants (most urgent first) plus what
 * each plug-in wants, asked as one list so a page is never asked twice.
 */
export class ViewerPages implements SharedPages {
  readonly cache: PageCache;
  readonly bytes: PagedBytes;
  private viewPages = new Set<number>();
  private viewList: number[] = [];
  private readonly plugins = new Map<string, readonly number[]>();

  constructor(fetch: PageFetcher, sizeOf: () => number, events: ViewerPagesEvents) {
    this.cache = new PageCache(fetch, events);
    this.bytes = new PagedBytes(this.cache, sizeOf);
  }

  failure(page: number): Error | undefined {
    return this.cache.failure(page);
  }

  /** The view's pages, most urgent first (asked before any plug-in's). */
  wantForView(pages: number[]): void {
    this.viewList = pages;
    this.viewPages = new Set(pages);
    this.ask();
  }

  want(owner: string, pages: readonly number[]): void {
    const last = this.plugins.get(owner) ?? [];
    if (pages.length === last.length && pages.every((page, i) => page === last[i])) return;
    if (pages.length === 0) this.plugins.delete(owner);
    else this.plugins.set(owner, [...pages]);
    this.ask();
  }

  /**
   * The file changed size or bytes: a rewrite forgets every page; otherwise the
   * pages holding the old and the new end are read again, and a shrink drops
   * the pages past the end. Failed pages may be asked again.
   */
  fileChanged(oldSize: number, size: number, shrunk: boolean, rewritten: boolean): void {
    const cache = this.cache;
    if (rewritten) cache.clear();
    if (oldSize > 0) cache.invalidate(Math.floor((oldSize - 1) / PAGE_SIZE));
    if (size > 0) cache.invalidate(Math.floor((size - 1) / PAGE_SIZE));
    if (shrunk || size < oldSize) cache.dropFrom(size);
    cache.retryFailed();
  }

  /** The first read error among the pages the view is showing (a plug-in's failed page is its own to report). */
  viewFailure(): { offset: number; error: Error } | undefined {
    for (const [page, error] of this.cache.failures) if (this.viewPages.has(page)) return { offset: page * PAGE_SIZE, error };
    return undefined;
  }

  private ask(): void {
    if (this.plugins.size === 0) return this.cache.want(this.viewList);
    const all = [...this.viewList];
    for (const pages of this.plugins.values()) all.push(...pages);
    this.cache.want(all);
  }
}
