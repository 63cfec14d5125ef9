import * as vscode from 'vscode';
import type { LevelMarks } from '../../shared/protocol/levels';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { log } from '../log';
import { readLevelSettings } from './highlightSettings';
import { LevelSession } from './LevelSession';

/** What the levels feature offers the rest (the test API). */
export interface LevelsFeature {
  /** The editor's latest level marks, and how many counts finished. */
  marks(editor: Editor): { marks: LevelMarks | null; counted: number } | undefined;
  /** What was wrong with hugeview.highlights when it was last read. */
  readonly problems: readonly string[];
}

/**
 * Levels: ERROR/WARN/INFO/DEBUG tokens and the user's hugeview.highlights
 * coloured in the text view, and ERROR/WARN marks along the scrollbar from a
 * background count per bucket. A session per editor; the settings are read
 * here, once for all, and a bad highlight is said once per change.
 */
export function register(context: vscode.ExtensionContext, editors: Editors): LevelsFeature {
  const sessions = new Map<Editor, LevelSession>();
  let current = readLevelSettings();
  const warn = () => {
    if (current.problems.length === 0) return;
    for (const problem of current.problems) log().warn(problem);
    void vscode.window.showWarningMessage(`HugeView: ${current.problems.length === 1 ? 'a highlight was' : `${current.problems.length} highlights were`} left out — ${current.problems.join('; ')}`);
  };
  warn();
  editors.registerSession((editor) => {
    const session = new LevelSession(editor, current.settings);
    sessions.set(editor, session);
    return { dispose: () => (sessions.delete(editor), session.dispose()) };
  });
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('hugeview.highlights') && !event.affectsConfiguration('hugeview.levels')) return;
      current = readLevelSettings();
      warn();
      for (const session of sessions.values()) session.setSettings(current.settings);
    }),
  );
  return {
    marks: (editor) => {
      const session = sessions.get(editor);
      return session && { marks: session.latest, counted: session.counted };
    },
    get problems() {
      return current.problems;
    },
  };
}
