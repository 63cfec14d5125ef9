/**
 * Compare: `hugeview.compare` (explorer "Compare in HugeView" on two selected
 * files, the palette, or `{ left, right }` URIs from code), "Select for
 * Compare" / "Compare with Selected", and F7 / Shift+F7 in the compare view.
 */
import * as vscode from 'vscode';
import { ContextKey } from '../core/ContextKey';
import type { Editors } from '../core/Editors';
import { ComparePanel, type RevealedDifference } from './ComparePanel';
import { compareSettings, openPair, type ComparedPair } from './openPair';

/** What hugeview.compare returns: the counts once the compare has ended. */
export interface CompareCommandResult {
  differingBytes: number;
  ranges: number;
  firstDifference: number;
  done: boolean;
}

/** What the compare feature offers the test API. */
export interface CompareFeature {
  /** The open compare panels, oldest first. */
  readonly panels: readonly ComparePanel[];
}

export function register(context: vscode.ExtensionContext, editors: Editors): CompareFeature {
  const panels: ComparePanel[] = [];
  let lastActive: ComparePanel | undefined;
  let selected: vscode.Uri | undefined;
  const selectedKey = new ContextKey<boolean>('hugeview.compareSelected');

  const open = async (pair: ComparedPair): Promise<CompareCommandResult> => {
    const sources = openPair(pair);
    const panel = new ComparePanel(context.extensionUri, sources.left, sources.right, compareSettings());
    panels.push(panel);
    lastActive = panel;
    panel.onDidChangeActive((active) => {
      if (active) lastActive = panel;
    });
    panel.onDidClose(() => {
      panels.splice(panels.indexOf(panel), 1);
      if (lastActive === panel) lastActive = undefined;
    });
    const summary = await panel.run.finished;
    if (summary.error) throw new Error(`HugeView: the compare of ${pair.left.fsPath} and ${pair.right.fsPath} failed: ${summary.error}`);
    return { differingBytes: summary.differingBytes, ranges: summary.ranges, firstDifference: summary.firstDifference, done: summary.done };
  };

  /** Runs a compare started from the UI: errors become a notification (the command from code rejects instead). */
  const fromUi = async (pair: ComparedPair | undefined): Promise<CompareCommandResult | undefined> => {
    if (!pair) return undefined;
    try {
      return await open(pair);
    } catch (error) {
      void vscode.window.showErrorMessage((error as Error).message);
      return undefined;
    }
  };

  const step = (direction: 1 | -1): RevealedDifference | undefined => {
    const panel = panels.find((p) => p.active) ?? lastActive;
    if (!panel) {
      void vscode.window.showInformationMessage('HugeView: open a compare (Compare in HugeView) to go to its differences.');
      return undefined;
    }
    return panel.step(direction);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('hugeview.compare', async (first?: unknown, all?: unknown) => {
      // From code: { left, right } URIs; errors reject.
      if (isPairArgument(first)) return open({ left: toUri(first.left), right: toUri(first.right) });
      // The explorer with two files selected: (clicked, [both]).
      if (Array.isArray(all) && all.length === 2 && all.every((u) => u instanceof vscode.Uri)) return fromUi({ left: all[0], right: all[1] });
      if (Array.isArray(all) && all.length > 2) {
        void vscode.window.showErrorMessage('HugeView: select exactly two files to compare.');
        return undefined;
      }
      return fromUi(await pickPair(first instanceof vscode.Uri ? first : activeFile(editors)));
    }),
    vscode.commands.registerCommand('hugeview.selectForCompare', (uri?: unknown) => {
      const target = uri instanceof vscode.Uri ? uri : activeFile(editors);
      if (!target) return void vscode.window.showInformationMessage('HugeView: select a file in the explorer first.');
      selected = target;
      selectedKey.set(true);
    }),
    vscode.commands.registerCommand('hugeview.compareWithSelected', async (uri?: unknown) => {
      const target = uri instanceof vscode.Uri ? uri : activeFile(editors);
      if (!selected) return void vscode.window.showInformationMessage('HugeView: choose "Select for Compare" on a file first.');
      if (!target) return undefined;
      return fromUi({ left: selected, right: target });
    }),
    vscode.commands.registerCommand('hugeview.compare.nextDifference', () => step(1)),
    vscode.commands.registerCommand('hugeview.compare.previousDifference', () => step(-1)),
    { dispose: () => [...panels].forEach((p) => p.dispose()) },
  );
  return { panels };
}

function isPairArgument(value: unknown): value is { left: unknown; right: unknown } {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && 'left' in value && 'right' in value;
}

function toUri(value: unknown): vscode.Uri {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value.length > 0) return /^[a-z][a-z0-9+.-]+:/i.test(value) && !/^[a-z]:[\\/]/i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  throw new Error('HugeView: hugeview.compare takes { left, right }, each a file URI (or a path).');
}

/** The file of the active HugeView editor, else of the active text editor. */
function activeFile(editors: Editors): vscode.Uri | undefined {
  return editors.active?.document.uri ?? vscode.window.activeTextEditor?.document.uri;
}

/** The palette: the active file against one the user picks (or two picked files when none is active). */
async function pickPair(first: vscode.Uri | undefined): Promise<ComparedPair | undefined> {
  const pick = async (title: string) =>
    (await vscode.window.showOpenDialog({ title, canSelectFiles: true, canSelectFolders: false, canSelectMany: false, openLabel: 'Compare' }))?.[0];
  const left = first ?? (await pick('HugeView: the first file to compare'));
  if (!left) return undefined;
  const right = await pick(`HugeView: compare ${left.path.split('/').pop()} with…`);
  return right && { left, right };
}
