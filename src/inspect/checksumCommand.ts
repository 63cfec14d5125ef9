import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { formatSize } from '../../shared/offsets';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { startChecksum, type ChecksumResult } from './checksum';
import { crc32, crc32Implementation } from './crc32';

/** Ranges up to this size are checksummed on the spot; larger ones in a worker thread with a progress notification. */
const INLINE_LIMIT = 1 << 20;

export interface RangeChecksum extends ChecksumResult {
  start: number;
  end: number;
}

/**
 * Checksum of Selection: CRC-32 and SHA-256 of the selection (the whole file
 * when nothing is selected), shown in a status bar item that copies them.
 */
export class ChecksumCommand implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('hugeview.status.checksum', vscode.StatusBarAlignment.Right, 99);
  private shown: { panel: Editor; result: RangeChecksum; subscription: vscode.Disposable } | undefined;

  constructor(private readonly editors: Editors) {
    this.item.name = 'HugeView Checksum';
    this.item.command = 'hugeview.copyChecksum';
  }

  async run(panel: Editor): Promise<RangeChecksum | undefined> {
    const cursor = panel.cursor;
    const size = panel.document.size;
    let start = Math.min(cursor?.selectionStart ?? 0, size);
    let end = Math.min(cursor?.selectionEnd ?? 0, size);
    if (end <= start) [start, end] = [0, size];
    const length = end - start;
    let result: ChecksumResult | undefined;
    if (length <= INLINE_LIMIT) {
      const began = performance.now();
      const bytes = panel.document.read(start, length);
      result = { crc32: crc32(bytes).toString(16).toUpperCase().padStart(8, '0'), sha256: crypto.createHash('sha256').update(bytes).digest('hex'), bytes: length, ms: performance.now() - began, crcImplementation: crc32Implementation };
    } else {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `HugeView: CRC-32 and SHA-256 of ${formatSize(length)}`, cancellable: true },
        async (progress, token) => {
          let reported = 0;
          // The document's own descriptor: the bytes the view shows, even if the path was replaced since.
          const job = startChecksum(panel.document.lendDescriptor(), start, end, (done) => {
            const percent = Math.floor((done / length) * 100);
            progress.report({ increment: percent - reported, message: `${percent}%` });
            reported = percent;
          });
          const subscription = token.onCancellationRequested(() => job.cancel());
          try {
            return await job.result;
          } catch (error) {
            void vscode.window.showErrorMessage(`HugeView: the checksum of ${formatSize(length)} failed: ${(error as Error).message}`);
            throw error;
          } finally {
            subscription.dispose();
          }
        },
      );
    }
    if (!result) return undefined;
    const checksum = { ...result, start, end };
    this.show(panel, checksum);
    return checksum;
  }

  /** Copies the shown checksums (a quick pick: CRC-32, SHA-256 or both). */
  async copy(arg?: unknown): Promise<string | undefined> {
    const result = this.shown?.result;
    if (!result) return void vscode.window.showInformationMessage('HugeView: run "Checksum of Selection" first.');
    const choices = [
      { label: `CRC-32: ${result.crc32}`, text: result.crc32, id: 'crc32' },
      { label: `SHA-256: ${result.sha256}`, text: result.sha256, id: 'sha256' },
      { label: 'Both', text: `CRC-32  ${result.crc32}\nSHA-256 ${result.sha256}`, id: 'both' },
    ];
    const picked = typeof arg === 'string' ? choices.find((c) => c.id === arg) : await vscode.window.showQuickPick(choices, { title: 'Copy Checksum' });
    if (!picked) return undefined;
    await vscode.env.clipboard.writeText(picked.text);
    return picked.text;
  }

  dispose(): void {
    this.shown?.subscription.dispose();
    this.item.dispose();
  }

  private show(panel: Editor, result: RangeChecksum): void {
    this.shown?.subscription.dispose();
    const subscription = vscode.Disposable.from(
      this.editors.onDidChangeActive((active) => (active === panel ? this.item.show() : this.item.hide())),
      this.editors.onDidClose((closed) => closed === panel && this.clear()),
      panel.onDidChangeCursor((cursor) => {
        if (cursor.selectionEnd > cursor.selectionStart && (cursor.selectionStart !== result.start || cursor.selectionEnd !== result.end)) this.clear();
      }),
    );
    this.shown = { panel, result, subscription };
    const length = result.end - result.start;
    this.item.text = `$(shield) CRC32 ${result.crc32} · SHA-256 ${result.sha256.slice(0, 8)}…`;
    const rate = result.ms > 0 ? ` in ${Math.round(result.ms)} ms (${formatSize((length / result.ms) * 1000)}/s)` : '';
    this.item.tooltip = `${length.toLocaleString('en-US')} bytes at 0x${result.start.toString(16).toUpperCase()}${rate}\nCRC-32 ${result.crc32}\nSHA-256 ${result.sha256}\nClick to copy`;
    this.item.show();
  }

  private clear(): void {
    this.shown?.subscription.dispose();
    this.shown = undefined;
    this.item.hide();
  }
}
