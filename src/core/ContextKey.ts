import * as vscode from 'vscode';

/** Sets a when-clause context key (keybindings, menus), only when its value changes. */
export class ContextKey<T> {
  private value: T | undefined;

  constructor(readonly key: string) {}

  set(value: T): void {
    if (this.value === value) return;
    this.value = value;
    void vscode.commands.executeCommand('setContext', this.key, value);
  }
}
