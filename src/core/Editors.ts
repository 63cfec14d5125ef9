import * as vscode from 'vscode';
import { Disposable } from './Disposable';
import type { Editor, EditorSession } from './Editor';

/** The custom editor's view type (package.json contributes.customEditors). */
export const VIEW_TYPE = 'hugeview.viewer';

/**
 * Every open HugeView editor, the active one, and the sessions features run
 * in each (the model: vscode-hexeditor's hexEditorRegistry). The provider
 * adds editors and says which is active; features read and listen.
 */
export class Editors extends Disposable {
  private readonly editors = new Map<Editor, vscode.Disposable[]>();
  private readonly sessions: EditorSession[] = [];
  private activeEditor: Editor | undefined;
  private shownEditor: Editor | undefined;
  private readonly activeEmitter = this._register(new vscode.EventEmitter<Editor | undefined>());
  /** Fires when another HugeView editor (or none) becomes the active one. */
  readonly onDidChangeActive = this.activeEmitter.event;
  private readonly shownEmitter = this._register(new vscode.EventEmitter<Editor | undefined>());
  private readonly closeEmitter = this._register(new vscode.EventEmitter<Editor>());
  /** Fires when an editor closed (after its sessions ended). */
  readonly onDidClose = this.closeEmitter.event;
  /** Fires when the editor whose state the status bar shows changes (see `shown`). */
  readonly onDidChangeShown = this.shownEmitter.event;

  constructor() {
    super();
    // Another tab became active: hide this file's state at once, before the old editor hears it went
    // inactive and long before a new editor's webview reports its own (or the status bar shows a mix).
    this._register(vscode.window.tabGroups.onDidChangeTabs(() => this.hideIfNotActive()));
    this._register(vscode.window.tabGroups.onDidChangeTabGroups(() => this.hideIfNotActive()));
  }

  /** The active HugeView editor, if any. */
  get active(): Editor | undefined {
    return this.activeEditor;
  }

  /** The editor whose state status items show: the active one, cleared as soon as another tab comes to the front. */
  get shown(): Editor | undefined {
    return this.shownEditor;
  }

  /** Every open HugeView editor. */
  get all(): Editor[] {
    return [...this.editors.keys()];
  }

  /** The first editor of the file at `path`. */
  find(path: string): Editor | undefined {
    return this.all.find((editor) => editor.document.uri.fsPath === path);
  }

  /** The active editor, or undefined after telling the person `message`. */
  requireActive(message: string): Editor | undefined {
    if (!this.activeEditor) void vscode.window.showInformationMessage(message);
    return this.activeEditor;
  }

  /** Runs `session` in every editor, now and as they open; each session ends with its editor. */
  registerSession(session: EditorSession): void {
    this.sessions.push(session);
    for (const [editor, owned] of this.editors) owned.push(session(editor));
  }

  /** A new editor: every feature's session starts in it. */
  add(editor: Editor): void {
    this.editors.set(editor, this.sessions.map((session) => session(editor)));
  }

  /** The editor closed: its sessions end. */
  remove(editor: Editor): void {
    const owned = this.editors.get(editor);
    this.editors.delete(editor);
    if (this.activeEditor === editor) this.setActive(undefined);
    for (const disposable of (owned ?? []).reverse()) {
      try {
        disposable.dispose();
      } catch {
        // one failing session must not keep the others alive
      }
    }
    this.closeEmitter.fire(editor);
  }

  setActive(editor: Editor | undefined): void {
    const changed = editor !== this.activeEditor;
    this.activeEditor = editor;
    if (changed) this.activeEmitter.fire(editor);
    this.show(editor);
  }

  private show(editor: Editor | undefined): void {
    this.shownEditor = editor;
    this.shownEmitter.fire(editor);
  }

  private hideIfNotActive(): void {
    const editor = this.shownEditor;
    if (!editor) return;
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const showing = input instanceof vscode.TabInputCustom && input.viewType === VIEW_TYPE && input.uri.toString() === editor.document.uri.toString();
    if (!showing) this.show(undefined);
  }
}
