import * as vscode from 'vscode';
import type { Messenger } from '../../shared/rpc';
import { BookmarksChanged, GetInspectState, InspectStateChanged, MAX_BOOKMARK_MARKS, SetInspectOption, type Bookmark, type InspectState } from '../../shared/protocol/inspect';
import type { HugeViewDocument } from '../viewer/HugeViewDocument';
import type { BookmarkStore } from './BookmarkStore';

/** What the sessions share: set once by InspectCommands.register (activate). */
export interface InspectServices {
  bookmarks: BookmarkStore;
  /** The inspector panel's shown/hidden state, the same in every editor. */
  inspectorVisible: boolean;
  setInspectorVisible(visible: boolean): void;
}

/** The inspector's settings as the webview needs them. */
export function inspectState(services: InspectServices | undefined): InspectState {
  const config = vscode.workspace.getConfiguration('hugeview');
  return {
    inspectorVisible: services?.inspectorVisible ?? false,
    hover: config.get<string>('inspector', 'panel') === 'hover',
    endianness: config.get<string>('endianness', 'little') === 'big' ? 'big' : 'little',
    colorize: config.get<boolean>('colorizeBytes', false) === true,
  };
}

/**
 * One editor's side of hex inspection: answers the webview's state request,
 * takes the panel's own option changes, sends bookmark lists and settings.
 * Created in ViewerPanel's constructor.
 */
export class InspectSession implements vscode.Disposable {
  static services: InspectServices | undefined;
  private static readonly sessions = new Set<InspectSession>();

  /** Sends the current settings to every editor (a setting or the inspector toggle changed). */
  static broadcastState(): void {
    const state = inspectState(InspectSession.services);
    for (const session of InspectSession.sessions) session.messenger.notify(InspectStateChanged, state);
  }

  /** Sends `path`'s bookmarks to its editors. */
  static broadcastBookmarks(path: string): void {
    for (const session of InspectSession.sessions) if (session.document.uri.fsPath === path) session.sendBookmarks();
  }

  constructor(
    private readonly messenger: Messenger,
    private readonly document: HugeViewDocument,
  ) {
    InspectSession.sessions.add(this);
    messenger.onRequest(GetInspectState, () => ({ ...inspectState(InspectSession.services), bookmarks: this.bookmarks() }));
    messenger.onNotification(SetInspectOption, ({ inspectorVisible, endianness }) => {
      if (inspectorVisible !== undefined) InspectSession.services?.setInspectorVisible(inspectorVisible);
      if (endianness !== undefined) void vscode.workspace.getConfiguration('hugeview').update('endianness', endianness, vscode.ConfigurationTarget.Global);
    });
  }

  dispose(): void {
    InspectSession.sessions.delete(this);
  }

  private bookmarks(): Bookmark[] {
    return InspectSession.services?.bookmarks.list(this.document.uri.fsPath).slice(0, MAX_BOOKMARK_MARKS) ?? [];
  }

  private sendBookmarks(): void {
    this.messenger.notify(BookmarksChanged, { bookmarks: this.bookmarks() });
  }
}
