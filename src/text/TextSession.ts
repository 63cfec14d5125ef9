import type * as vscode from 'vscode';
import { IndexProgress, LineAt } from '../../shared/protocol/text';
import type { NewlineUnit } from '../../shared/types';
import { codedError } from '../bytes/ByteSource';
import type { Editor } from '../core/Editor';
import { newlineUnit } from '../core/textEncoding';
import type { LineIndex } from '../core/LineIndex';

/**
 * One editor's line numbers: holds the document's line index for the
 * newline unit of the editor's encoding (editors in another encoding hold
 * their own), answers the webview's LineAt and tells it how far the count got.
 */
export class TextSession implements vscode.Disposable {
  private indexWatch: { dispose(): void } | undefined;
  private indexTimer: ReturnType<typeof setTimeout> | undefined;
  /** The newline unit whose index this editor holds, if it asked for one. */
  private heldUnit: NewlineUnit | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(readonly editor: Editor) {
    editor.messenger.onRequest(LineAt, async ({ offset }) => {
      if (offset > editor.document.size) throw codedError('EINVAL', `offset ${offset} is past the end of the file`);
      this.watchIndex();
      return { line: (await this.lines().lineOfAsync(offset)) ?? null };
    });
    this.subscriptions = [
      // New bytes: a new index, watched again once the webview asks.
      editor.onDidReload(() => this.unwatch()),
      editor.onDidChangeEncoding((encoding) => {
        this.unwatch();
        if (this.heldUnit !== newlineUnit(encoding)) this.release();
      }),
    ];
  }

  /** The document's line index, counting newlines as this editor's encoding writes them (shared with editors in the same unit). */
  lines(): LineIndex {
    const unit = newlineUnit(this.editor.encoding);
    if (this.heldUnit !== unit) this.release();
    this.heldUnit = unit;
    return this.editor.document.lines(unit, this);
  }

  /** This editor's line index if it has started one. */
  get startedLines(): LineIndex | undefined {
    return this.editor.document.startedLinesFor(newlineUnit(this.editor.encoding));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.unwatch();
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.release();
  }

  private release(): void {
    if (this.heldUnit !== undefined) this.editor.document.releaseLines(this.heldUnit, this);
    this.heldUnit = undefined;
  }

  private unwatch(): void {
    this.indexWatch?.dispose();
    this.indexWatch = undefined;
  }

  private watchIndex(): void {
    if (this.indexWatch) return;
    const index = this.lines();
    const send = () => {
      this.indexTimer = undefined;
      const { scannedTo, newlines, done } = index.state;
      this.editor.messenger.notify(IndexProgress, { scannedTo, newlines, done, size: this.editor.document.size });
    };
    this.indexWatch = index.onChange((state) => {
      if (state.done) {
        if (this.indexTimer) clearTimeout(this.indexTimer);
        send();
      } else {
        this.indexTimer ??= setTimeout(send, 100);
      }
    });
    send();
  }
}
