import * as vscode from 'vscode';
import { MAX_BOOKMARK_NAME } from '../../shared/protocol/inspect';
import type { Editor } from '../core/Editor';
import type { BookmarkStore } from './BookmarkStore';

function cursorOffset(panel: Editor): number {
  return Math.max(0, Math.min(panel.cursor?.offset ?? 0, panel.document.size - 1));
}

const hex = (offset: number) => '0x' + offset.toString(16).toUpperCase();

/**
 * Adds a bookmark at the cursor, or removes the one there. The name comes
 * from the argument (a string or { name }) or an input box (empty: unnamed;
 * Escape: no bookmark).
 */
export async function toggleBookmark(store: BookmarkStore, panel: Editor, arg: unknown): Promise<{ offset: number; added: boolean } | undefined> {
  const file = panel.document.uri.fsPath;
  const offset = cursorOffset(panel);
  if (store.at(file, offset)) {
    await store.remove(file, offset);
    return { offset, added: false };
  }
  let name = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null && typeof (arg as { name?: unknown }).name === 'string' ? (arg as { name: string }).name : undefined;
  name ??= await vscode.window.showInputBox({ title: `Bookmark at ${hex(offset)}`, prompt: 'A name for the bookmark (optional)', placeHolder: 'header, record table…' });
  if (name === undefined) return undefined;
  await store.add(file, offset, name.trim().slice(0, MAX_BOOKMARK_NAME));
  return { offset, added: true };
}

/** Moves to the next (1) or previous (-1) bookmark, wrapping around. */
export function jumpToBookmark(store: BookmarkStore, panel: Editor, direction: 1 | -1): number | undefined {
  const next = store.neighbour(panel.document.uri.fsPath, panel.cursor?.offset ?? 0, direction);
  if (!next) return void vscode.window.showInformationMessage('HugeView: no bookmarks in this file (Toggle Bookmark adds one at the cursor).');
  panel.goTo(next.offset);
  return next.offset;
}

/** A quick pick of the file's bookmarks: choose one to go there, the trash button removes it. */
export async function listBookmarks(store: BookmarkStore, panel: Editor): Promise<void> {
  const file = panel.document.uri.fsPath;
  const remove: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Remove Bookmark' };
  type Item = vscode.QuickPickItem & { offset: number };
  const items = (): Item[] =>
    store.list(file).map((b) => ({ label: b.name || '(unnamed)', description: `${hex(b.offset)} (${b.offset.toLocaleString('en-US')})`, offset: b.offset, buttons: [remove] }));
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = `Bookmarks in ${panel.document.fileName}`;
  pick.placeholder = 'Go to a bookmark';
  pick.matchOnDescription = true;
  pick.items = items();
  if (pick.items.length === 0) pick.placeholder = 'No bookmarks yet: Toggle Bookmark adds one at the cursor';
  await new Promise<void>((resolve) => {
    pick.onDidTriggerItemButton(async ({ item }) => {
      await store.remove(file, item.offset);
      pick.items = items();
    });
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      if (chosen) panel.goTo(chosen.offset);
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve();
    });
    pick.show();
  });
}
