import * as vscode from 'vscode';
import { ContextKey } from '../core/ContextKey';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { StatusItems } from '../core/StatusItems';
import { FollowSession } from './FollowSession';

/** What follow mode offers the rest (the test API). */
export interface FollowFeature {
  isFollowing(editor: Editor): boolean | undefined;
}

/** Follow mode: a session per editor, the follow/unfollow commands, the `hugeview.following` context key, its status item. */
export function register(context: vscode.ExtensionContext, editors: Editors): FollowFeature {
  const sessions = new Map<Editor, FollowSession>();
  editors.registerSession((editor) => {
    const session = new FollowSession(editor);
    sessions.set(editor, session);
    return { dispose: () => (sessions.delete(editor), session.dispose()) };
  });
  /** Turns follow mode on or off in the active editor; returns whether it is on. */
  const setFollowing = (on: boolean): boolean | undefined => {
    const editor = editors.requireActive('HugeView: open a file in HugeView to follow it.');
    const session = editor && sessions.get(editor);
    session?.set(on);
    return session?.following;
  };
  context.subscriptions.push(
    // Two commands, so the editor title shows what a click does: follow ($(play)) or stop ($(debug-pause)).
    vscode.commands.registerCommand('hugeview.follow', (on?: unknown) => setFollowing(typeof on === 'boolean' ? on : true)),
    vscode.commands.registerCommand('hugeview.unfollow', () => setFollowing(false)),
    followingContext(editors, sessions),
    followStatus(editors, sessions),
  );
  return { isFollowing: (editor) => sessions.get(editor)?.following };
}

/** `hugeview.following`: follow mode is on in the active editor (the editor title's play/pause). */
function followingContext(editors: Editors, sessions: Map<Editor, FollowSession>): vscode.Disposable {
  const key = new ContextKey<boolean>('hugeview.following');
  let subscription: vscode.Disposable | undefined;
  const show = (editor: Editor | undefined) => {
    subscription?.dispose();
    const session = editor && sessions.get(editor);
    const update = () => key.set(session?.following ?? false);
    subscription = session?.onDidChange(update);
    update();
  };
  const watch = editors.onDidChangeActive(show);
  show(editors.active);
  return { dispose: () => (watch.dispose(), subscription?.dispose()) };
}

function followStatus(editors: Editors, sessions: Map<Editor, FollowSession>): vscode.Disposable {
  const items = new StatusItems();
  const item = items.add('hugeview.status.follow', 'HugeView Follow', 100);
  const update = (editor: Editor) => {
    const on = sessions.get(editor)?.following ?? false;
    item.command = on ? 'hugeview.unfollow' : 'hugeview.follow';
    item.text = on ? '$(pass-filled) Following' : '$(circle-large-outline) Follow';
    item.tooltip = on ? 'Following the end of the file as it grows (tail -f). Click, or scroll up, to stop.' : 'Follow the end of the file as it grows (tail -f)';
    item.show();
  };
  const following = items.follow(editors, (editor) => {
    const session = sessions.get(editor);
    return session ? [session.onDidChange(() => update(editor))] : [];
  }, update);
  return { dispose: () => (following.dispose(), items.dispose()) };
}
