import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { formatSize } from '../../shared/offsets';
import { log } from '../log';
import { VIEW_TYPE } from '../core/Editors';
import { largeFileThresholdBytes, openLargeFilesAutomatically } from './settings';

/** What the redirect did with a text tab (the tests read these). */
export type RedirectDecision = { path: string; action: 'redirected' | 'kept: chosen as text' | 'kept: below the threshold' | 'failed' };

const isHugeViewTab = (tab: vscode.Tab, uri?: vscode.Uri): boolean =>
  tab.input instanceof vscode.TabInputCustom && tab.input.viewType === VIEW_TYPE && (!uri || tab.input.uri.toString() === uri.toString());
const isTextTab = (tab: vscode.Tab, uri: vscode.Uri): boolean => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString();

/** How soon after HugeView's tab closes a text tab of the same file in the same group counts as its replacement. */
const REPLACE_WINDOW_MS = 1000;
const placeKey = (uri: vscode.Uri, group: vscode.TabGroup) => `${group.viewColumn} ${uri.toString()}`;

/**
 * When a file above hugeview.largeFileThresholdMB opens in the text editor,
 * HugeView takes its tab and offers "Reopen in Text Editor". A text editor the
 * person chose for a file shown in HugeView ("Reopen Editor With… › Text
 * Editor", "Reopen in Text Editor") is left alone, and remembered for that
 * file for the session.
 */
export class LargeFileRedirect {
  /** Files the user chose to see as text: left alone for this session. */
  private readonly keepAsText = new Set<string>();
  readonly decisions: RedirectDecision[] = [];
  /** When a HugeView tab closed, by file and group. */
  private readonly justClosed = new Map<string, number>();

  static register(context: vscode.ExtensionContext): LargeFileRedirect {
    const redirect = new LargeFileRedirect();
    context.subscriptions.push(vscode.window.tabGroups.onDidChangeTabs((event) => {
      // "Reopen Editor With… › Text Editor" closes HugeView's tab, then opens a text tab of the same file
      // in the same group (two events, a few ms apart): a text tab that takes the place of a HugeView tab
      // like that is the person's choice.
      const now = Date.now();
      for (const tab of event.closed) {
        if (isHugeViewTab(tab)) redirect.justClosed.set(placeKey((tab.input as vscode.TabInputCustom).uri, tab.group), now);
      }
      for (const tab of event.opened) {
        if (!(tab.input instanceof vscode.TabInputText)) continue;
        const uri = tab.input.uri;
        const closedAt = redirect.justClosed.get(placeKey(uri, tab.group));
        const replacesHugeView = (closedAt !== undefined && now - closedAt < REPLACE_WINDOW_MS) || tab.group.tabs.some((other) => isHugeViewTab(other, uri));
        if (replacesHugeView) redirect.keepAsText.add(uri.toString());
        void redirect.consider(tab);
      }
      for (const [key, at] of redirect.justClosed) if (now - at >= REPLACE_WINDOW_MS) redirect.justClosed.delete(key);
    }));
    // Tabs restored at start-up, or opened before activation.
    for (const group of vscode.window.tabGroups.all) for (const tab of group.tabs) void redirect.consider(tab);
    return redirect;
  }

  /** Shows `uri` as text in `group` (the notification's "Reopen in Text Editor"), closing HugeView's tab there. */
  async reopenAsText(uri: vscode.Uri, viewColumn?: vscode.ViewColumn): Promise<void> {
    this.keepAsText.add(uri.toString());
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default', { viewColumn });
    await closeTabs((tab) => isHugeViewTab(tab, uri), viewColumn);
  }

  private decide(uri: vscode.Uri, action: RedirectDecision['action']): void {
    this.decisions.push({ path: uri.fsPath, action });
    if (this.decisions.length > 100) this.decisions.shift();
  }

  private async consider(tab: vscode.Tab): Promise<void> {
    if (!openLargeFilesAutomatically() || !(tab.input instanceof vscode.TabInputText)) return;
    const uri = tab.input.uri;
    if (uri.scheme !== 'file') return;
    if (this.keepAsText.has(uri.toString())) return this.decide(uri, 'kept: chosen as text');
    let size: number;
    try {
      const stat = await fs.promises.stat(uri.fsPath);
      if (!stat.isFile()) return;
      size = stat.size;
    } catch {
      return;
    }
    const threshold = largeFileThresholdBytes();
    if (size <= threshold) return this.decide(uri, 'kept: below the threshold');
    const viewColumn = tab.group.viewColumn;
    try {
      await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE, { viewColumn, preview: tab.isPreview, preserveFocus: !tab.isActive });
      // Close the text tab (find it again: the object may be stale after the open).
      await closeTabs((t) => isTextTab(t, uri), viewColumn);
    } catch (error) {
      log().warn(`could not reopen ${uri.fsPath} in HugeView: ${(error as Error).message}`);
      return this.decide(uri, 'failed');
    }
    this.decide(uri, 'redirected');
    const choice = await vscode.window.showInformationMessage(
      `HugeView opened ${uri.fsPath.split(/[\\/]/).pop()} (${formatSize(size)}): it is above the ${formatSize(threshold)} threshold for the text editor.`,
      'Reopen in Text Editor',
      "Don't Do This Automatically",
    );
    if (choice === 'Reopen in Text Editor') {
      await this.reopenAsText(uri, viewColumn);
    } else if (choice === "Don't Do This Automatically") {
      await vscode.workspace.getConfiguration('hugeview').update('openLargeFilesAutomatically', false, vscode.ConfigurationTarget.Global);
    }
  }
}

/** Closes the tabs that match, in the group of `viewColumn` (every group when undefined). */
export async function closeTabs(match: (tab: vscode.Tab) => boolean, viewColumn?: vscode.ViewColumn): Promise<void> {
  const tabs = vscode.window.tabGroups.all
    .filter((group) => viewColumn === undefined || group.viewColumn === viewColumn)
    .flatMap((group) => group.tabs)
    .filter(match);
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
}
