import * as vscode from 'vscode';
import { parseOffset } from '../../shared/offsets';
import { goToLine } from '../text/goToLine';
import { ENCODING_LABELS } from '../text/encoding';
import { isEncoding, TEXT_ENCODINGS } from '../../shared/types';
import { VIEW_TYPE, type HugeViewProvider } from './HugeViewProvider';
import { closeTabs } from './LargeFileRedirect';

/** Open in HugeView, Go to Offset, Go to Line, Toggle Hex/Text. */
export class ViewerCommands {
  static register(context: vscode.ExtensionContext, provider: HugeViewProvider): void {
    context.subscriptions.push(
      vscode.commands.registerCommand('hugeview.open', (uri?: unknown) => openInHugeView(uri)),
      vscode.commands.registerCommand('hugeview.goToOffset', (target?: unknown) => goToOffset(provider, target)),
      vscode.commands.registerCommand('hugeview.toggleMode', () => {
        const panel = provider.activePanel;
        if (!panel) return void vscode.window.showInformationMessage('HugeView: open a file in HugeView first.');
        panel.setMode(panel.currentMode === 'hex' ? 'text' : 'hex');
      }),
      vscode.commands.registerCommand('hugeview.goToLine', (target?: unknown) => {
        const panel = provider.activePanel;
        if (!panel) return void vscode.window.showInformationMessage('HugeView: open a file in HugeView to go to a line.');
        return goToLine(panel, target);
      }),
      vscode.commands.registerCommand('hugeview.find', (args?: unknown) => {
        const panel = provider.activePanel;
        if (!panel) return void vscode.window.showInformationMessage('HugeView: open a file in HugeView to search it.');
        const a = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
        const mode = a.mode === 'hex' || a.mode === 'regex' || a.mode === 'text' ? a.mode : undefined;
        const query = typeof a.pattern === 'string' ? a.pattern : undefined;
        return panel.find({
          action: 'open',
          query,
          mode: mode ?? (query ? 'text' : undefined),
          caseSensitive: typeof a.caseSensitive === 'boolean' ? a.caseSensitive : query ? false : undefined,
          wholeWord: typeof a.wholeWord === 'boolean' ? a.wholeWord : query ? false : undefined,
        });
      }),
      vscode.commands.registerCommand('hugeview.findNext', () => provider.activePanel?.find({ action: 'next' })),
      vscode.commands.registerCommand('hugeview.findPrevious', () => provider.activePanel?.find({ action: 'previous' })),
      // Two commands, so the editor title shows what a click does: follow ($(play)) or stop ($(debug-pause)).
      vscode.commands.registerCommand('hugeview.follow', (on?: unknown) => setFollowing(provider, typeof on === 'boolean' ? on : true)),
      vscode.commands.registerCommand('hugeview.unfollow', () => setFollowing(provider, false)),
      vscode.commands.registerCommand('hugeview.changeEncoding', async (arg?: unknown) => {
        const panel = provider.activePanel;
        if (!panel) return void vscode.window.showInformationMessage('HugeView: open a file in HugeView to change its encoding.');
        let encoding = isEncoding(arg) ? arg : undefined;
        if (!encoding) {
          const picked = await vscode.window.showQuickPick(
            TEXT_ENCODINGS.map((name) => ({ label: ENCODING_LABELS[name], description: name === panel.encoding ? `current · ${panel.encodingWhy}` : name, name })),
            { title: 'Reopen with Encoding', placeHolder: 'Select the encoding the text view decodes with' },
          );
          encoding = picked?.name;
        }
        if (encoding) panel.setEncoding(encoding);
        return panel.encoding;
      }),
      vscode.commands.registerCommand('hugeview.copy', () => provider.activePanel?.requestCopy()),
    );
  }
}

/** Turns follow mode on or off in the active editor; returns whether it is on. */
function setFollowing(provider: HugeViewProvider, on: boolean): boolean | undefined {
  const panel = provider.activePanel;
  if (!panel) return void vscode.window.showInformationMessage('HugeView: open a file in HugeView to follow it.');
  panel.setFollowing(on);
  return panel.isFollowing;
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
async function goToOffset(provider: HugeViewProvider, target: unknown): Promise<void> {
  const panel = provider.activePanel;
  if (!panel) return void vscode.window.showInformationMessage('HugeView: open a file in HugeView to go to an offset.');
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
