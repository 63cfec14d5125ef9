import type * as vscode from 'vscode';
import { Editors } from '../core/Editors';
import { ViewerCommands } from './commands';
import { EditorContext } from './EditorContext';
import { HugeViewProvider } from './HugeViewProvider';
import { LargeFileRedirect } from './LargeFileRedirect';
import { StatusBar } from './StatusBar';

/** The editor itself: the provider and its panels (added to the returned Editors), its commands, context keys, status items and the large-file redirect. */
export function register(context: vscode.ExtensionContext): { editors: Editors; redirect: LargeFileRedirect } {
  const editors = new Editors();
  context.subscriptions.push(editors);
  HugeViewProvider.register(context, editors);
  ViewerCommands.register(context, editors);
  context.subscriptions.push(new StatusBar(editors), new EditorContext(editors));
  const redirect = LargeFileRedirect.register(context);
  return { editors, redirect };
}
