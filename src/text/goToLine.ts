import * as vscode from 'vscode';
import type { Editor } from '../core/Editor';
import type { LineIndex } from '../core/LineIndex';

/** `48213902`, `48213902:15`, `:48213902:15` → 1-based line and column. */
export function parseLineTarget(text: string): { line: number; column: number } | undefined {
  const match = /^\s*:?\s*([\d_,]+)\s*(?::\s*(\d+))?\s*$/.exec(text);
  if (!match) return undefined;
  const line = Number(match[1].replace(/[_,]/g, ''));
  const column = match[2] ? Number(match[2]) : 1;
  if (!Number.isSafeInteger(line) || line < 1 || !Number.isSafeInteger(column) || column < 1) return undefined;
  return { line, column };
}

/** Go to Line: exact once the index covers the line; until then waits, with progress, and lands when it arrives. */
export async function goToLine(panel: Editor, index: LineIndex, arg: unknown): Promise<boolean> {
  let text = typeof arg === 'number' ? String(arg) : typeof arg === 'string' ? arg : undefined;
  if (text === undefined) {
    const known = index.state.done ? `${index.totalLines(lastByteIsNewline(panel)) ?? index.state.newlines} lines` : `${index.state.newlines.toLocaleString('en-US')}+ lines counted so far`;
    text = await vscode.window.showInputBox({
      title: 'Go to Line',
      prompt: `Line, or line:column (${known})`,
      validateInput: (value) => {
        const target = parseLineTarget(value);
        if (!target) return 'Type a line number, or line:column, e.g. 48213902 or 48213902:15';
        // Said here, in the prompt, while the person types: not a toast after it closed.
        if (index.state.done && index.startOfLine(target.line - 1) === undefined) {
          const total = index.totalLines(lastByteIsNewline(panel)) ?? index.state.newlines;
          return `Line ${target.line.toLocaleString('en-US')} is past the end: the file has ${total.toLocaleString('en-US')} lines`;
        }
        return undefined;
      },
    });
    if (text === undefined) return false;
  }
  const target = parseLineTarget(text);
  if (!target) {
    void vscode.window.showErrorMessage(`HugeView: '${text}' is not a line number (try 1200 or 1200:5).`);
    return false;
  }
  let start = index.startOfLine(target.line - 1);
  if (start === undefined && !index.state.done) {
    start = await waitForLine(panel, index, target.line);
    if (start === undefined && !index.state.done) return false; // cancelled
  }
  if (start === undefined) {
    const total = index.totalLines(lastByteIsNewline(panel)) ?? index.state.newlines;
    void vscode.window.showErrorMessage(`HugeView: line ${target.line.toLocaleString('en-US')} is past the end; the file has ${total.toLocaleString('en-US')} lines.`);
    return false;
  }
  panel.goTo(columnOffset(panel, start, target.column));
  return true;
}

/** Whether the file ends in a newline (then its last line is the one before). */
export function lastByteIsNewline(panel: Editor): boolean {
  const size = panel.document.size;
  return size > 0 && panel.document.read(size - 1, 1)[0] === 0x0a;
}

/** The byte offset of 1-based `column` (in characters) on the line starting at `start`, stopping at the line's end. */
function columnOffset(panel: Editor, start: number, column: number): number {
  if (column <= 1) return start;
  const bytes = panel.document.read(start, Math.min(column * 4, 1 << 20));
  let chars = 1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a || bytes[i] === 0x0d) return start + i;
    if ((bytes[i] & 0xc0) !== 0x80) {
      if (chars === column) return start + i;
      chars++;
    }
  }
  return start + bytes.length;
}

function waitForLine(panel: Editor, index: LineIndex, line: number): Promise<number | undefined> {
  return Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `HugeView: counting lines to reach line ${line.toLocaleString('en-US')}`, cancellable: true },
      (progress, token) =>
        new Promise<number | undefined>((resolve) => {
          let reported = 0;
          const check = () => {
            const start = index.startOfLine(line - 1);
            if (start !== undefined || index.state.done) return finish(start);
            const percent = Math.floor((index.state.scannedTo / Math.max(1, panel.document.size)) * 100);
            progress.report({ increment: percent - reported, message: `${percent}% of the file, ${index.state.newlines.toLocaleString('en-US')} lines` });
            reported = percent;
          };
          const subscription = index.onChange(check);
          const cancel = token.onCancellationRequested(() => finish(undefined));
          function finish(value: number | undefined) {
            subscription.dispose();
            cancel.dispose();
            resolve(value);
          }
          check();
        }),
    ),
  );
}
