import * as vscode from 'vscode';
import { Messenger } from '../../shared/rpc';
import { CursorChanged, FileChanged, GoTo, Init, ReadPage, Ready, SetEncoding, SetMode, SettingsChanged, ShowMessage, type CursorParams, type InitParams } from '../../shared/protocol/editor';
import type { TextEncodingName, ViewMode } from '../../shared/types';
import { log } from '../log';
import { codedError } from '../bytes/ByteSource';
import { Disposable } from '../core/Disposable';
import type { Editor, WebviewRestore } from '../core/Editor';
import type { HugeViewDocument, Reload } from '../core/HugeViewDocument';
import { PanelChannel } from '../core/PanelChannel';
import { PAGE_SIZE } from '../../shared/offsets';
import { carriedPages } from './carriedPages';
import { reloadNotice, shrinkWarning } from './fileNotices';
import { affectsView, initialView, viewSettings } from './settings';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** One editor (webview panel) showing a document: Init, pages, cursor, mode, encoding, settings. Features add the rest through sessions. */
export class ViewerPanel extends Disposable implements Editor {
  readonly channel: PanelChannel;
  readonly messenger: Messenger;
  private currentMode: ViewMode;
  private cursorState: CursorParams | undefined;
  private encodingName: TextEncodingName;
  private encodingReason: string;
  private readonly cursorEmitter = this._register(new vscode.EventEmitter<CursorParams>());
  readonly onDidChangeCursor = this.cursorEmitter.event;
  private readonly modeEmitter = this._register(new vscode.EventEmitter<ViewMode>());
  readonly onDidChangeMode = this.modeEmitter.event;
  private readonly encodingEmitter = this._register(new vscode.EventEmitter<TextEncodingName>());
  readonly onDidChangeEncoding = this.encodingEmitter.event;
  private readonly reloadEmitter = this._register(new vscode.EventEmitter<Reload>());
  readonly onDidReload = this.reloadEmitter.event;
  private readonly restoreEmitter = this._register(new vscode.EventEmitter<WebviewRestore>());
  readonly onDidRestoreWebview = this.restoreEmitter.event;
  /** The first Init travels inside the HTML; a later Ready (the webview reloaded after being hidden) gets a fresh Init by message. */
  private initEmbedded = true;
  private initSize = 0;

  constructor(readonly document: HugeViewDocument, readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri) {
    super();
    ({ mode: this.currentMode, encoding: this.encodingName, why: this.encodingReason } = initialView(document.sniff()));
    panel.webview.options = webviewOptions(extensionUri);
    this.channel = new PanelChannel(panel.webview);
    this.messenger = new Messenger(this.channel, {
      onInvalid: (why) => {
        log().warn(`rejected a webview message from ${document.fileName}: ${why}`);
        this.channel.post({ method: 'protocolError', params: { message: why } });
      },
    });
    this._register({ dispose: () => this.messenger.dispose() });
    this.messenger.onNotification(Ready, () => this.sendInit());
    this.messenger.onRequest(ReadPage, ({ offset, length }) => {
      const size = this.document.size;
      if (offset > size) throw codedError('EINVAL', `offset ${offset} is past the end of the file (${size} bytes)`);
      return { offset, data: this.document.read(offset, length).buffer as ArrayBuffer, size: this.document.size };
    });
    this.messenger.onNotification(CursorChanged, (cursor) => {
      this.cursorState = cursor;
      const modeChanged = cursor.mode !== this.currentMode;
      this.currentMode = cursor.mode;
      this.cursorEmitter.fire(cursor);
      if (modeChanged) this.modeEmitter.fire(cursor.mode);
    });
    this.messenger.onNotification(ShowMessage, ({ level, text }) => {
      const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(`HugeView: ${text}`);
    });
    this._register(document.onDidReload((reload) => {
      // Other bytes: the matches, the line numbers and the webview's pages all describe the old ones.
      this.reloadEmitter.fire(reload);
      this.messenger.notify(FileChanged, { size: reload.size, shrunk: reload.size < reload.previous, rewritten: true, notice: reloadNotice(document.fileName, reload) });
    }));
    this._register(document.onDidChangeSize((change) => {
      this.messenger.notify(FileChanged, { size: change.size, shrunk: change.shrunk });
      if (change.shrunk && this.panel.active) void vscode.window.showWarningMessage(shrinkWarning(document.fileName, change));
    }));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsView(event)) this.messenger.notify(SettingsChanged, viewSettings());
    }));
    this._register(panel.onDidChangeViewState(() => panel.active && document.refresh()));
    // The first rows' bytes (page 0) travel in the HTML; if they cannot be read now, the view asks.
    let firstPage: Uint8Array | undefined;
    try { firstPage = document.size > 0 ? document.read(0, Math.min(PAGE_SIZE, document.size)) : undefined; } catch { /* the view asks */ }
    panel.webview.html = webviewHtml(panel.webview, extensionUri, this.initParams(), firstPage);
  }

  get cursor(): CursorParams | undefined { return this.cursorState; }
  get mode(): ViewMode { return this.currentMode; }
  get encoding(): TextEncodingName { return this.encodingName; }
  get encodingWhy(): string { return this.encodingReason; }
  get active(): boolean { return this.panel.active; }
  get visible(): boolean { return this.panel.visible; }

  goTo(offset: number, selectLength?: number): void {
    const pages = carriedPages(this.document, offset);
    this.messenger.notify(GoTo, { offset, ...(selectLength ? { selectLength } : {}), ...(pages.length ? { pages } : {}) });
  }

  setMode(mode: ViewMode): void {
    const changed = mode !== this.currentMode;
    this.currentMode = mode;
    // The context key (hugeview.mode) first: by the time the view shows the mode, Ctrl+G follows it.
    if (changed) this.modeEmitter.fire(mode);
    this.messenger.notify(SetMode, { mode });
  }

  setEncoding(encoding: TextEncodingName): void {
    if (encoding === this.encodingName) return;
    this.encodingName = encoding;
    this.encodingReason = 'chosen';
    this.encodingEmitter.fire(encoding);
    this.messenger.notify(SetEncoding, { encoding });
  }

  private initParams(): InitParams {
    this.initSize = this.document.size;
    return { fileName: this.document.fileName, size: this.document.size, backend: this.document.backend, mode: this.currentMode, encoding: this.encodingName, settings: viewSettings() };
  }

  private sendInit(): void {
    if (this.initEmbedded) {
      this.initEmbedded = false;
      // The file may have changed between the HTML and the Ready.
      if (this.document.size !== this.initSize) this.messenger.notify(FileChanged, { size: this.document.size, shrunk: this.document.size < this.initSize });
      return;
    }
    this.messenger.notify(Init, this.initParams());
    // A webview that was hidden and shown again reloads: put it back where it was (follow mode puts it at the end).
    const restore: WebviewRestore = { placed: false };
    this.restoreEmitter.fire(restore);
    if (!restore.placed && this.cursorState) this.goTo(Math.min(this.cursorState.offset, Math.max(0, this.document.size - 1)));
  }
}
