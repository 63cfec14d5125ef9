import type * as vscode from 'vscode';

/** A small base for objects that own disposables (the custom-editor sample's pattern). */
export abstract class Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposedFlag = false;

  protected get isDisposed(): boolean {
    return this.disposedFlag;
  }

  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this.disposedFlag) value.dispose();
    else this.disposables.push(value);
    return value;
  }

  dispose(): void {
    if (this.disposedFlag) return;
    this.disposedFlag = true;
    while (this.disposables.length) {
      try {
        this.disposables.pop()!.dispose();
      } catch {
        // one failing disposable must not keep the others alive
      }
    }
  }
}
