/**
 * The compare view: one webview panel per compare, showing two files side
 * by side. It owns both files' ByteSources (pages for either pane come from
 * them), the CompareRun, and the current difference F7 / Shift+F7 move.
 */
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ByteSource } from '../bytes/ByteSource';
import { PanelChannel } from '../core/PanelChannel';
import { log } from '../log';
import { Messenger } from '../../shared/rpc';
import { MAX_PAGE_LENGTH, type ViewSettings } from '../../shared/protocol/editor';
import {
  CancelCompare, CompareInit, CompareReadPage, CompareReady, GetRanges, MAX_RANGE_WINDOW, PREVIEW_BYTES, RevealDifference,
  SelectDifference, SummaryChanged, type CompareSummary, type RangeWindow,
} from '../../shared/protocol/compare';
import { CompareRun } from './CompareRun';

export const COMPARE_VIEW_TYPE = 'hugeview.compare';

/** Where F7 moved: the difference shown, or undefined when there is none. */
export interface RevealedDifference {
  index: number;
  offset: number;
  length: number;
}

export class ComparePanel {
  readonly run: CompareRun;
  private readonly panel: vscode.WebviewPanel;
  private readonly messenger: Messenger;
  private current = -1;
  private disposed = false;
  private readonly closed$ = new vscode.EventEmitter<void>();
  readonly onDidClose = this.closed$.event;
  private readonly focused$ = new vscode.EventEmitter<boolean>();
  /** The panel became the active editor (true) or stopped being it. */
  readonly onDidChangeActive = this.focused$.event;

  constructor(
    extensionUri: vscode.Uri,
    private readonly left: ByteSource,
    private readonly right: ByteSource,
    settings: ViewSettings,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    const title = `${path.basename(left.path)} ↔ ${path.basename(right.path)}`;
    this.panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist],
      retainContextWhenHidden: true,
    });
    this.panel.webview.html = compareHtml(this.panel.webview, dist);
    this.messenger = new Messenger(new PanelChannel(this.panel.webview), { onInvalid: (why) => log().warn(`compare panel: ${why}`) });
    this.run = new CompareRun(left, right);
    const info = (source: ByteSource) => ({ fileName: path.basename(source.path), path: source.path, size: source.size });
    this.messenger.onNotification(CompareReady, () => {
      this.messenger.notify(CompareInit, { left: info(left), right: info(right), settings, bothText: looksLikeText(left) && looksLikeText(right) });
      this.messenger.notify(SummaryChanged, this.run.summary);
      if (this.current >= 0) this.reveal(this.current);
    });
    this.messenger.onRequest(CompareReadPage, ({ side, offset, length }) => this.readPage(side === 'left' ? left : right, offset, length));
    this.messenger.onRequest(GetRanges, ({ start, count }) => this.window(start, count));
    this.messenger.onNotification(SelectDifference, ({ index }) => {
      if (index < this.run.ranges.length) this.reveal(index);
    });
    this.messenger.onNotification(CancelCompare, () => this.run.cancel());
    const changes = this.run.onDidChange((summary) => this.messenger.notify(SummaryChanged, summary));
    this.panel.onDidChangeViewState(({ webviewPanel }) => this.focused$.fire(webviewPanel.active));
    this.panel.onDidDispose(() => {
      this.disposed = true;
      changes.dispose();
      this.run.cancel();
      this.messenger.dispose();
      // The sources close once the compare has let go of them (a native job holds the mappings until it ends).
      void this.run.finished.then(() => {
        left.close();
        right.close();
      });
      this.closed$.fire();
    });
  }

  get active(): boolean {
    return !this.disposed && this.panel.active;
  }

  get currentIndex(): number {
    return this.current;
  }

  dispose(): void {
    if (!this.disposed) this.panel.dispose();
  }

  /** The next (+1) or previous (-1) difference, wrapping around like the diff editor; undefined when there is none yet. */
  step(direction: 1 | -1): RevealedDifference | undefined {
    const count = this.run.ranges.length;
    if (count === 0) {
      void vscode.window.setStatusBarMessage(this.run.summary.done ? 'HugeView: the files are equal in their common bytes.' : 'HugeView: no difference found yet.', 3000);
      return undefined;
    }
    const next = this.current < 0 ? (direction > 0 ? 0 : count - 1) : (this.current + direction + count) % count;
    return this.reveal(next);
  }

  private reveal(index: number): RevealedDifference {
    const ranges = this.run.ranges;
    this.current = index;
    const shown = { index, offset: ranges.offsetAt(index), length: ranges.lengthAt(index) };
    this.messenger.notify(RevealDifference, shown);
    return shown;
  }

  private readPage(source: ByteSource, offset: number, length: number): { offset: number; data: ArrayBuffer; size: number } {
    const wanted = Math.min(length, MAX_PAGE_LENGTH, Math.max(0, source.size - offset));
    const buffer = new Uint8Array(wanted);
    const got = wanted > 0 ? source.read(offset, buffer) : 0;
    return { offset, data: buffer.buffer.slice(0, got), size: source.size };
  }

  private window(start: number, count: number): RangeWindow {
    const ranges = this.run.ranges;
    const end = Math.min(ranges.length, start + Math.min(count, MAX_RANGE_WINDOW));
    const out: RangeWindow = { start, offsets: [], lengths: [], left: [], right: [] };
    const bytes = new Uint8Array(PREVIEW_BYTES);
    const preview = (source: ByteSource, offset: number, length: number) => {
      try {
        const got = source.read(offset, bytes.subarray(0, Math.min(PREVIEW_BYTES, length)));
        return Array.from(bytes.subarray(0, got), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
      } catch {
        return '';
      }
    };
    for (let i = start; i < end; i++) {
      const offset = ranges.offsetAt(i);
      const length = ranges.lengthAt(i);
      out.offsets.push(offset);
      out.lengths.push(length);
      out.left.push(preview(this.left, offset, length));
      out.right.push(preview(this.right, offset, length));
    }
    return out;
  }

  /** For the test API: the summary now. */
  get summary(): CompareSummary {
    return this.run.summary;
  }
}

/** No NUL byte in the first 64 KiB (what git and grep take for "not binary"); an empty file is text too. */
function looksLikeText(source: ByteSource): boolean {
  try {
    const head = new Uint8Array(Math.min(source.size, 64 * 1024));
    const got = source.read(0, head);
    return !head.subarray(0, got).includes(0);
  } catch {
    return false;
  }
}

function compareHtml(webview: vscode.Webview, dist: vscode.Uri): string {
  const nonce = crypto.randomBytes(16).toString('base64');
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${webview.cspSource}; font-src ${webview.cspSource};`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(dist, 'compare.css'))}"><title>HugeView Compare</title></head>
<body data-vscode-context='{"preventDefaultContextMenuItems": true}'><div id="root" class="compare"></div>
<script nonce="${nonce}" src="${webview.asWebviewUri(vscode.Uri.joinPath(dist, 'compare.js'))}"></script></body></html>`;
}
