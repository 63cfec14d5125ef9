import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { BenchReport } from '../../shared/benchReport';
import { Messenger } from '../../shared/rpc';
import { ClearHistory, ExportReport, ReportReady, ShowReports, type ExportFormat } from '../../shared/protocol/bench';
import { log } from '../log';
import { PanelChannel } from '../core/PanelChannel';
import type { BenchHistory } from './history';
import { conclusion, toCsv, toMarkdown } from './report';

/** The benchmark report: one panel (BenchmarkCommand keeps it), showing the newest run beside earlier ones on the same file. */
export class ReportPanel {
  private readonly messenger: Messenger;
  private reports: BenchReport[] = [];
  private running: string | undefined;
  private ready = false;

  private readonly panel: vscode.WebviewPanel;

  constructor(extensionUri: vscode.Uri, private readonly history: BenchHistory, onClosed: () => void) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel('hugeview.benchmarkReport', 'HugeView Benchmark', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [dist],
      retainContextWhenHidden: true,
    });
    const webview = this.panel.webview;
    const nonce = crypto.randomBytes(16).toString('base64');
    webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src ${webview.cspSource}; img-src ${webview.cspSource} data:;">
<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(dist, 'report.css'))}"><title>HugeView Benchmark</title></head>
<body><div id="report"></div><script nonce="${nonce}" src="${webview.asWebviewUri(vscode.Uri.joinPath(dist, 'report.js'))}"></script></body></html>`;
    this.messenger = new Messenger(new PanelChannel(webview), { onInvalid: (why) => log().warn(`benchmark report panel: ${why}`) });
    this.messenger.onNotification(ReportReady, () => {
      this.ready = true;
      this.send();
    });
    this.messenger.onNotification(ExportReport, ({ index, format }) => void this.export(index, format));
    this.messenger.onNotification(ClearHistory, () => void this.clearHistory());
    this.panel.onDidDispose(() => {
      this.messenger.dispose();
      onClosed();
    });
  }

  /** Shows `reports` (newest first) and brings the panel forward without taking the focus. */
  show(reports: BenchReport[], running?: string): void {
    this.update(reports, running);
    this.panel.reveal(undefined, true);
  }

  update(reports: BenchReport[], running?: string): void {
    this.reports = reports;
    this.running = running;
    this.send();
  }

  /** Markdown of the newest report (the command's "Copy as Markdown"). */
  markdown(index = 0): string | undefined {
    const report = this.reports[index];
    return report && toMarkdown(report);
  }

  private send(): void {
    if (!this.ready) return;
    this.messenger.notify(ShowReports, { entries: this.reports.map((report) => ({ report, conclusion: conclusion(report) })), running: this.running });
  }

  private async export(index: number, format: ExportFormat): Promise<void> {
    const report = this.reports[index];
    if (!report) return;
    if (format === 'markdown') {
      await vscode.env.clipboard.writeText(toMarkdown(report));
      void vscode.window.showInformationMessage('HugeView: the benchmark report is on the clipboard as Markdown.');
      return;
    }
    const base = report.file.path.split(/[\\/]/).pop() ?? 'file';
    const stamp = report.startedAt.replace(/[:.]/g, '-');
    const target = await vscode.window.showSaveDialog({
      title: `Save benchmark as ${format.toUpperCase()}`,
      defaultUri: vscode.Uri.file(`${vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? require('node:os').homedir()}/hugeview-bench-${base}-${stamp}.${format}`),
      filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
    });
    if (!target) return;
    const text = format === 'json' ? JSON.stringify(report, null, 2) + '\n' : toCsv(report);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(`HugeView: saved ${target.fsPath}`);
  }

  private async clearHistory(): Promise<void> {
    const newest = this.reports[0];
    if (!newest) return;
    await this.history.clear(newest.file.path);
    await this.history.add(newest);
    this.update([newest], this.running);
  }
}
