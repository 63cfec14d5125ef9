import * as vscode from 'vscode';
import { FORMAT_LABELS, formatTime } from './timeText';
import { parseTimeQuery } from './timestampFormats';
import type { TimeSession } from './TimeSession';

/** What hugeview.goToTime returns (undefined when nothing was done: no format, cancelled, not a time). */
export interface GoToTimeAnswer {
  /** 0-based line, when the line index has counted that far. */
  line?: number;
  offset: number;
  /** The time of the line landed on, as formatTime writes it. */
  time: string;
  where: 'at-or-after' | 'before-first' | 'after-last';
  nonMonotonic: boolean;
  /** What the person was told, if anything. */
  message?: string;
}

/** The `time` of the command's argument `{ time }`, or of a plain string. */
function argTime(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && typeof (arg as { time?: unknown }).time === 'string') return (arg as { time: string }).time;
  return undefined;
}

/**
 * Go to Time: asks for a time (the prompt names the detected format and
 * gives the top line's time as the example), binary-searches the file by byte
 * offset, and moves the view to the first line at or after it.
 */
export async function goToTime(session: TimeSession, arg: unknown): Promise<GoToTimeAnswer | undefined> {
  const editor = session.editor;
  const log = session.log();
  if (!log) {
    void vscode.window.showInformationMessage('HugeView: Go to Time found no timestamps in the first lines of this file (it knows ISO 8601, RFC 3164/5424 syslog, Apache/nginx common log, and epoch seconds or milliseconds at the line start).');
    return undefined;
  }
  const format = log.format;
  const label = FORMAT_LABELS[format.name];
  const topTime = log.timeAt(editor.cursor?.topOffset ?? 0);
  const example = topTime !== undefined ? formatTime(topTime, format.name) : formatTime(Date.UTC(2026, 10, 30, 1, 2, 3), format.name);
  let text = argTime(arg);
  if (text === undefined) {
    text = await vscode.window.showInputBox({
      title: 'Go to Time',
      prompt: `Detected timestamp format: ${label}. Type a date and time, e.g. ${example} (a date alone, epoch seconds or milliseconds work too)`,
      value: topTime !== undefined ? example : undefined,
      validateInput: (value) => (parseTimeQuery(value, format) === undefined ? `Not a time: try ${example}, ${example.slice(0, 10)} or epoch seconds` : undefined),
    });
    if (text === undefined) return undefined;
  }
  const time = parseTimeQuery(text, format);
  if (time === undefined) {
    void vscode.window.showErrorMessage(`HugeView: '${text}' is not a time (try ${example}).`);
    return undefined;
  }
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Go to Time' }, () => log.goTo(time, { lineOf: (offset) => session.lineOf(offset) }));
  if (result.kind === 'none') {
    void vscode.window.showInformationMessage(`HugeView: Go to Time: ${result.reason === 'empty file' ? 'the file is empty' : 'no line has a timestamp'}.`);
    return undefined;
  }
  editor.goTo(result.offset);
  const landed = formatTime(result.time, format.name);
  const asked = formatTime(time, format.name);
  let message: string | undefined;
  if (result.where === 'before-first') message = `${asked} is before the first time in the file (${landed}): went to the start.`;
  else if (result.where === 'after-last') message = `${asked} is after the last time in the file (${landed}): went to the end.`;
  if (result.nonMonotonic) {
    const found = result.where === 'after-last' ? `no line is at or after ${asked}: went to the latest time (${landed})` : `went to the first line at or after ${asked} in file order (${landed})`;
    message = `The timestamps in this file are not in order, so a binary search cannot be trusted: read from the start, and ${found}.`;
    void vscode.window.showWarningMessage(`HugeView: ${message}`);
  } else if (message) {
    void vscode.window.showInformationMessage(`HugeView: ${message}`);
  }
  return { line: result.line, offset: result.offset, time: landed, where: result.where, nonMonotonic: result.nonMonotonic, message };
}
