import * as vscode from 'vscode';
import { formatSize } from '../../shared/offsets';
import type { CopyFormat } from '../../shared/protocol/editor';
import { MAX_COPY_BYTES } from '../../shared/types';
import { codedError } from '../bytes/ByteSource';
import type { HugeViewDocument } from '../core/HugeViewDocument';
import { formatBytes } from './copyFormats';

/** Ctrl+C: [start, end) onto the clipboard as Copy As "Hex with spaces" (the hex view) or "UTF-8 text" (the text view). */
export async function copyRange(document: HugeViewDocument, start: number, end: number, format: CopyFormat): Promise<{ bytes: number }> {
  const length = Math.min(end, document.size) - start;
  if (length > MAX_COPY_BYTES) {
    void vscode.window.showWarningMessage(`HugeView: the selection is ${formatSize(length)}; Copy takes at most ${formatSize(MAX_COPY_BYTES)}. Select less, or use a tool such as dd for ranges this large.`);
    throw codedError('ETOOBIG', `the selection is ${formatSize(length)}; Copy takes at most ${formatSize(MAX_COPY_BYTES)}`);
  }
  if (length <= 0) return { bytes: 0 };
  const bytes = document.read(start, length);
  await vscode.env.clipboard.writeText(formatBytes(format === 'hex' ? 'hexSpaced' : 'utf8', bytes));
  return { bytes: bytes.length };
}
