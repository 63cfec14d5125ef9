import * as vscode from 'vscode';
import { log } from '../log';
import { HugeViewDocument } from '../core/HugeViewDocument';
import type { LineIndexCache } from '../core/LineIndexCache';
import { lineIndexCacheIn } from '../core/LineIndexPersistence';
import { VIEW_TYPE, type Editors } from '../core/Editors';
import { ViewerPanel } from './ViewerPanel';

export { VIEW_TYPE };

/** The read-only custom editor: one document per file, any number of panels on it, each added to `editors`. */
export class HugeViewProvider implements vscode.CustomReadonlyEditorProvider<HugeViewDocument> {
  static register(context: vscode.ExtensionContext, editors: Editors): HugeViewProvider {
    const provider = new HugeViewProvider(context.extensionUri, editors, lineIndexCacheIn(context));
    context.subscriptions.push(
      vscode.window.registerCustomEditorProvider(VIEW_TYPE, provider, {
        supportsMultipleEditorsPerDocument: true,
        webviewOptions: { retainContextWhenHidden: false },
      }),
    );
    return provider;
  }

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly editors: Editors,
    private readonly indexCache: LineIndexCache,
  ) {}

  openCustomDocument(uri: vscode.Uri): HugeViewDocument {
    try {
      return HugeViewDocument.open(uri, this.indexCache);
    } catch (error) {
      const message = (error as Error).message;
      log().error(`cannot open ${uri.toString()}: ${message}`);
      void vscode.window.showErrorMessage(`HugeView cannot open ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}: ${message}`);
      throw error;
    }
  }

  resolveCustomEditor(document: HugeViewDocument, panel: vscode.WebviewPanel): void {
    const viewer = new ViewerPanel(document, panel, this.extensionUri);
    this.editors.add(viewer);
    const track = () => {
      if (panel.active) this.editors.setActive(viewer);
      else if (this.editors.active === viewer) this.editors.setActive(undefined);
    };
    const subscription = panel.onDidChangeViewState(track);
    panel.onDidDispose(() => {
      subscription.dispose();
      this.editors.remove(viewer);
      viewer.dispose();
    });
    track();
  }
}
