import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** HugeView's output channel ("HugeView" in the Output view). */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('HugeView', { log: true });
  return channel;
}
