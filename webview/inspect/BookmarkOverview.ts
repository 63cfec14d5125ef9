import type { Bookmark } from '../../shared/protocol/inspect';

/** Bookmarks as marks on the scrollbar track (like the editor's overview ruler), at offset / size. */
export class BookmarkOverview {
  private readonly layer: HTMLElement;
  private bookmarks: readonly Bookmark[] = [];
  private size = 0;

  constructor(scrollbar: HTMLElement) {
    this.layer = document.createElement('div');
    this.layer.className = 'bookmark-overview';
    this.layer.setAttribute('aria-hidden', 'true');
    scrollbar.insertBefore(this.layer, scrollbar.firstChild);
  }

  show(bookmarks: readonly Bookmark[], size: number): void {
    if (bookmarks === this.bookmarks && size === this.size) return;
    this.bookmarks = bookmarks;
    this.size = size;
    const marks = bookmarks.filter((b) => size > 0 && b.offset < size).map((b) => {
      const mark = document.createElement('div');
      mark.className = 'mark';
      mark.style.top = `${((b.offset / size) * 100).toFixed(3)}%`;
      mark.title = b.name || 'Bookmark';
      return mark;
    });
    this.layer.replaceChildren(...marks);
  }
}
