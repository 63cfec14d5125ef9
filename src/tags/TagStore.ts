import { randomUUID } from 'node:crypto';
import { MAX_TAGS, isTag, type Tag, type TagColor } from '../../shared/protocol/tags';

/** What the store keeps its lists in: vscode.Memento (globalState), or any object with its get/update. */
export interface TagMemento {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): Thenable<void>;
}

export type NewTag = Omit<Tag, 'id'>;
export type TagChanges = Partial<Pick<Tag, 'name' | 'color' | 'note'>>;

/** Where the tags of the file at `path` are kept: one key per file, so a change rewrites only that file's list. */
export function tagKey(path: string): string {
  return `hugeview.tags:${path}`;
}

/** Where bookmarks were kept before they became zero-length tags (workspace state: { [fsPath]: [{ offset, name }] }). */
export const OLD_BOOKMARKS_KEY = 'hugeview.bookmarks';
/** The colour a bookmark (Toggle Bookmark) gets: the blue of the bookmark bar. */
export const BOOKMARK_COLOR: TagColor = 'blue';

function order(a: Tag, b: Tag): number {
  return a.start - b.start || a.length - b.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Tags per file, in global state keyed by the file's absolute path: they
 * survive closing the file and restarting VS Code, and follow the file into
 * any window or workspace that opens it. Each list is sorted by start (then
 * length, so a bookmark comes before a range starting at its offset). What
 * is read back is checked field by field: a damaged entry is dropped, never
 * shown.
 */
export class TagStore {
  private readonly listeners = new Set<(path: string) => void>();

  constructor(private readonly memento: TagMemento) {}

  list(path: string): Tag[] {
    const stored = this.memento.get<unknown>(tagKey(path), []);
    return Array.isArray(stored) ? stored.filter(isTag).sort(order) : [];
  }

  get(path: string, id: string): Tag | undefined {
    return this.list(path).find((t) => t.id === id);
  }

  /** The bookmark (zero-length tag) at `offset`. */
  bookmarkAt(path: string, offset: number): Tag | undefined {
    return this.list(path).find((t) => t.length === 0 && t.start === offset);
  }

  /** Adds tags; returns those added (none past MAX_TAGS per file). */
  async add(path: string, tags: readonly NewTag[]): Promise<Tag[]> {
    const list = this.list(path);
    const added = tags.slice(0, Math.max(0, MAX_TAGS - list.length)).map((t) => ({ ...t, id: randomUUID() }));
    if (added.length > 0) await this.save(path, [...list, ...added]);
    return added;
  }

  /** Renames, recolours or re-notes the tag `id`; undefined when it is gone. */
  async update(path: string, id: string, changes: TagChanges): Promise<Tag | undefined> {
    const list = this.list(path);
    const index = list.findIndex((t) => t.id === id);
    if (index < 0) return undefined;
    list[index] = { ...list[index], ...changes };
    await this.save(path, list);
    return list[index];
  }

  async remove(path: string, id: string): Promise<boolean> {
    const list = this.list(path);
    const kept = list.filter((t) => t.id !== id);
    if (kept.length === list.length) return false;
    await this.save(path, kept);
    return true;
  }

  async clear(path: string): Promise<number> {
    const count = this.list(path).length;
    if (count > 0) await this.save(path, []);
    return count;
  }

  /** The next tag starting after `from` (direction 1) or before it (-1), wrapping around. */
  neighbour(path: string, from: number, direction: 1 | -1): Tag | undefined {
    const list = this.list(path);
    if (list.length === 0) return undefined;
    if (direction === 1) return list.find((t) => t.start > from) ?? list[0];
    for (let i = list.length - 1; i >= 0; i--) if (list[i].start < from) return list[i];
    return list[list.length - 1];
  }

  /** Called with the file's path after each change. */
  onChange(listener: (path: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Brings bookmarks kept the old way (workspace state, `{ offset, name }`
   * per file) into this store as zero-length tags, once: the old key is
   * removed after. A bookmark already here (same offset) is not doubled.
   * Returns how many bookmarks were moved.
   */
  async migrateBookmarks(workspace: TagMemento): Promise<number> {
    const old = workspace.get<unknown>(OLD_BOOKMARKS_KEY, undefined);
    if (old === undefined) return 0;
    let moved = 0;
    if (typeof old === 'object' && old !== null && !Array.isArray(old)) {
      for (const [path, bookmarks] of Object.entries(old)) {
        if (!Array.isArray(bookmarks)) continue;
        const fresh: NewTag[] = [];
        for (const b of bookmarks as Array<{ offset?: unknown; name?: unknown }>) {
          if (!b || !Number.isSafeInteger(b.offset) || (b.offset as number) < 0) continue;
          const offset = b.offset as number;
          if (this.bookmarkAt(path, offset) || fresh.some((t) => t.start === offset)) continue;
          fresh.push({ start: offset, length: 0, name: typeof b.name === 'string' ? b.name.slice(0, 200) : '', color: BOOKMARK_COLOR, note: '' });
        }
        moved += (await this.add(path, fresh)).length;
      }
    }
    await workspace.update(OLD_BOOKMARKS_KEY, undefined);
    return moved;
  }

  private async save(path: string, list: Tag[]): Promise<void> {
    await this.memento.update(tagKey(path), list.length > 0 ? list.sort(order) : undefined);
    for (const listener of this.listeners) listener(path);
  }
}
