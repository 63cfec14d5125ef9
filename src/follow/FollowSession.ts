import * as vscode from 'vscode';
import { FollowChanged, SetFollow } from '../../shared/protocol/follow';
import type { Editor } from '../core/Editor';

/**
 * Follow mode in one editor, like tail -f: the view stays pinned to the end
 * as the file grows. File watchers coalesce and lag, so while following the
 * size is also polled every 100 ms (an fstat: cheap). Scrolling up in the
 * view leaves it; a rotated log is followed into its new file (tail -F).
 */
export class FollowSession implements vscode.Disposable {
  private on = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly changed = new vscode.EventEmitter<boolean>();
  /** Fires when follow mode turns on or off. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly editor: Editor) {
    // The webview asks to leave (or enter) follow mode; the host decides and tells it (SetFollow), so the
    // command, the status bar and the view always agree.
    editor.messenger.onNotification(FollowChanged, ({ following }) => this.set(following));
    this.subscriptions = [
      this.changed,
      // Follow mode follows the path, like tail -F: a rotated log is followed into its new file.
      editor.document.onDidDetectReplacement(() => {
        if (this.on) editor.document.reopen();
      }),
      // A webview that reloaded while following goes back to the end.
      editor.onDidRestoreWebview((restore) => {
        if (!this.on) return;
        editor.messenger.notify(SetFollow, { following: true });
        restore.placed = true;
      }),
    ];
  }

  get following(): boolean {
    return this.on;
  }

  set(following: boolean): void {
    this.editor.messenger.notify(SetFollow, { following }); // even if unchanged: the webview waits for the answer
    if (following === this.on) return;
    this.on = following;
    if (this.timer) clearInterval(this.timer);
    this.timer = following ? setInterval(() => this.editor.document.refresh(), 100) : undefined;
    this.changed.fire(following);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
