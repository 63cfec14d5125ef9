import * as vscode from 'vscode';
import { formatSize } from '../../shared/offsets';
import { ENCODING_LABELS } from '../text/encoding';
import type { CursorParams } from '../../shared/protocol/editor';
import { Disposable } from './Disposable';
import type { ViewerPanel } from './ViewerPanel';

/** File size, cursor offset, selection length and backend while a HugeView editor is active. */
export class StatusBar extends Disposable {
  private readonly line = this.item('hugeview.status.line', 'HugeView Line', 105);
  private readonly follow = this.item('hugeview.status.follow', 'HugeView Follow', 100);
  private readonly encoding = this.item('hugeview.status.encoding', 'HugeView Encoding', 99);
  private readonly size = this.item('hugeview.status.size', 'HugeView File Size', 104);
  private readonly offset = this.item('hugeview.status.offset', 'HugeView Cursor Offset', 103);
  private readonly selection = this.item('hugeview.status.selection', 'HugeView Selection', 102);
  private readonly backend = this.item('hugeview.status.backend', 'HugeView Backend', 101);
  private panel: ViewerPanel | undefined;
  private panelSubscription: vscode.Disposable | undefined;

  constructor() {
    super();
    this.offset.command = 'hugeview.goToOffset';
    this.line.command = 'hugeview.goToLine';
    this.encoding.command = 'hugeview.changeEncoding';
    this.line.tooltip = 'Go to Line… (Ctrl+G)';
    this.offset.tooltip = 'Go to Offset… (Ctrl+Alt+G)';
    this._register({ dispose: () => this.panelSubscription?.dispose() });
    // Another tab became active: hide this file's state at once, before the old panel hears it went
    // inactive and long before a new panel's webview reports its own (or the status bar shows a mix).
    this._register(vscode.window.tabGroups.onDidChangeTabs(() => this.hideIfNotActive()));
    this._register(vscode.window.tabGroups.onDidChangeTabGroups(() => this.hideIfNotActive()));
  }

  private hideIfNotActive(): void {
    const panel = this.panel;
    if (!panel) return;
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const showing = input instanceof vscode.TabInputCustom && input.viewType === 'hugeview.viewer' && input.uri.toString() === panel.document.uri.toString();
    if (!showing) this.show(undefined);
  }

  /** Shows the items for `panel`, or hides them when no HugeView editor is active. */
  show(panel: ViewerPanel | undefined): void {
    this.panelSubscription?.dispose();
    this.indexSubscription = undefined;
    this.panel = panel;
    const items = [this.size, this.offset, this.selection, this.backend, this.line, this.follow, this.encoding];
    if (!panel) {
      for (const item of items) item.hide();
      return;
    }
    this.panelSubscription = vscode.Disposable.from(
      panel.onDidChangeCursor((cursor) => this.update(cursor)),
      panel.document.onDidChangeSize(() => this.update(panel.cursor)),
      panel.onDidChangeFollow(() => this.update(panel.cursor)),
      panel.onDidChangeEncoding(() => {
        this.indexSubscription?.dispose();
        this.indexSubscription = undefined;
        this.update(panel.cursor);
      }),
      { dispose: () => this.indexSubscription?.dispose() },
    );
    this.update(panel.cursor);
    for (const item of items) item.show();
  }

  private indexSubscription: { dispose(): void } | undefined;

  private update(cursor: CursorParams | undefined): void {
    const panel = this.panel;
    if (!panel) return;
    this.updateLine(panel, cursor);
    const size = panel.document.size;
    this.size.text = `$(file-binary) ${formatSize(size)}`;
    this.size.tooltip = `${size.toLocaleString('en-US')} bytes`;
    const at = cursor?.offset ?? 0;
    this.offset.text = `0x${at.toString(16).toUpperCase()} (${at.toLocaleString('en-US')})`;
    const length = cursor ? cursor.selectionEnd - cursor.selectionStart : 0;
    this.selection.text = length > 0 ? `Sel ${length.toLocaleString('en-US')} B` : '';
    if (length > 0) this.selection.show();
    else this.selection.hide();
    this.follow.command = panel.isFollowing ? 'hugeview.unfollow' : 'hugeview.follow';
    this.follow.text = panel.isFollowing ? '$(pass-filled) Following' : '$(circle-large-outline) Follow';
    this.follow.tooltip = panel.isFollowing ? 'Following the end of the file as it grows (tail -f). Click, or scroll up, to stop.' : 'Follow the end of the file as it grows (tail -f)';
    this.encoding.text = ENCODING_LABELS[panel.encoding];
    this.encoding.tooltip = `Select Encoding (${panel.encodingWhy})`;
    if (panel.currentMode === 'text') this.encoding.show();
    else this.encoding.hide();
    const backend = panel.document.backend;
    this.backend.text = backend;
    this.backend.tooltip = backend === 'mmap' ? 'Bytes come from a memory mapping (native addon)' : `Bytes come from pread: ${panel.document.backendReason ?? 'the native addon could not load'} (see Output › HugeView)`;
  }

  /** "Ln 48,213,902" in the text view, once the index covers the cursor; "Ln … 42% indexed" before. */
  private updateLine(panel: ViewerPanel, cursor: CursorParams | undefined): void {
    const index = panel.startedLines;
    if (!index || panel.currentMode !== 'text') {
      this.line.hide();
      return;
    }
    if (!this.indexSubscription) this.indexSubscription = index.onChange(() => this.updateLine(panel, panel.cursor));
    let line: number | undefined;
    try {
      // The cursor may sit on the end of the file (after Ctrl+End): that is on the last row shown, not on
      // an empty line after the final newline, which the view does not show.
      const size = panel.document.size;
      line = index.lineOf(Math.min(cursor?.offset ?? 0, Math.max(0, size - 1)));
    } catch {
      line = undefined; // the file shrank under the count: the next refresh fixes it
    }
    const percent = Math.floor((index.state.scannedTo / Math.max(1, panel.document.size)) * 100);
    this.line.text = line === undefined ? `Ln … $(sync~spin) ${percent}% indexed` : `Ln ${(line + 1).toLocaleString('en-US')}${index.state.done ? '' : ` $(sync~spin) ${percent}%`}`;
    this.line.show();
  }

  private item(id: string, name: string, priority: number): vscode.StatusBarItem {
    const item = this._register(vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Right, priority));
    item.name = name;
    return item;
  }
}
