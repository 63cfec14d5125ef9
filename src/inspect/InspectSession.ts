import * as vscode from 'vscode';
import { CopyRange } from '../../shared/protocol/editor';
import { GetInspectState, InspectStateChanged, SetInspectOption, type InspectState } from '../../shared/protocol/inspect';
import type { Editor } from '../core/Editor';
import { copyRange } from './copySelection';

/** What the sessions share: the object inspect's register() returns. */
export interface InspectServices {
  /** The inspector panel's shown/hidden state, the same in every editor. */
  readonly inspectorVisible: boolean;
  setInspectorVisible(visible: boolean): void;
}

/** The inspector's settings as the webview needs them. */
export function inspectState(services: InspectServices): InspectState {
  const config = vscode.workspace.getConfiguration('hugeview');
  return {
    inspectorVisible: services.inspectorVisible,
    hover: config.get<string>('inspector', 'panel') === 'hover',
    endianness: config.get<string>('endianness', 'little') === 'big' ? 'big' : 'little',
    colorize: config.get<boolean>('colorizeBytes', false) === true,
  };
}

/**
 * One editor's side of hex inspection: answers the webview's state request,
 * takes the panel's own option changes, sends settings, and copies the selection (Ctrl+C).
 */
export class InspectSession implements vscode.Disposable {
  constructor(
    private readonly editor: Editor,
    services: InspectServices,
  ) {
    const { messenger } = editor;
    messenger.onRequest(GetInspectState, () => inspectState(services));
    messenger.onNotification(SetInspectOption, ({ inspectorVisible, endianness }) => {
      if (inspectorVisible !== undefined) services.setInspectorVisible(inspectorVisible);
      if (endianness !== undefined) void vscode.workspace.getConfiguration('hugeview').update('endianness', endianness, vscode.ConfigurationTarget.Global);
    });
    messenger.onRequest(CopyRange, ({ start, end, format }) => copyRange(editor.document, start, end, format));
  }

  sendState(state: InspectState): void {
    this.editor.messenger.notify(InspectStateChanged, state);
  }

  dispose(): void {}
}
