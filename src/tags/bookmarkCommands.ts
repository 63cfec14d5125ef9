import * as vscode from 'vscode';
import { MAX_TAG_NAME } from '../../shared/protocol/tags';
import type { Editor } from '../core/Editor';
import { BOOKMARK_COLOR, type TagStore } from './TagStore';
import { describeRange, hex } from './tagPrompts';

function cursorOffset(panel: Editor): number {
  return Math.max(0, Math.min(panel.cursor?.offset ?? 0, panel.document.size - 1));
}

/**
 * Bookmarks are zero-length tags. Toggle Bookmark adds one at the cursor,
 * or removes the one there. The name comes from the argument (a string or
 * { name }) or an input box (empty: unnamed; Escape: no bookmark).
 */
export async function toggleBookmark(store: TagStore, panel: Editor, arg: unknown): Promise<{ offset: number; added: boolean } | undefined> {
  const file = panel.document.uri.fsPath;
  const offset = cursorOffset(panel);
  const there = store.bookmarkAt(file, offset);
  if (there) {
    await store.remove(file, there.id);
    return { offset, added: false };
  }
  let name = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null && typeof (arg as { name?: unknown }).name === 'string' ? (arg as { name: string }).name : undefined;
  name ??= await vscode.window.showInputBox({ title: `Bookmark at ${hex(offset)}`, prompt: 'A name for the bookmark (optional)', placeHolder: 'header, record table…' });
  if (name === undefined) return undefined;
  await store.add(file, [{ start: offset, length: 0, name: name.trim().slice(0, MAX_TAG_NAME), color: BOOKMARK_COLOR, note: '' }]);
  return { offset, added: true };
}

/** Moves to the next (1) or previous (-1) tag or bookmark, wrapping around; a tag's bytes are selected. */
export function jumpToBookmark(store: TagStore, panel: Editor, direction: 1 | -1): number | undefined {
  const next = store.neighbour(panel.document.uri.fsPath, panel.cursor?.offset ?? 0, direction);
  if (!next) return void vscode.window.showInformationMessage('HugeView: no bookmarks or tags in this file (Toggle Bookmark adds one at the cursor).');
  panel.goTo(next.start, next.length);
  return next.start;
}

/** A quick pick of the file's tags and bookmarks: choose one to go there, the trash button removes it. */
export async function listBookmarks(store: TagStore, panel: Editor): Promise<void> {
  const file = panel.document.uri.fsPath;
  const remove: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete' };
  type Item = vscode.QuickPickItem & { id: string; start: number; length: number };
  const items = (): Item[] =>
    store.list(file).map((t) => ({
      label: t.name || (t.length === 0 ? 'Bookmark' : 'Tag'),
      description: `${describeRange(t)} (${t.start.toLocaleString('en-US')})`,
      detail: t.note || undefined,
      id: t.id,
      start: t.start,
      length: t.length,
      buttons: [remove],
    }));
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = `Bookmarks and tags in ${panel.document.fileName}`;
  pick.placeholder = 'Go to a bookmark or tag';
  pick.matchOnDescription = true;
  pick.items = items();
  if (pick.items.length === 0) pick.placeholder = 'None yet: Toggle Bookmark adds one at the cursor, Add Tag tags the selection';
  await new Promise<void>((resolve) => {
    pick.onDidTriggerItemButton(async ({ item }) => {
      await store.remove(file, item.id);
      pick.items = items();
    });
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      if (chosen) panel.goTo(chosen.start, chosen.length);
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve();
    });
    pick.show();
  });
}
