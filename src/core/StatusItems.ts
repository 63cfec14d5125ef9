import * as vscode from 'vscode';
import { Disposable } from './Disposable';
import type { Editor } from './Editor';
import type { Editors } from './Editors';

/**
 * A feature's status bar items, shown for the editor Editors.shown names and
 * hidden when none: `follow()` subscribes to that editor's events while it
 * is shown and calls `update` at once and on each of them.
 */
export class StatusItems extends Disposable {
  private readonly items: vscode.StatusBarItem[] = [];

  add(id: string, name: string, priority: number): vscode.StatusBarItem {
    const item = this._register(vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Right, priority));
    item.name = name;
    this.items.push(item);
    return item;
  }

  hide(): void {
    for (const item of this.items) item.hide();
  }

  /** While `editors.shown` is an editor: `listen(editor)`'s subscriptions and `update(editor)`; else every item hidden. */
  follow(editors: Editors, listen: (editor: Editor) => vscode.Disposable[], update: (editor: Editor) => void): vscode.Disposable {
    let subscriptions: vscode.Disposable[] = [];
    const show = (editor: Editor | undefined) => {
      for (const subscription of subscriptions) subscription.dispose();
      subscriptions = [];
      if (!editor) return this.hide();
      subscriptions = listen(editor);
      update(editor);
    };
    const watch = editors.onDidChangeShown(show);
    show(editors.shown);
    return { dispose: () => (watch.dispose(), show(undefined)) };
  }
}
