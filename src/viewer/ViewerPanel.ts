import * as vscode from 'vscode';
import { Messenger } from '../../shared/rpc';
import { BenchReadPage, MeasureRoundTrip } from '../../shared/protocol/bench';
import { SetEncoding, CursorChanged, FileChanged, GoTo, Init, ReadPage, Ready, SetMode, SettingsChanged, ShowMessage, type CursorParams, type InitParams } from '../../shared/protocol/editor';
import { FollowChanged, SetFollow } from '../../shared/protocol/follow';
import { CopyRange, RequestCopy, type CopyFormat } from '../../shared/protocol/inspect';
import { IndexProgress, LineAt } from '../../shared/protocol/text';
import { type Backend, type TextEncodingName, MAX_COPY_BYTES, type ViewMode } from '../../shared/types';
import { formatSize } from '../../shared/offsets';
import { log } from '../log';
import { codedError, type ByteSource } from '../bytes/ByteSource';
import { MmapSource } from '../bytes/MmapSource';
import { PreadSource } from '../bytes/PreadSource';
import { chooseBackend } from '../bytes/openByteSource';
import { Disposable } from './Disposable';
import type { HugeViewDocument } from './HugeViewDocument';
import { PanelChannel } from './PanelChannel';
import { CancelSearch, FindCommand, MatchesIn, NextMatch, SearchProgress, StartSearch, type FindCommandParams } from '../../shared/protocol/search';
import { SearchSession, type SearchSummary } from '../search/SearchSession';
import { formatBytes } from '../inspect/copyFormats';
import * as path from 'node:path';
import { affectsView, configuredEncoding, defaultMode, viewSettings } from './settings';
import { newlineUnit } from '../text/encoding';
import type { LineIndex } from '../text/LineIndex';
import type { NewlineUnit } from '../text/LineScanner';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { InspectSession } from '../inspect/InspectSession';

/** One editor (webview panel) showing a document: answers its page requests and relays commands to it. */
export class ViewerPanel extends Disposable {
  readonly channel: PanelChannel;
  private readonly messenger: Messenger;
  private mode: ViewMode;
  private cursorState: CursorParams | undefined;
  private readonly cursorEmitter = this._register(new vscode.EventEmitter<CursorParams>());
  readonly onDidChangeCursor = this.cursorEmitter.event;

  constructor(
    readonly document: HugeViewDocument,
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    super();
    const preferred = defaultMode();
    const detected = document.sniff();
    this.mode = preferred === 'auto' ? (detected.text ? 'text' : 'hex') : preferred;
    const configured = configuredEncoding();
    this.encodingName = configured ?? detected.encoding;
    this.encodingReason = configured ? 'set by hugeview.encoding' : detected.reason;
    panel.webview.options = webviewOptions(extensionUri);
    this.channel = new PanelChannel(panel.webview);
    this.messenger = new Messenger(this.channel, {
      onInvalid: (why) => {
        log().warn(`rejected a webview message from ${document.fileName}: ${why}`);
        this.channel.post({ method: 'protocolError', params: { message: why } });
      },
    });
    this._register({ dispose: () => this.messenger.dispose() });
    this._register({ dispose: () => this.benchSources.forEach((source) => source.close()) });
    this._register({ dispose: () => this.followTimer && clearInterval(this.followTimer) });
    this._register({ dispose: () => (this.indexWatch?.dispose(), this.indexTimer && clearTimeout(this.indexTimer), this.releaseLines()) });
    this.messenger.onNotification(Ready, () => this.sendInit());
    this._register(new InspectSession(this.messenger, document)); // hex inspection: inspector settings, bookmarks
    this.messenger.onRequest(ReadPage, ({ offset, length }) => this.readPage(offset, length));
    this.messenger.onRequest(BenchReadPage, ({ offset, length, backend }) => this.benchReadPage(offset, length, backend));
    this.search = new SearchSession(document, path.join(extensionUri.fsPath, 'dist'), (progress) => this.messenger.notify(SearchProgress, progress), () => this.encodingName);
    this._register(this.search);
    this._register(this.search.onDidFinish((summary) => {
      this.searchLog.push(summary);
      if (this.searchLog.length > 50) this.searchLog.shift();
    }));
    this.messenger.onRequest(StartSearch, ({ from, ...query }) => ({ searchId: this.search.start(query, from) }));
    this.messenger.onNotification(CancelSearch, ({ searchId }) => this.search.cancel(searchId));
    this.messenger.onRequest(MatchesIn, ({ searchId, start, end }) => this.search.matchesIn(searchId, start, end));
    this.messenger.onRequest(NextMatch, ({ searchId, from, direction }) => this.search.nextMatch(searchId, from, direction));
    // The webview asks to leave (or enter) follow mode; the host decides and tells it (SetFollow), so the
    // command, the status bar and the view always agree.
    this.messenger.onNotification(FollowChanged, ({ following }) => this.setFollowing(following));
    this.messenger.onRequest(LineAt, async ({ offset }) => {
      if (offset > this.document.size) throw codedError('EINVAL', `offset ${offset} is past the end of the file`);
      this.watchIndex();
      return { line: (await this.lines().lineOfAsync(offset)) ?? null };
    });
    this.messenger.onRequest(CopyRange, ({ start, end, format }) => this.copy(start, end, format));
    this.messenger.onNotification(CursorChanged, (cursor) => {
      this.cursorState = cursor;
      const modeChanged = cursor.mode !== this.mode;
      this.mode = cursor.mode;
      this.cursorEmitter.fire(cursor);
      if (modeChanged) this.modeEmitter.fire(cursor.mode);
    });
    this.messenger.onNotification(ShowMessage, ({ level, text }) => {
      const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(`HugeView: ${text}`);
    });
    this._register(document.onDidReload(({ size, previous, reason }) => {
      // Other bytes: the matches, the line numbers and the webview's pages all describe the old ones.
      this.search.cancel();
      this.indexWatch?.dispose();
      this.indexWatch = undefined;
      const notice = reason === 'replaced'
        ? `${document.fileName} was replaced by a new file at its path — now showing the new file (${formatSize(size)}).`
        : `${document.fileName} was rewritten on disk — reloaded (${formatSize(previous)} → ${formatSize(size)}).`;
      this.messenger.notify(FileChanged, { size, shrunk: size < previous, rewritten: true, notice });
    }));
    this._register(document.onDidDetectReplacement(() => {
      // Follow mode follows the path, like tail -F: a rotated log is followed into its new file.
      if (this.following) document.reopen();
    }));
    this._register(document.onDidChangeSize(({ size, shrunk, previous }) => {
      this.messenger.notify(FileChanged, { size, shrunk });
      if (shrunk && this.panel.active) {
        void vscode.window.showWarningMessage(`HugeView: ${document.fileName} shrank from ${formatSize(previous)} to ${formatSize(size)} while open; showing its new end.`);
      }
    }));
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsView(event)) this.messenger.notify(SettingsChanged, viewSettings());
    }));
    this._register(panel.onDidChangeViewState(() => {
      if (panel.active) document.refresh();
    }));
    // The first Init travels inside the HTML; a later Ready (the webview reloaded
    // after being hidden) gets a fresh Init by message.
    this.initEmbedded = true;
    panel.webview.html = webviewHtml(panel.webview, extensionUri, this.initParams());
  }

  readonly search: SearchSession;
  /** Finished and cancelled searches, oldest first (the last 50). */
  readonly searchLog: SearchSummary[] = [];
  private following = false;
  private followTimer: ReturnType<typeof setInterval> | undefined;
  private readonly followEmitter = this._register(new vscode.EventEmitter<boolean>());
  /** Fires when follow mode turns on or off. */
  readonly onDidChangeFollow = this.followEmitter.event;

  get isFollowing(): boolean {
    return this.following;
  }

  /**
   * Follow mode, like tail -f: the view stays pinned to the end as the file
   * grows. File watchers coalesce and lag, so while following the size is also
   * polled every 100 ms (an fstat: cheap). Scrolling up in the view leaves it.
   */
  setFollowing(following: boolean): void {
    this.messenger.notify(SetFollow, { following }); // even if unchanged: the webview waits for the answer
    if (following === this.following) return;
    this.following = following;
    if (this.followTimer) clearInterval(this.followTimer);
    this.followTimer = following ? setInterval(() => this.document.refresh(), 100) : undefined;
    this.followEmitter.fire(following);
  }

  /** Drives the find widget (hugeview.find); resolves when a search with this query has finished. */
  find(params: FindCommandParams): Promise<SearchSummary | undefined> {
    this.messenger.notify(FindCommand, params);
    if (params.action !== 'open' || !params.query) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const subscription = this.search.onDidFinish((summary) => {
        if (summary.cancelled || summary.query.query !== params.query) return;
        subscription.dispose();
        resolve(summary);
      });
    });
  }

  get cursor(): CursorParams | undefined {
    return this.cursorState;
  }

  get currentMode(): ViewMode {
    return this.mode;
  }

  goTo(offset: number, selectLength?: number): void {
    this.messenger.notify(GoTo, selectLength ? { offset, selectLength } : { offset });
  }

  private readonly modeEmitter = this._register(new vscode.EventEmitter<ViewMode>());
  /** Fires when the view switches between hex and text (a command, or the webview). */
  readonly onDidChangeMode = this.modeEmitter.event;

  setMode(mode: ViewMode): void {
    const changed = mode !== this.mode;
    this.mode = mode;
    // The context key (hugeview.mode) first: by the time the view shows the mode, Ctrl+G follows it.
    if (changed) this.modeEmitter.fire(mode);
    this.messenger.notify(SetMode, { mode });
  }

  requestCopy(): void {
    this.messenger.notify(RequestCopy, {});
  }

  /**
   * Times `pages` random 64 KiB page round trips (webview asks → host reads
   * through `backend` → webview has the bytes). Resolves with each in ms.
   */
  async measureRoundTrip(backend: Backend, pages: number): Promise<number[]> {
    try {
      const { samplesMs } = await this.messenger.request(MeasureRoundTrip, { backend, pages }, 120_000);
      return samplesMs;
    } finally {
      for (const source of this.benchSources.values()) source.close();
      this.benchSources.clear();
    }
  }

  private readonly benchSources = new Map<Backend, ByteSource>();

  private benchReadPage(offset: number, length: number, backend: Backend): { offset: number; data: ArrayBuffer; size: number } {
    if (backend === this.document.backend) return this.readPage(offset, length);
    let source = this.benchSources.get(backend);
    if (!source) {
      const { addon, reason } = chooseBackend();
      if (backend === 'mmap' && !addon) throw codedError('ENOADDON', `mmap is unavailable: ${reason}`);
      source = backend === 'mmap' ? new MmapSource(addon!, this.document.uri.fsPath) : new PreadSource(this.document.uri.fsPath);
      this.benchSources.set(backend, source);
    }
    if (offset > source.size) throw codedError('EINVAL', `offset ${offset} is past the end of the file (${source.size} bytes)`);
    const target = new Uint8Array(Math.min(length, source.size - offset));
    const n = source.read(offset, target);
    return { offset, data: (n === target.length ? target : target.slice(0, n)).buffer as ArrayBuffer, size: source.size };
  }

  private indexWatch: { dispose(): void } | undefined;
  private indexTimer: ReturnType<typeof setTimeout> | undefined;

  /** The newline unit whose index this panel holds, if it asked for one. */
  private heldUnit: NewlineUnit | undefined;

  /** The document's line index, counting newlines as this panel's encoding writes them (shared with editors in the same unit). */
  lines(): LineIndex {
    const unit = newlineUnit(this.encodingName);
    if (this.heldUnit !== unit) this.releaseLines();
    this.heldUnit = unit;
    return this.document.lines(unit, this);
  }

  private releaseLines(): void {
    if (this.heldUnit !== undefined) this.document.releaseLines(this.heldUnit, this);
    this.heldUnit = undefined;
  }

  /** This panel's line index if it has started one. */
  get startedLines(): LineIndex | undefined {
    return this.document.startedLinesFor(newlineUnit(this.encodingName));
  }

  private encodingName: TextEncodingName;
  private encodingReason: string;

  get encoding(): TextEncodingName {
    return this.encodingName;
  }

  get encodingWhy(): string {
    return this.encodingReason;
  }

  private readonly encodingEmitter = this._register(new vscode.EventEmitter<TextEncodingName>());
  readonly onDidChangeEncoding = this.encodingEmitter.event;

  /** Decodes the text view with `encoding` (the status bar picker, like VS Code's "Reopen with Encoding"). */
  setEncoding(encoding: TextEncodingName): void {
    if (encoding === this.encodingName) return;
    this.encodingName = encoding;
    this.encodingReason = 'chosen';
    this.indexWatch?.dispose();
    this.indexWatch = undefined;
    if (this.heldUnit !== newlineUnit(encoding)) this.releaseLines();
    this.messenger.notify(SetEncoding, { encoding });
    this.encodingEmitter.fire(encoding);
  }

  private watchIndex(): void {
    if (this.indexWatch) return;
    const index = this.lines();
    const send = () => {
      this.indexTimer = undefined;
      const { scannedTo, newlines, done } = index.state;
      this.messenger.notify(IndexProgress, { scannedTo, newlines, done, size: this.document.size });
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

  private initEmbedded = false;

  private initSize = 0;

  private initParams(): InitParams {
    this.initSize = this.document.size;
    return { fileName: this.document.fileName, size: this.document.size, backend: this.document.backend, mode: this.mode, encoding: this.encodingName, settings: viewSettings() };
  }

  private sendInit(): void {
    if (this.initEmbedded) {
      this.initEmbedded = false;
      // The file may have changed between the HTML and the Ready.
      if (this.document.size !== this.initSize) this.messenger.notify(FileChanged, { size: this.document.size, shrunk: this.document.size < this.initSize });
      return;
    }
    this.messenger.notify(Init, this.initParams());
    // A webview that was hidden and shown again reloads: put it back where it was.
    if (this.following) this.messenger.notify(SetFollow, { following: true });
    else if (this.cursorState) this.goTo(Math.min(this.cursorState.offset, Math.max(0, this.document.size - 1)));
  }

  private readPage(offset: number, length: number): { offset: number; data: ArrayBuffer; size: number } {
    const size = this.document.size;
    if (offset > size) throw codedError('EINVAL', `offset ${offset} is past the end of the file (${size} bytes)`);
    const bytes = this.document.read(offset, length);
    return { offset, data: bytes.buffer as ArrayBuffer, size: this.document.size };
  }

  private async copy(start: number, end: number, format: CopyFormat): Promise<{ bytes: number }> {
    const length = Math.min(end, this.document.size) - start;
    if (length > MAX_COPY_BYTES) {
      void vscode.window.showWarningMessage(`HugeView: the selection is ${formatSize(length)}; Copy takes at most ${formatSize(MAX_COPY_BYTES)}. Select less, or use a tool such as dd for ranges this large.`);
      throw codedError('ETOOBIG', `the selection is ${formatSize(length)}; Copy takes at most ${formatSize(MAX_COPY_BYTES)}`);
    }
    if (length <= 0) return { bytes: 0 };
    const bytes = this.document.read(start, length);
    // Ctrl+C is Copy As "Hex with spaces" in the hex view and "UTF-8 text" in the text view.
    const text = formatBytes(format === 'hex' ? 'hexSpaced' : 'utf8', bytes);
    await vscode.env.clipboard.writeText(text);
    return { bytes: bytes.length };
  }
}
