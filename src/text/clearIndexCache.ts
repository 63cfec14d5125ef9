import * as vscode from 'vscode';
import type { LineIndexCache } from '../core/LineIndexCache';

/**
 * `hugeview.clearIndexCache`: removes every stored line index (files open now
 * keep their line numbers; what they count from here on is stored again when
 * they close). Resolves with how many entries went.
 */
export function registerClearIndexCache(cache: LineIndexCache): vscode.Disposable {
  return vscode.commands.registerCommand('hugeview.clearIndexCache', async () => {
    let removed: number;
    try {
      removed = await cache.clear();
    } catch (error) {
      void vscode.window.showErrorMessage(`HugeView: the line index cache could not be cleared: ${(error as Error).message}`);
      return undefined;
    }
    void vscode.window.showInformationMessage(`HugeView: cleared the line index cache (${removed} ${removed === 1 ? 'file' : 'files'}).`);
    return removed;
  });
}
