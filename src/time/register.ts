import * as vscode from 'vscode';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { StatusItems } from '../core/StatusItems';
import { goToTime } from './goToTime';
import { FORMAT_LABELS, formatTime } from './timeText';
import { TimeSession } from './TimeSession';

/** What Go to Time offers the rest (the test API). */
export interface TimeFeature {
  session(editor: Editor): TimeSession | undefined;
}

/** Go to Time (hugeview.goToTime, Ctrl+Shift+T in HugeView) and the status item with the top line's time. */
export function register(context: vscode.ExtensionContext, editors: Editors): TimeFeature {
  const sessions = new Map<Editor, TimeSession>();
  editors.registerSession((editor) => {
    const session = new TimeSession(editor);
    sessions.set(editor, session);
    return { dispose: () => (sessions.delete(editor), session.dispose()) };
  });
  context.subscriptions.push(
    vscode.commands.registerCommand('hugeview.goToTime', (arg?: unknown) => {
      const editor = editors.requireActive('HugeView: open a log file in HugeView to go to a time.');
      const session = editor && sessions.get(editor);
      return session && goToTime(session, arg);
    }),
    timeStatus(editors, (editor) => sessions.get(editor)),
  );
  return { session: (editor) => sessions.get(editor) };
}

/** The time of the top line shown, when the file has a timestamp format. */
function timeStatus(editors: Editors, sessionOf: (editor: Editor) => TimeSession | undefined): vscode.Disposable {
  const items = new StatusItems();
  const item = items.add('hugeview.status.time', 'HugeView Time of the Top Line', 98);
  item.command = 'hugeview.goToTime';
  const update = (editor: Editor) => {
    const log = sessionOf(editor)?.log();
    let time: number | undefined;
    try {
      time = log?.timeAt(editor.cursor?.topOffset ?? 0);
    } catch {
      time = undefined; // the file shrank under the read: the next change updates it
    }
    if (!log || time === undefined) return item.hide();
    item.text = `$(clock) ${formatTime(time, log.format.name)}`;
    item.tooltip = `Time of the top line (${FORMAT_LABELS[log.format.name]}). Go to Time… (Ctrl+Shift+T)`;
    item.show();
  };
  const following = items.follow(editors, (editor) => [
    editor.onDidChangeCursor(() => update(editor)),
    editor.document.onDidChangeSize(() => update(editor)),
    editor.onDidReload(() => update(editor)),
  ], update);
  return { dispose: () => (following.dispose(), items.dispose()) };
}
