import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { formatSize } from '../../shared/offsets';
import { log } from '../log';
import { VIEW_TYPE } from './HugeViewProvider';
import { largeFileThresholdBytes, openLargeFilesAutomatically } from './settings';

/**
 * When a file above hugeview.largeFileThresholdMB opens in the text editor,
 * HugeView takes its tab and offers "Reopen in Text Editor".
 */
export class LargeFileRedirect {
  /** Files the user chose to see as text: left alone for this session. */
  private readonly keepAsText = new Set<string>();

  static register(context: vscode.ExtensionContext): LargeFileRedirect {
    const redirect = new LargeFileRedirect();
    context.subscriptions.push(vscode.window.tabGroups.onDidChangeTabs((event) => {
      for (const tab of event.opened) void redirect.consider(tab);
    }));
    // Tabs restored at start-up, or opened before activation.
    for (const group of vscode.window.tabGroups.all) for (const tab of group.tabs) void redirect.consider(tab);
    return redirect;
  }

  private async consider(tab: vscode.Tab): Promise<void> {
    if (!openLargeFilesAutomatically() || !(tab.input instanceof vscode.TabInputText)) return;
    const uri = tab.input.uri;
    if (uri.scheme !== 'file' || this.keepAsText.has(uri.toString())) return;
    let size: number;
    try {
      const stat = await fs.promises.stat(uri.fsPath);
      if (!stat.isFile()) return;
      size = stat.size;
    } catch {
      return;
    }
    const threshold = largeFileThresholdBytes();
    if (size <= threshold) return;
    try {
      const viewColumn = tab.group.viewColumn;
      await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE, { viewColumn, preview: tab.isPreview, preserveFocus: !tab.isActive });
      // Close the text tab (find it again: the object may be stale after the open).
      const stale = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
      if (stale) await vscode.window.tabGroups.close(stale, true);
    } catch (error) {
      log().warn(`could not reopen ${uri.fsPath} in HugeView: ${(error as Error).message}`);
      return;
    }
    const choice = await vscode.window.showInformationMessage(
      `HugeView opened ${uri.fsPath.split(/[\\/]/).pop()} (${formatSize(size)}): it is above the ${formatSize(threshold)} threshold for the text editor.`,
      'Reopen in Text Editor',
      "Don't Do This Automatically",
    );
    if (choice === 'Reopen in Text Editor') {
      this.keepAsText.add(uri.toString());
      await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    } else if (choice === "Don't Do This Automatically") {
      await vscode.workspace.getConfiguration('hugeview').update('openLargeFilesAutomatically', false, vscode.ConfigurationTarget.Global);
    }
  }
}
