import * as vscode from 'vscode';
import { GetTags, MAX_TAGS, TagsChanged } from '../../shared/protocol/tags';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { log } from '../log';
import { jumpToBookmark, listBookmarks, toggleBookmark } from './bookmarkCommands';
import { TagCommands } from './tagCommands';
import { TagStore } from './TagStore';
import { TagsView } from './TagsView';

/** What tags offer the rest (the test API): the store and the view. */
export interface TagsFeature {
  readonly store: TagStore;
  readonly view: TagsView;
  /** A store read afresh from what was persisted (as a new activation would). */
  reload(): TagStore;
}

/** One editor's side: answers the webview's GetTags and sends the list again whenever it changes. */
function tagsSession(store: TagStore) {
  return (editor: Editor): vscode.Disposable => {
    const file = editor.document.uri.fsPath;
    const tags = () => ({ tags: store.list(file).slice(0, MAX_TAGS) });
    editor.messenger.onRequest(GetTags, tags);
    return store.onChange((changed) => {
      if (changed === file) editor.messenger.notify(TagsChanged, tags());
    });
  };
}

/**
 * Tags (named, coloured ranges with a note) and bookmarks (zero-length tags):
 * kept per file in global state, drawn by the webview, listed in the Tags
 * view, exported and imported as JSON.
 */
export function register(context: vscode.ExtensionContext, editors: Editors): TagsFeature {
  const store = new TagStore(context.globalState);
  store.migrateBookmarks(context.workspaceState).then(
    (moved) => moved > 0 && log().info(`tags: ${moved} bookmark(s) moved into tags`),
    (error: Error) => log().warn(`tags: old bookmarks not moved (${error.message})`),
  );
  editors.registerSession(tagsSession(store));
  const view = new TagsView(store, editors);
  const commands = new TagCommands(store, editors, () => view.file);
  const withPanel = <A extends unknown[], R>(what: string, run: (panel: Editor, ...args: A) => R) => (...args: A): R | undefined => {
    const panel = editors.requireActive(`HugeView: open a file in HugeView to ${what}.`);
    return panel && run(panel, ...args);
  };
  context.subscriptions.push(
    view,
    vscode.commands.registerCommand('hugeview.addTag', (arg?: unknown) => commands.add(arg)),
    vscode.commands.registerCommand('hugeview.renameTag', (arg?: unknown) => commands.rename(arg)),
    vscode.commands.registerCommand('hugeview.recolorTag', (arg?: unknown) => commands.recolor(arg)),
    vscode.commands.registerCommand('hugeview.editTagNote', (arg?: unknown) => commands.editNote(arg)),
    vscode.commands.registerCommand('hugeview.deleteTag', (arg?: unknown) => commands.remove(arg)),
    vscode.commands.registerCommand('hugeview.goToTag', (arg?: unknown) => commands.goTo(arg)),
    vscode.commands.registerCommand('hugeview.exportTags', (arg?: unknown) => commands.export(arg)),
    vscode.commands.registerCommand('hugeview.importTags', (arg?: unknown) => commands.import(arg)),
    vscode.commands.registerCommand('hugeview.clearTags', (arg?: unknown) => commands.clear(arg)),
    vscode.commands.registerCommand('hugeview.toggleBookmark', withPanel('add a bookmark', (panel, arg?: unknown) => toggleBookmark(store, panel, arg))),
    vscode.commands.registerCommand('hugeview.nextBookmark', withPanel('go to a bookmark', (panel) => jumpToBookmark(store, panel, 1))),
    vscode.commands.registerCommand('hugeview.previousBookmark', withPanel('go to a bookmark', (panel) => jumpToBookmark(store, panel, -1))),
    vscode.commands.registerCommand('hugeview.listBookmarks', withPanel('list bookmarks', (panel) => listBookmarks(store, panel))),
  );
  return { store, view, reload: () => new TagStore(context.globalState) };
}
