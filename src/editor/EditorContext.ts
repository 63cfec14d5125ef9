import * as vscode from 'vscode';
import { Disposable } from '../core/Disposable';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { ContextKey } from '../core/ContextKey';

/**
 * Context keys about the active HugeView editor: `hugeview.viewerActive` and
 * `hugeview.mode` ('hex' | 'text' | '' when none). Features set their own
 * (follow mode: `hugeview.following`).
 */
export class EditorContext extends Disposable {
  private subscription: vscode.Disposable | undefined;
  private readonly viewerActive = new ContextKey<boolean>('hugeview.viewerActive');
  private readonly mode = new ContextKey<string>('hugeview.mode');

  constructor(editors: Editors) {
    super();
    this._register({ dispose: () => this.subscription?.dispose() });
    this._register(editors.onDidChangeActive((editor) => this.show(editor)));
    this.show(editors.active);
  }

  private show(editor: Editor | undefined): void {
    this.subscription?.dispose();
    const update = () => {
      this.viewerActive.set(!!editor);
      this.mode.set(editor?.mode ?? '');
    };
    this.subscription = editor?.onDidChangeMode(update);
    update();
  }
}
