import * as vscode from 'vscode';
import { isEncoding, TEXT_ENCODINGS } from '../../shared/types';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import type { LineIndex } from '../core/LineIndex';
import type { LineIndexCache } from '../core/LineIndexCache';
import { lineIndexCacheIn } from '../core/LineIndexPersistence';
import { StatusItems } from '../core/StatusItems';
import { ENCODING_LABELS } from '../core/textEncoding';
import { registerClearIndexCache } from './clearIndexCache';
import { goToLine, lastByteIsNewline } from './goToLine';
import { TextSession } from './TextSession';

/** What the text feature offers the rest (the test API): each editor's line numbers. */
export interface TextFeature {
  session(editor: Editor): TextSession | undefined;
  /** The line index cache (global storage) the documents use. */
  indexCache: LineIndexCache;
}

/** Line numbers (the line index relay), the encoding picker, Go to Line, the index cache's Clear command, and their status items. */
export function register(context: vscode.ExtensionContext, editors: Editors): TextFeature {
  const sessions = new Map<Editor, TextSession>();
  const indexCache = lineIndexCacheIn(context);
  editors.registerSession((editor) => {
    const session = new TextSession(editor);
    sessions.set(editor, session);
    return { dispose: () => (sessions.delete(editor), session.dispose()) };
  });
  context.subscriptions.push(
    vscode.commands.registerCommand('hugeview.goToLine', (target?: unknown) => {
      const editor = editors.requireActive('HugeView: open a file in HugeView to go to a line.');
      const session = editor && sessions.get(editor);
      return session && goToLine(editor, session.lines(), target);
    }),
    vscode.commands.registerCommand('hugeview.changeEncoding', async (arg?: unknown) => {
      const editor = editors.requireActive('HugeView: open a file in HugeView to change its encoding.');
      if (!editor) return undefined;
      let encoding = isEncoding(arg) ? arg : undefined;
      if (!encoding) {
        const picked = await vscode.window.showQuickPick(
          TEXT_ENCODINGS.map((name) => ({ label: ENCODING_LABELS[name], description: name === editor.encoding ? `current · ${editor.encodingWhy}` : name, name })),
          { title: 'Reopen with Encoding', placeHolder: 'Select the encoding the text view decodes with' },
        );
        encoding = picked?.name;
      }
      if (encoding) editor.setEncoding(encoding);
      return editor.encoding;
    }),
    textStatus(editors, (editor) => sessions.get(editor)),
    registerClearIndexCache(indexCache),
  );
  return { session: (editor) => sessions.get(editor), indexCache };
}

/** "Ln 48,213,902 of 51,000,000" in the text view once the index covers the cursor ("Ln … 42% indexed" before; no total until the count is done); the encoding. */
function textStatus(editors: Editors, sessionOf: (editor: Editor) => TextSession | undefined): vscode.Disposable {
  const items = new StatusItems();
  const line = items.add('hugeview.status.line', 'HugeView Line', 105);
  const encoding = items.add('hugeview.status.encoding', 'HugeView Encoding', 99);
  line.command = 'hugeview.goToLine';
  line.tooltip = 'Go to Line… (Ctrl+G)';
  encoding.command = 'hugeview.changeEncoding';
  let indexSubscription: { dispose(): void } | undefined;
  const dropIndex = () => {
    indexSubscription?.dispose();
    indexSubscription = undefined;
  };
  const updateLine = (editor: Editor) => {
    const index = sessionOf(editor)?.startedLines;
    if (!index || editor.mode !== 'text') return line.hide();
    indexSubscription ??= index.onChange(() => updateLine(editor));
    let at: number | undefined;
    const size = editor.document.size;
    try {
      // The cursor may sit on the end of the file (after Ctrl+End): that is on the last row shown, not on
      // an empty line after the final newline, which the view does not show.
      at = index.lineOf(Math.min(editor.cursor?.offset ?? 0, Math.max(0, size - 1)));
    } catch {
      at = undefined; // the file shrank under the count: the next refresh fixes it
    }
    const percent = Math.floor((index.state.scannedTo / Math.max(1, size)) * 100);
    const total = index.state.done ? totalLines(editor, index) : undefined;
    const tail = total !== undefined ? ` of ${total.toLocaleString('en-US')}` : index.state.done ? '' : ` $(sync~spin) ${percent}%`;
    line.text = at === undefined ? `Ln … $(sync~spin) ${percent}% indexed` : `Ln ${(at + 1).toLocaleString('en-US')}${tail}`;
    line.show();
  };
  const update = (editor: Editor) => {
    updateLine(editor);
    encoding.text = ENCODING_LABELS[editor.encoding];
    encoding.tooltip = `Select Encoding (${editor.encodingWhy})`;
    if (editor.mode === 'text') encoding.show();
    else encoding.hide();
  };
  const following = items.follow(editors, (editor) => [
    editor.onDidChangeCursor(() => update(editor)),
    editor.document.onDidChangeSize(() => update(editor)),
    editor.onDidChangeEncoding(() => (dropIndex(), update(editor))),
    { dispose: dropIndex },
  ], (editor) => (dropIndex(), update(editor)));
  return { dispose: () => (following.dispose(), items.dispose()) };
}

/** Lines in the file by the finished count (the last line need not end in a newline); undefined when unreadable. */
function totalLines(editor: Editor, index: LineIndex): number | undefined {
  try {
    return index.totalLines(lastByteIsNewline(editor));
  } catch {
    return undefined; // the file shrank under the count: the next refresh fixes it
  }
}
