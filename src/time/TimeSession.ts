import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Editor } from '../core/Editor';
import type { TimedSource } from './LogLines';
import { TimedLog } from './TimedLog';

/**
 * One editor's Go to Time state: the file's timestamp format, detected from
 * its first lines when first needed, again after a reload, and again when a
 * file without one grows (a log just created).
 */
export class TimeSession implements vscode.Disposable {
  private detected: TimedLog | null | undefined;
  private readonly subscriptions: vscode.Disposable[];
  readonly source: TimedSource;

  constructor(readonly editor: Editor) {
    const document = editor.document;
    this.source = {
      get size() {
        return document.size;
      },
      read(offset: number, target: Uint8Array): number {
        const bytes = document.read(offset, target.length);
        target.set(bytes);
        return bytes.length;
      },
    };
    this.subscriptions = [
      editor.onDidReload(() => (this.detected = undefined)),
      document.onDidChangeSize(() => {
        if (this.detected === null) this.detected = undefined;
      }),
    ];
  }

  /** The timed log, or undefined when the first lines carry no timestamp this knows. */
  log(): TimedLog | undefined {
    if (this.detected === undefined) {
      try {
        this.detected = TimedLog.open(this.source, { referenceTime: this.mtime() }) ?? null;
      } catch {
        this.detected = null; // unreadable (truncated under us): try again on the next change
      }
    }
    return this.detected ?? undefined;
  }

  /** The 0-based line of `offset` when the line index has counted that far (no scan here). */
  lineOf(offset: number): number | undefined {
    const index = this.editor.document.startedLines;
    if (!index || index.state.scannedTo < offset) return undefined;
    try {
      return index.lineOf(offset);
    } catch {
      return undefined;
    }
  }

  private mtime(): number | undefined {
    try {
      return fs.statSync(this.editor.document.uri.fsPath).mtimeMs;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
