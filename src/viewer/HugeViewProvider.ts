import * as vscode from 'vscode';
import { log } from '../log';
import { EditorContext } from './EditorContext';
import { HugeViewDocument } from './HugeViewDocument';
import { StatusBar } from './StatusBar';
import { ViewerPanel } from './ViewerPanel';

export const VIEW_TYPE = 'hugeview.viewer';

/** The read-only custom editor: one document per file, any number of panels on it. */
export class HugeViewProvider implements vscode.CustomReadonlyEditorProvider<HugeViewDocument> {
  private readonly panels = new Set<ViewerPanel>();
  private active: ViewerPanel | undefined;
  private readonly statusBar = new StatusBar();
  private readonly editorContext = new EditorContext();

  static register(context: vscode.ExtensionContext): HugeViewProvider {
    const provider = new HugeViewProvider(context.extensionUri);
    context.subscriptions.push(
      vscode.window.registerCustomEditorProvider(VIEW_TYPE, provider, {
        supportsMultipleEditorsPerDocument: true,
        webviewOptions: { retainContextWhenHidden: false },
      }),
      provider.statusBar,
      provider.editorContext,
    );
    return provider;
  }

  private constructor(private readonly extensionUri: vscode.Uri) {}

  openCustomDocument(uri: vscode.Uri): HugeViewDocument {
    try {
      return HugeViewDocument.open(uri);
    } catch (error) {
      const message = (error as Error).message;
      log().error(`cannot open ${uri.toString()}: ${message}`);
      void vscode.window.showErrorMessage(`HugeView cannot open ${uri.scheme === 'file' ? uri.fsPath : uri.toString()}: ${message}`);
      throw error;
    }
  }

  resolveCustomEditor(document: HugeViewDocument, panel: vscode.WebviewPanel): void {
    const viewer = new ViewerPanel(document, panel, this.extensionUri);
    this.panels.add(viewer);
    const track = () => {
      if (panel.active) this.setActive(viewer);
      else if (this.active === viewer) this.setActive(undefined);
    };
    const subscription = panel.onDidChangeViewState(track);
    panel.onDidDispose(() => {
      subscription.dispose();
      this.panels.delete(viewer);
      if (this.active === viewer) this.setActive(undefined);
      viewer.dispose();
    });
    track();
  }

  /** The active HugeView editor, if any. */
  get activePanel(): ViewerPanel | undefined {
    return this.active;
  }

  /** Every open HugeView editor. */
  get allPanels(): ReadonlySet<ViewerPanel> {
    return this.panels;
  }

  private setActive(panel: ViewerPanel | undefined): void {
    this.active = panel;
    this.statusBar.show(panel);
    this.editorContext.show(panel);
  }
}
