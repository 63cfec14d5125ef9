import * as vscode from 'vscode';
import { Disposable } from './Disposable';
import type { ViewerPanel } from './ViewerPanel';

/**
 * Context keys for when-clauses (keybindings, menus) about the active HugeView editor:
 * `hugeview.viewerActive`, `hugeview.mode` ('hex' | 'text' | '' when none) and
 * `hugeview.following` (follow mode on in the active editor).
 */
export class EditorContext extends Disposable {
  private subscription: vscode.Disposable | undefined;
  private readonly values = new Map<string, unknown>();

  constructor() {
    super();
    this._register({ dispose: () => this.subscription?.dispose() });
  }

  show(panel: ViewerPanel | undefined): void {
    this.subscription?.dispose();
    this.subscription = undefined;
    const update = () => {
      this.set('hugeview.viewerActive', !!panel);
      this.set('hugeview.mode', panel?.currentMode ?? '');
      this.set('hugeview.following', panel?.isFollowing ?? false);
    };
    if (panel) this.subscription = vscode.Disposable.from(panel.onDidChangeMode(update), panel.onDidChangeFollow(update));
    update();
  }

  private set(key: string, value: unknown): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}
