import * as vscode from 'vscode';
import { isStringEncoding, type StringEncodingName } from '../../shared/protocol/strings';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { StringsSession, type StringsOutcome } from './StringsSession';

/** What strings offers the rest (the test API). */
export interface StringsFeature {
  session(editor: Editor): StringsSession | undefined;
}

export interface StringsArgs {
  minLength?: number;
  encodings?: StringEncodingName[];
  from?: number;
  to?: number;
}

const MAX_MIN_LENGTH = 4096;

/**
 * hugeview.strings: printable runs of at least N characters in the file (or
 * the selection), listed in a pane of the viewer. With arguments
 * `{ minLength, encodings?, from?, to? }` it asks nothing; without, it asks
 * for N (hugeview.strings.minLength is the default). Resolves with
 * `{ count, done }` when the scan ends (done: false when it was cancelled).
 */
export function register(context: vscode.ExtensionContext, editors: Editors): StringsFeature {
  const sessions = new Map<Editor, StringsSession>();
  editors.registerSession((editor) => {
    const session = new StringsSession(editor);
    sessions.set(editor, session);
    return { dispose: () => (sessions.delete(editor), session.dispose()) };
  });
  context.subscriptions.push(
    vscode.commands.registerCommand('hugeview.strings', async (arg?: unknown): Promise<StringsOutcome | undefined> => {
      const editor = editors.requireActive('HugeView: open a file in HugeView to list its strings.');
      const session = editor && sessions.get(editor);
      if (!editor || !session) return undefined;
      const options = await resolveOptions(editor, arg);
      if (!options) return undefined;
      try {
        return await session.run(options);
      } catch (error) {
        void vscode.window.showErrorMessage(`HugeView: listing the strings failed: ${(error as Error).message}`);
        return undefined;
      }
    }),
  );
  return { session: (editor) => sessions.get(editor) };
}

async function resolveOptions(editor: Editor, arg: unknown): Promise<{ minLength: number; encodings: StringEncodingName[]; from: number; to: number } | undefined> {
  const config = vscode.workspace.getConfiguration('hugeview.strings');
  const size = editor.document.size;
  const given = (typeof arg === 'object' && arg !== null ? arg : {}) as StringsArgs;
  const configured = config.get<unknown[]>('encodings', ['ascii', 'utf16le']).filter(isStringEncoding);
  let encodings = [...new Set(Array.isArray(given.encodings) ? given.encodings.filter(isStringEncoding) : configured)];
  // Latin-1 runs include the ASCII ones (strings -e S vs -e s): one single-byte rule per scan.
  if (encodings.includes('latin1')) encodings = encodings.filter((e) => e !== 'ascii');
  let minLength = given.minLength;
  if (minLength === undefined) {
    const text = await vscode.window.showInputBox({
      title: 'HugeView: Strings',
      prompt: `Printable runs of at least how many characters (${encodings.join(', ')})?`,
      value: String(config.get<number>('minLength', 8)),
      validateInput: (input) => (validLength(Number(input)) ? undefined : `a whole number from 1 to ${MAX_MIN_LENGTH}`),
    });
    if (text === undefined) return undefined;
    minLength = Number(text);
  }
  if (!validLength(minLength)) {
    void vscode.window.showErrorMessage(`HugeView: the minimum string length must be a whole number from 1 to ${MAX_MIN_LENGTH}.`);
    return undefined;
  }
  if (encodings.length === 0) {
    void vscode.window.showErrorMessage("HugeView: no string encoding to look for: use 'ascii', 'latin1' and/or 'utf16le'.");
    return undefined;
  }
  // The selection when there is one (and no range was given), else the whole file.
  const cursor = editor.cursor;
  const selected = cursor && cursor.selectionEnd > cursor.selectionStart && given.from === undefined && given.to === undefined;
  const from = clamp(given.from ?? (selected ? cursor.selectionStart : 0), size);
  const to = Math.max(from, clamp(given.to ?? (selected ? cursor.selectionEnd : size), size));
  return { minLength, encodings, from, to };
}

function validLength(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_MIN_LENGTH;
}

function clamp(n: number, size: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(size, Math.floor(n))) : 0;
}
