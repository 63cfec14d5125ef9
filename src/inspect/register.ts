import * as vscode from 'vscode';
import { RequestCopy } from '../../shared/protocol/editor';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { ChecksumCommand } from './checksumCommand';
import { copyAs, pickFormat } from './copyAs';
import { InspectSession, inspectState, type InspectServices } from './InspectSession';
import { parseRange } from './rangeInput';

const VISIBLE_KEY = 'hugeview.inspectorVisible';

/** What inspection offers the rest: the services its sessions share. */
export type InspectFeature = InspectServices;

/**
 * Hex inspection: a session per editor (inspector state, Ctrl+C) and the
 * commands: data inspector, Select Range, Copy, Copy As, checksums, byte
 * colours (bookmarks are zero-length tags: src/tags/). Every command works on the active HugeView editor
 * and returns what it did (for scripts and tests).
 */
export function register(context: vscode.ExtensionContext, editors: Editors): InspectFeature {
  const sessions = new Set<InspectSession>();
  const broadcastState = () => {
    const state = inspectState(services);
    for (const session of sessions) session.sendState(state);
  };
  let inspectorVisible = context.globalState.get<boolean>(VISIBLE_KEY, false);
  const services: InspectServices = {
    get inspectorVisible() {
      return inspectorVisible;
    },
    setInspectorVisible(visible) {
      inspectorVisible = visible;
      void context.globalState.update(VISIBLE_KEY, visible);
      broadcastState();
    },
  };
  editors.registerSession((editor) => {
    const session = new InspectSession(editor, services);
    sessions.add(session);
    return { dispose: () => (sessions.delete(session), session.dispose()) };
  });
  const checksum = new ChecksumCommand(editors);
  const withPanel = <A extends unknown[], R>(what: string, run: (panel: Editor, ...args: A) => R) => (...args: A): R | undefined => {
    const panel = editors.requireActive(`HugeView: open a file in HugeView to ${what}.`);
    return panel && run(panel, ...args);
  };
  context.subscriptions.push(
    checksum,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (['hugeview.endianness', 'hugeview.inspector', 'hugeview.colorizeBytes'].some((key) => event.affectsConfiguration(key))) broadcastState();
    }),
    vscode.commands.registerCommand('hugeview.toggleInspector', (show?: unknown) => {
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
    // Ctrl+C: the webview answers with CopyRange for its selection.
    vscode.commands.registerCommand('hugeview.copy', () => editors.active?.messenger.notify(RequestCopy, {})),
    vscode.commands.registerCommand('hugeview.copyAs', withPanel('copy', async (panel, arg?: unknown) => {
      const format = await pickFormat(arg);
      return format && copyAs(panel, format);
    })),
    vscode.commands.registerCommand('hugeview.checksum', withPanel('checksum a selection', (panel) => checksum.run(panel))),
    vscode.commands.registerCommand('hugeview.copyChecksum', (which?: unknown) => checksum.copy(which)),
  );
  return services;
}

/**
 * Selects a byte range: the argument ("0x100-0x1FF", "256+16", or
 * { start, end } with end exclusive, or { start, length }) or an input box.
 */
async function selectRange(panel: Editor, arg?: unknown): Promise<{ start: number; length: number } | undefined> {
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
