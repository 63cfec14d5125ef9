import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewProvider } from '../viewer/HugeViewProvider';
import type { ViewerPanel } from '../viewer/ViewerPanel';
import { listBookmarks, jumpToBookmark, toggleBookmark } from './bookmarkCommands';
import { BookmarkStore } from './BookmarkStore';
import { ChecksumCommand } from './checksumCommand';
import { copyAs, pickFormat } from './copyAs';
import { InspectSession } from './InspectSession';
import { parseRange } from './rangeInput';

const VISIBLE_KEY = 'hugeview.inspectorVisible';

/**
 * Hex inspection's commands: data inspector, Select Range, Copy As,
 * checksums, bookmarks, byte colours. Every command works on the active
 * HugeView editor and returns what it did (for scripts and tests).
 */
export class InspectCommands {
  static register(context: vscode.ExtensionContext, provider: HugeViewProvider): void {
    const bookmarks = new BookmarkStore(context.workspaceState);
    InspectSession.services = {
      bookmarks,
      inspectorVisible: context.globalState.get<boolean>(VISIBLE_KEY, false),
      setInspectorVisible(visible) {
        this.inspectorVisible = visible;
        void context.globalState.update(VISIBLE_KEY, visible);
        InspectSession.broadcastState();
      },
    };
    const checksum = new ChecksumCommand(path.join(context.extensionUri.fsPath, 'dist'));
    const withPanel = <A extends unknown[], R>(what: string, run: (panel: ViewerPanel, ...args: A) => R) => (...args: A): R | undefined => {
      const panel = provider.activePanel;
      if (!panel) return void vscode.window.showInformationMessage(`HugeView: open a file in HugeView to ${what}.`);
      return run(panel, ...args);
    };
    context.subscriptions.push(
      checksum,
      bookmarks.onChange((file) => InspectSession.broadcastBookmarks(file)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (['hugeview.endianness', 'hugeview.inspector', 'hugeview.colorizeBytes'].some((key) => event.affectsConfiguration(key))) InspectSession.broadcastState();
      }),
      vscode.commands.registerCommand('hugeview.toggleInspector', (show?: unknown) => {
        const services = InspectSession.services!;
        services.setInspectorVisible(typeof show === 'boolean' ? show : !services.inspectorVisible);
        return services.inspectorVisible;
      }),
      vscode.commands.registerCommand('hugeview.toggleColorizeBytes', async (on?: unknown) => {
        const config = vscode.workspace.getConfiguration('hugeview');
        const next = typeof on === 'boolean' ? on : !config.get<boolean>('colorizeBytes', false);
        await config.update('colorizeBytes', next, vscode.ConfigurationTarget.Global);
        return next;
      }),
      vscode.commands.registerCommand('hugeview.selectRange', withPanel('select a range', selectRange)),
      vscode.commands.registerCommand('hugeview.copyAs', withPanel('copy', async (panel, arg?: unknown) => {
        const format = await pickFormat(arg);
        return format && copyAs(panel, format);
      })),
      vscode.commands.registerCommand('hugeview.checksum', withPanel('checksum a selection', (panel) => checksum.run(panel))),
      vscode.commands.registerCommand('hugeview.copyChecksum', (which?: unknown) => checksum.copy(which)),
      vscode.commands.registerCommand('hugeview.toggleBookmark', withPanel('add a bookmark', (panel, arg?: unknown) => toggleBookmark(bookmarks, panel, arg))),
      vscode.commands.registerCommand('hugeview.nextBookmark', withPanel('go to a bookmark', (panel) => jumpToBookmark(bookmarks, panel, 1))),
      vscode.commands.registerCommand('hugeview.previousBookmark', withPanel('go to a bookmark', (panel) => jumpToBookmark(bookmarks, panel, -1))),
      vscode.commands.registerCommand('hugeview.listBookmarks', withPanel('list bookmarks', (panel) => listBookmarks(bookmarks, panel))),
    );
  }
}

/**
 * Selects a byte range: the argument ("0x100-0x1FF", "256+16", or
 * { start, end } with end exclusive, or { start, length }) or an input box.
 */
async function selectRange(panel: ViewerPanel, arg?: unknown): Promise<{ start: number; length: number } | undefined> {
  const size = panel.document.size;
  let text: string | undefined;
  if (typeof arg === 'object' && arg !== null) {
    const { start, end, length } = arg as { start?: unknown; end?: unknown; length?: unknown };
    if (typeof start === 'number' && (typeof length === 'number' || typeof end === 'number')) text = `${start}+${typeof length === 'number' ? length : (end as number) - start}`;
  } else if (typeof arg === 'string') {
    text = arg;
  }
  if (text === undefined) {
    const cursor = panel.cursor;
    const hex = (n: number) => '0x' + n.toString(16).toUpperCase();
    const value = cursor && cursor.selectionEnd > cursor.selectionStart ? `${hex(cursor.selectionStart)}-${hex(cursor.selectionEnd - 1)}` : cursor ? hex(cursor.offset) + '+' : '';
    text = await vscode.window.showInputBox({
      title: 'Select Range',
      prompt: `START-END (END included) or START+LENGTH, hex (0x1F00, 1F00h) or decimal; the file has ${size.toLocaleString('en-US')} bytes`,
      value,
      placeHolder: '0x100-0x1FF or 0x100+256',
      validateInput: (input) => {
        const parsed = parseRange(input, size);
        return parsed.ok ? undefined : parsed.error;
      },
    });
    if (text === undefined) return undefined;
  }
  const parsed = parseRange(text, size);
  if (!parsed.ok) return void vscode.window.showErrorMessage(`HugeView: ${parsed.error}`);
  panel.goTo(parsed.start, parsed.length);
  return { start: parsed.start, length: parsed.length };
}
