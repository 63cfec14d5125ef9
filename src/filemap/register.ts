import * as vscode from 'vscode';
import { FileMapStateChanged, type FileMapState } from '../../shared/protocol/filemap';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { FileMapSession } from './FileMapSession';

/** What the file map offers the rest (the test API): the host's view of an editor's last map. */
export interface FileMapFeature {
  session(editor: Editor): FileMapSession | undefined;
}

function state(): FileMapState {
  return { visible: vscode.workspace.getConfiguration('hugeview').get<boolean>('fileMap.visible', true) !== false };
}

/** The file map strip: a session per editor, the hugeview.fileMap.visible setting and its toggle command. */
export function register(context: vscode.ExtensionContext, editors: Editors): FileMapFeature {
  const sessions = new Map<Editor, FileMapSession>();
  const guess = { buckets: 256 }; // until a strip has asked: a 768 px tall editor at 3 px per bucket
  editors.registerSession((editor) => {
    const session = new FileMapSession(editor, state, guess);
    sessions.set(editor, session);
    return { dispose: () => (sessions.delete(editor), session.dispose()) };
  });
  context.subscriptions.push(
    vscode.commands.registerCommand('hugeview.toggleFileMap', async (show?: unknown) => {
      const visible = typeof show === 'boolean' ? show : !state().visible;
      await vscode.workspace.getConfiguration('hugeview').update('fileMap.visible', visible, vscode.ConfigurationTarget.Global);
      return visible;
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('hugeview.fileMap')) return;
      for (const editor of sessions.keys()) editor.messenger.notify(FileMapStateChanged, state());
    }),
  );
  return { session: (editor) => sessions.get(editor) };
}
