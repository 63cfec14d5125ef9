import * as vscode from 'vscode';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { SearchSession } from './SearchSession';

/** What search offers the rest (the test API): each editor's search history. */
export interface SearchFeature {
  session(editor: Editor): SearchSession | undefined;
}

/** Find: a search session per editor, hugeview.find / findNext / findPrevious. */
export function register(context: vscode.ExtensionContext, editors: Editors): SearchFeature {
  const sessions = new Map<Editor, SearchSession>();
  editors.registerSession((editor) => {
    const session = new SearchSession(editor);
    sessions.set(editor, session);
    return { dispose: () => (sessions.delete(editor), session.dispose()) };
  });
  const active = () => {
    const editor = editors.active;
    return editor && sessions.get(editor);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('hugeview.find', (args?: unknown) => {
      const editor = editors.requireActive('HugeView: open a file in HugeView to search it.');
      const session = editor && sessions.get(editor);
      if (!session) return undefined;
      const a = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
      const mode = a.mode === 'hex' || a.mode === 'regex' || a.mode === 'text' ? a.mode : undefined;
      const query = typeof a.pattern === 'string' ? a.pattern : undefined;
      return session.find({
        action: 'open',
        query,
        mode: mode ?? (query ? 'text' : undefined),
        caseSensitive: typeof a.caseSensitive === 'boolean' ? a.caseSensitive : query ? false : undefined,
        wholeWord: typeof a.wholeWord === 'boolean' ? a.wholeWord : query ? false : undefined,
      });
    }),
    vscode.commands.registerCommand('hugeview.findNext', () => active()?.find({ action: 'next' })),
    vscode.commands.registerCommand('hugeview.findPrevious', () => active()?.find({ action: 'previous' })),
  );
  return { session: (editor) => sessions.get(editor) };
}
