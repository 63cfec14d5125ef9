import * as vscode from 'vscode';
import { parseOffset } from '../../shared/offsets';
import { VIEW_TYPE, type Editors } from '../core/Editors';
import { closeTabs } from './LargeFileRedirect';

/** Open in HugeView, Go to Offset, Toggle Hex/Text. */
export class ViewerCommands {
  static register(context: vscode.ExtensionContext, editors: Editors): void {
    context.subscriptions.push(
      vscode.commands.registerCommand('hugeview.open', (uri?: unknown) => openInHugeView(uri)),
      vscode.commands.registerCommand('hugeview.goToOffset', (target?: unknown) => goToOffset(editors, target)),
      vscode.commands.registerCommand('hugeview.toggleMode', () => {
        const editor = editors.requireActive('HugeView: open a file in HugeView first.');
        editor?.setMode(editor.mode === 'hex' ? 'text' : 'hex');
      }),
    );
  }
}

/** Opens `uri` (else the active file, else a picked file) in HugeView. */
export async function openInHugeView(arg?: unknown): Promise<void> {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  uri ??= activeFileUri();
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Open in HugeView' });
    uri = picked?.[0];
  }
  if (!uri) return;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(`HugeView opens files on disk (file: URIs); '${uri.scheme}:' resources are not supported.`);
    return;
  }
  await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
  // HugeView takes the place of the file's text tab in this group: never two tabs of one file.
  const target = uri.toString();
  await closeTabs((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === target, vscode.window.tabGroups.activeTabGroup.viewColumn);
}

function activeFileUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return vscode.window.activeTextEditor?.document.uri;
}

/** Accepts an offset argument (number or text) or asks for one: 0x1F00, 8000, +4096, -0x10, 50%. */
async function goToOffset(editors: Editors, target: unknown): Promise<void> {
  const panel = editors.requireActive('HugeView: open a file in HugeView to go to an offset.');
  if (!panel) return;
  const size = panel.document.size;
  const current = panel.cursor?.offset ?? 0;
  let text: string | undefined = typeof target === 'number' ? String(target) : typeof target === 'string' ? target : undefined;
  if (text === undefined) {
    text = await vscode.window.showInputBox({
      title: 'Go to Offset',
      prompt: `0x1F00 or 1F00h (hex), 8000 (decimal), +4096 / -0x10 (from the cursor at 0x${current.toString(16).toUpperCase()}), 50% (of ${size.toLocaleString('en-US')} bytes)`,
      placeHolder: '0x0',
      validateInput: (value) => {
        const parsed = parseOffset(value, current, size);
        return parsed.ok ? undefined : parsed.error;
      },
    });
    if (text === undefined) return;
  }
  const parsed = parseOffset(text, current, size);
  if (!parsed.ok) return void vscode.window.showErrorMessage(`HugeView: ${parsed.error}`);
  panel.goTo(parsed.offset);
}
