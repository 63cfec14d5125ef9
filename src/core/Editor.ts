import type * as vscode from 'vscode';
import type { Messenger } from '../../shared/rpc';
import type { CursorParams } from '../../shared/protocol/editor';
import type { TextEncodingName, ViewMode } from '../../shared/types';
import type { HugeViewDocument, Reload } from './HugeViewDocument';
import type { PanelChannel } from './PanelChannel';

/** A webview came back (it was hidden and reloaded): a listener that puts the view back sets `placed`. */
export interface WebviewRestore {
  placed: boolean;
}

/**
 * One HugeView editor as a feature sees it: the document it shows, the
 * messenger to its webview (a feature registers its own handlers on it), the
 * cursor and mode the webview reports, the encoding the text view decodes
 * with, and a way to move the view. The editor/ folder implements it.
 */
export interface Editor {
  readonly document: HugeViewDocument;
  readonly messenger: Messenger;
  /** The messenger's transport: the test API injects and taps messages here. */
  readonly channel: PanelChannel;
  /** The cursor as the webview last reported it (undefined until it has). */
  readonly cursor: CursorParams | undefined;
  readonly onDidChangeCursor: vscode.Event<CursorParams>;
  readonly mode: ViewMode;
  /** Fires when the view switches between hex and text (a command, or the webview). */
  readonly onDidChangeMode: vscode.Event<ViewMode>;
  setMode(mode: ViewMode): void;
  readonly encoding: TextEncodingName;
  /** Why this encoding: detected from a BOM, set by hugeview.encoding, chosen. */
  readonly encodingWhy: string;
  readonly onDidChangeEncoding: vscode.Event<TextEncodingName>;
  /** Decodes the text view with `encoding` (the status bar picker, like VS Code's "Reopen with Encoding"). */
  setEncoding(encoding: TextEncodingName): void;
  /** Moves the view (and the cursor) to `offset`, selecting `selectLength` bytes from it. */
  goTo(offset: number, selectLength?: number): void;
  /** The document got other bytes (rewritten, replaced): fires before the webview hears it. */
  readonly onDidReload: vscode.Event<Reload>;
  /** The webview reloaded (hidden and shown again) and got a fresh Init. */
  readonly onDidRestoreWebview: vscode.Event<WebviewRestore>;
  /** The editor's tab is the active one / is on screen. */
  readonly active: boolean;
  readonly visible: boolean;
}

/** A feature's per-editor part: created when an editor opens, disposed when it closes. */
export type EditorSession = (editor: Editor) => vscode.Disposable;
