import type { Tag } from '../../shared/protocol/tags';

/** At most this many marks drawn on the track (the rest would share pixels anyway). */
const MAX_MARKS = 2000;

/**
 * Tags and bookmarks as marks on the scrollbar track (like the editor's
 * overview ruler), at start / size, at least 3 px tall, in the tag's colour.
 */
export class TagOverview {
  private readonly layer: HTMLElement;
  private tags: readonly Tag[] = [];
  private size = 0;

  constructor(scrollbar: HTMLElement) {
    this.layer = document.createElement('div');
    this.layer.className = 'tag-overview';
    this.layer.setAttribute('aria-hidden', 'true');
    scrollbar.insertBefore(this.layer, scrollbar.firstChild);
  }

  show(tags: readonly Tag[], size: number): void {
    if (tags === this.tags && size === this.size) return;
    this.tags = tags;
    this.size = size;
    const marks = tags
      .filter((t) => size > 0 && t.start < size)
      .slice(0, MAX_MARKS)
      .map((t) => {
        const mark = document.createElement('div');
        mark.className = `mark t-${t.color}${t.length === 0 ? ' bookmark' : ''}`;
        mark.style.top = `${((t.start / size) * 100).toFixed(3)}%`;
        if (t.length > 0) mark.style.height = `max(3px, ${((Math.min(t.length, size - t.start) / size) * 100).toFixed(3)}%)`;
        mark.dataset.start = String(t.start);
        return mark;
      });
    this.layer.replaceChildren(...marks);
  }
}
