import type { Messenger } from '../../shared/rpc';
import { GetTags, TagsChanged, type Tag } from '../../shared/protocol/tags';
import type { Viewer } from '../core/Viewer';
import { BookmarkMarks } from './BookmarkMarks';
import { TagHighlights } from './TagHighlights';
import { TagOverview } from './TagOverview';
import './tags.css';

/**
 * Draws the file's tags (the host sends the list): a background on their
 * bytes in the hex and text views, marks on the scrollbar, and bookmarks
 * (zero-length tags) as a bar and name on their hex row.
 */
export function wireTags(viewer: Viewer, messenger: Messenger): void {
  const highlights = new TagHighlights();
  const bookmarks = new BookmarkMarks();
  const overview = new TagOverview(viewer.scrollbar);
  let tags: Tag[] = [];
  viewer.addHighlights(highlights);
  viewer.addHexMarks(bookmarks);

  function set(list: Tag[]): void {
    tags = list;
    highlights.set(list);
    bookmarks.set(list);
    overview.show(list, viewer.fileSize);
    viewer.marksChanged();
  }

  viewer.onPainted(() => overview.show(tags, viewer.fileSize));
  messenger.onNotification(TagsChanged, ({ tags: list }) => set(list));
  messenger.request(GetTags, {}).then(
    (reply) => {
      if (TagsChanged.valid(reply)) set(reply.tags);
    },
    (error: Error) => console.warn(`HugeView webview: no tags (${error.message})`),
  );
}
