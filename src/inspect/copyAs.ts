import * as vscode from 'vscode';
import { formatSize } from '../../shared/offsets';
import { MAX_COPY_BYTES } from '../../shared/types';
import type { Editor } from '../core/Editor';
import { COPY_AS_FORMATS, createFormatter, formatOffsets, isCopyAsFormat, type CopyAsFormat } from './copyFormats';

/** The most characters Copy As puts on the clipboard (C arrays take 6–7 per byte). */
export const MAX_COPY_AS_CHARS = 64 * 1024 * 1024;
const CHUNK = 1 << 20;

export interface CopyAsResult {
  format: CopyAsFormat;
  bytes: number;
  chars: number;
}

/** The largest selection `format` copies. */
export function copyAsLimit(format: CopyAsFormat): number {
  const info = COPY_AS_FORMATS.find((f) => f.format === format)!;
  return info.charsPerByte === 0 ? Infinity : Math.min(MAX_COPY_BYTES, Math.floor(MAX_COPY_AS_CHARS / info.charsPerByte));
}

/** The format from the command's argument ({ format } or the name), else a quick pick. */
export async function pickFormat(arg: unknown): Promise<CopyAsFormat | undefined> {
  const named = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null ? (arg as { format?: unknown }).format : undefined;
  if (named !== undefined) {
    if (isCopyAsFormat(named)) return named;
    void vscode.window.showErrorMessage(`HugeView: '${String(named)}' is not a Copy As format (${COPY_AS_FORMATS.map((f) => f.format).join(', ')}).`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    COPY_AS_FORMATS.map((info) => ({ label: info.label, description: info.example, format: info.format })),
    { title: 'Copy Selection As', placeHolder: 'Format' },
  );
  return picked?.format;
}

/**
 * Copies the editor's selection (or, for the offset formats, its cursor) in
 * `format`. The bytes are read and formatted 1 MiB at a time; selections
 * over the format's limit are refused with a message that says the limit.
 */
export async function copyAs(panel: Editor, format: CopyAsFormat): Promise<CopyAsResult | undefined> {
  const cursor = panel.cursor ?? { offset: 0, selectionStart: 0, selectionEnd: 0 };
  const size = panel.document.size;
  const start = Math.min(cursor.selectionStart, size);
  const end = Math.min(cursor.selectionEnd, size);
  if (format === 'offsetHex' || format === 'offsetDecimal') {
    const text = formatOffsets(format, end > start ? start : Math.min(cursor.offset, size), end);
    await vscode.env.clipboard.writeText(text);
    return { format, bytes: 0, chars: text.length };
  }
  const length = end - start;
  if (length <= 0) {
    void vscode.window.showInformationMessage('HugeView: select some bytes to copy (Shift+arrows, a drag, or Select Range…).');
    return undefined;
  }
  const label = COPY_AS_FORMATS.find((f) => f.format === format)!.label;
  const limit = copyAsLimit(format);
  if (length > limit) {
    void vscode.window.showWarningMessage(
      `HugeView: the selection is ${formatSize(length)}; Copy as ${label} takes at most ${formatSize(limit)} (the clipboard would get too much text). Select less, or save the range with a tool such as dd.`,
    );
    return undefined;
  }
  const run = async (cancelled: () => boolean, report: (fraction: number) => void): Promise<string | undefined> => {
    const formatter = createFormatter(format, length);
    const parts: string[] = [];
    for (let at = start; at < end; at += CHUNK) {
      if (cancelled()) return undefined;
      parts.push(formatter.push(panel.document.read(at, Math.min(CHUNK, end - at))));
      report((at - start) / length);
      if (length > CHUNK) await new Promise((resolve) => setImmediate(resolve)); // let the host breathe between chunks
    }
    parts.push(formatter.end());
    return parts.join('');
  };
  const text =
    length <= 4 * CHUNK
      ? await run(() => false, () => undefined)
      : await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `HugeView: copying ${formatSize(length)} as ${label}`, cancellable: true },
          (progress, token) => {
            let reported = 0;
            return run(
              () => token.isCancellationRequested,
              (fraction) => {
                progress.report({ increment: (fraction - reported) * 100 });
                reported = fraction;
              },
            );
          },
        );
  if (text === undefined) return undefined;
  await vscode.env.clipboard.writeText(text);
  return { format, bytes: length, chars: text.length };
}
