import * as vscode from 'vscode';
import { isRecord } from '../../shared/rpc';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { parseFilterArgs } from './filterArgs';
import { FilterSession, type FilterSummary } from './FilterSession';

/** What the filtered view offers the rest (the test API). */
export interface FilterFeature {
  session(editor: Editor): FilterSession | undefined;
}

/** The filtered view: a filter session per editor, hugeview.filter and hugeview.filterExport. */
export function register(context: vscode.ExtensionContext, editors: Editors): FilterFeature {
  const sessions = new Map<Editor, FilterSession>();
  editors.registerSession((editor) => {
    const session = new FilterSession(editor);
    sessions.set(editor, session);
    return { dispose: () => (sessions.delete(editor), session.dispose()) };
  });
  const active = (): FilterSession | undefined => {
    const editor = editors.requireActive('HugeView: open a file in HugeView to filter it.');
    return editor && sessions.get(editor);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('hugeview.filter', (args?: unknown): Promise<FilterSummary> | undefined => {
      const session = active();
      if (!session) return undefined;
      if (args === undefined) return void session.toggle();
      const spec = parseFilterArgs(args);
      if (!spec) {
        void vscode.window.showErrorMessage("HugeView: hugeview.filter takes { filters: [{ pattern, mode: 'text' | 'regex', caseSensitive, wholeWord, exclude }], combine: 'all' | 'any', context }.");
        return undefined;
      }
      return session.show(spec);
    }),
    vscode.commands.registerCommand('hugeview.filterExport', (args?: unknown) => {
      const session = active();
      if (!session) return undefined;
      const a = isRecord(args) ? args : {};
      const cap = typeof a.cap === 'number' && Number.isSafeInteger(a.cap) && a.cap > 0 ? a.cap : undefined;
      return session.export(a.target === 'clipboard' ? 'clipboard' : 'document', a.markedOnly === true, undefined, cap);
    }),
  );
  return { session: (editor) => sessions.get(editor) };
}
