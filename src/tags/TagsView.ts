import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Tag } from '../../shared/protocol/tags';
import type { Editors } from '../core/Editors';
import type { TagStore } from './TagStore';
import { colorIcon, describeRange } from './tagPrompts';

/** One row of the Tags view: a tag of the file at `path`. */
export interface TagNode {
  readonly path: string;
  readonly tag: Tag;
}

export const TAGS_VIEW = 'hugeview.tags';

/** The Tags view's rows: the tags of the active HugeView file (or of the last one that was active), by offset. */
class TagTree implements vscode.TreeDataProvider<TagNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  file: string | undefined;

  constructor(private readonly store: TagStore) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(parent?: TagNode): TagNode[] {
    if (parent || !this.file) return [];
    const file = this.file;
    return this.store.list(file).map((tag) => ({ path: file, tag }));
  }

  getTreeItem({ path: file, tag }: TagNode): vscode.TreeItem {
    const item = new vscode.TreeItem(tag.name || (tag.length === 0 ? 'Bookmark' : 'Tag'));
    item.id = `${file}\n${tag.id}`;
    const firstLine = tag.note.split('\n', 1)[0];
    item.description = firstLine ? `${describeRange(tag)} · ${firstLine}` : describeRange(tag);
    // A plain string: the name and note are shown as typed, never as markdown.
    item.tooltip = [tag.name || (tag.length === 0 ? 'Bookmark' : 'Tag'), `${describeRange(tag)} (${tag.color})`, tag.note].filter(Boolean).join('\n');
    item.iconPath = colorIcon(tag.color, tag.length === 0 ? 'bookmark' : 'tag');
    item.contextValue = 'hugeview.tag';
    item.command = { command: 'hugeview.goToTag', title: 'Go to Tag', arguments: [{ path: file, tag }] };
    item.accessibilityInformation = { label: `${item.label as string}, ${describeRange(tag)}${tag.note ? `, ${tag.note}` : ''}` };
    return item;
  }
}

/**
 * The Tags view in the explorer (shown once a file was opened in HugeView):
 * follows the active HugeView editor and the store.
 */
export class TagsView implements vscode.Disposable {
  private readonly tree: TagTree;
  private readonly view: vscode.TreeView<TagNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(store: TagStore, editors: Editors) {
    this.tree = new TagTree(store);
    this.view = vscode.window.createTreeView(TAGS_VIEW, { treeDataProvider: this.tree });
    this.disposables.push(
      this.view,
      editors.onDidChangeActive((editor) => {
        if (editor) this.show(editor.document.uri.fsPath);
      }),
      store.onChange((file) => {
        if (file === this.tree.file) this.update();
      }),
    );
    if (editors.active) this.show(editors.active.document.uri.fsPath);
  }

  /** The file whose tags the view lists. */
  get file(): string | undefined {
    return this.tree.file;
  }

  /** The rows as the view shows them (the test API reads them). */
  rows(): vscode.TreeItem[] {
    return this.tree.getChildren().map((node) => this.tree.getTreeItem(node));
  }

  private show(file: string): void {
    if (file === this.tree.file) return;
    this.tree.file = file;
    void vscode.commands.executeCommand('setContext', 'hugeview.tagsViewShown', true);
    this.update();
  }

  private update(): void {
    this.view.description = this.tree.file ? path.basename(this.tree.file) : undefined;
    const count = this.tree.file ? this.tree.getChildren().length : 0;
    this.view.message = this.tree.file && count === 0 ? 'No tags in this file yet: select bytes and run HugeView: Add Tag, or Toggle Bookmark at the cursor.' : undefined;
    this.tree.refresh();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
