import type * as vscode from 'vscode';
import type { Channel } from '../../shared/rpc';

/**
 * The host side of the webview transport. Tests can inject a raw message as
 * if the webview had sent it and watch what the host posts back.
 */
export class PanelChannel implements Channel {
  private receiver: ((message: unknown) => void) | undefined;
  private readonly taps = new Set<(message: unknown) => void>();

  constructor(private readonly webview: vscode.Webview) {}

  post(message: unknown): void {
    for (const tap of this.taps) tap(message);
    void this.webview.postMessage(message).then(undefined, () => undefined);
  }

  listen(receiver: (message: unknown) => void): () => void {
    this.receiver = receiver;
    const subscription = this.webview.onDidReceiveMessage((message) => this.receiver?.(message));
    return () => {
      this.receiver = undefined;
      subscription.dispose();
    };
  }

  /** Delivers `message` as if it came from the webview. */
  inject(message: unknown): void {
    this.receiver?.(message);
  }

  /** Watches what the host posts; returns the unsubscribe function. */
  tap(listener: (message: unknown) => void): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }
}
