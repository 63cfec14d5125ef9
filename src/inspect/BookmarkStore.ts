import type * as vscode from 'vscode';
import type { Bookmark } from '../../shared/protocol/inspect';

const KEY = 'hugeview.bookmarks';

/**
 * Bookmarks per file, kept in workspace state (they survive closing the
 * file and restarting VS Code): { [fsPath]: [{ offset, name }] }, each list
 * sorted by offset, at most one bookmark per offset.
 */
export class BookmarkStore {
  private readonly listeners = new Set<(path: string) => void>();

  constructor(private readonly memento: vscode.Memento) {}

  list(path: string): Bookmark[] {
    const all = this.memento.get<Record<string, Bookmark[]>>(KEY, {});
    const list = all[path];
    return Array.isArray(list) ? list.filter((b) => Number.isSafeInteger(b?.offset) && typeof b.name === 'string') : [];
  }

  at(path: string, offset: number): Bookmark | undefined {
    return this.list(path).find((b) => b.offset === offset);
  }

  async add(path: string, offset: number, name: string): Promise<void> {
    const list = this.list(path).filter((b) => b.offset !== offset);
    list.push({ offset, name });
    list.sort((a, b) => a.offset - b.offset);
    await this.save(path, list);
  }

  async remove(path: string, offset: number): Promise<void> {
    await this.save(path, this.list(path).filter((b) => b.offset !== offset));
  }

  /** The next bookmark after `from` (direction 1) or before it (-1), wrapping around. */
  neighbour(path: string, from: number, direction: 1 | -1): Bookmark | undefined {
    const list = this.list(path);
    if (list.length === 0) return undefined;
    if (direction === 1) return list.find((b) => b.offset > from) ?? list[0];
    for (let i = list.length - 1; i >= 0; i--) if (list[i].offset < from) return list[i];
    return list[list.length - 1];
  }

  /** Called with the file's path after each change. */
  onChange(listener: (path: string) => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private async save(path: string, list: Bookmark[]): Promise<void> {
    const all = { ...this.memento.get<Record<string, Bookmark[]>>(KEY, {}) };
    if (list.length > 0) all[path] = list;
    else delete all[path];
    await this.memento.update(KEY, all);
    for (const listener of this.listeners) listener(path);
  }
}
