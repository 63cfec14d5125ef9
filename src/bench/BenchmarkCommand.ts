import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BenchReport, RoundTripResult } from '../../shared/benchReport';
import { BACKENDS, isBenchMode, type Backend, type BenchMode } from '../../shared/types';
import { log } from '../log';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { BenchHistory } from './history';
import { ReportPanel } from './ReportPanel';
import { percentile } from './stats';
import { startWorkerRun, type WorkerRun } from './workerRun';

export interface BenchmarkArgs {
  uri?: vscode.Uri | string;
  mode?: BenchMode;
  /** What to do when a run is going: ask (default), or for scripts 'cancel' it or 'keep' it. */
  ifRunning?: 'ask' | 'cancel' | 'keep';
}

interface ActiveRun {
  file: string;
  worker: WorkerRun;
  cancelled: boolean;
}

/** "HugeView: Benchmark mmap vs pread on This File": the engine in a worker, progress with Cancel, the report panel. */
export class BenchmarkCommand {
  private active: ActiveRun | undefined;
  private readonly history: BenchHistory;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly editors: Editors,
    /** Times page round trips through an editor's webview (its RoundTripSession). */
    private readonly roundTrip: (editor: Editor, backend: Backend, pages: number) => Promise<number[]>,
  ) {
    this.history = new BenchHistory(context.workspaceState);
  }

  /** The report panel, opened on the first report and reused until closed. */
  private reportPanel: ReportPanel | undefined;

  private showReports(reports: BenchReport[]): void {
    const panel = (this.reportPanel ??= new ReportPanel(this.context.extensionUri, this.history, () => {
      if (this.reportPanel === panel) this.reportPanel = undefined;
    }));
    panel.show(reports);
  }

  /** Stops the run going on (the extension is deactivating). */
  dispose(): void {
    void this.active?.worker.cancel(0);
  }

  /** The worker thread of the run going on, if any (tests check it goes away). */
  get runningThreadId(): number | undefined {
    return this.active?.worker.threadId;
  }

  /** Cancels the run going on; resolves once its worker has stopped. */
  async cancel(): Promise<boolean> {
    const active = this.active;
    if (!active) return false;
    active.cancelled = true;
    await active.worker.cancel();
    return true;
  }

  async execute(arg?: unknown): Promise<BenchReport | undefined> {
    const args: BenchmarkArgs = arg instanceof vscode.Uri ? { uri: arg } : typeof arg === 'object' && arg !== null ? (arg as BenchmarkArgs) : {};
    const uri = await this.pickFile(args.uri);
    if (!uri) return undefined;
    if (uri.scheme !== 'file') {
      void vscode.window.showErrorMessage(`HugeView benchmarks files on disk; '${uri.scheme}:' is not supported.`);
      return undefined;
    }
    if (this.active && !(await this.replaceRunning(args.ifRunning ?? 'ask'))) return undefined;
    const mode = isBenchMode(args.mode) ? args.mode : vscode.workspace.getConfiguration('hugeview').get<BenchMode>('benchmark.mode', 'quick');
    return this.run(uri.fsPath, mode);
  }

  private async run(file: string, mode: BenchMode): Promise<BenchReport | undefined> {
    const name = path.basename(file);
    const started = Date.now();
    let report: BenchReport;
    const run: ActiveRun = { file, worker: undefined as unknown as WorkerRun, cancelled: false };
    try {
      report = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `HugeView: benchmarking ${name} (${mode})`, cancellable: true },
        async (progress, token) => {
          let reported = 0;
          run.worker = startWorkerRun(file, mode, (p) => {
            const percent = Math.floor((p.done / p.total) * 100);
            progress.report({ increment: percent - reported, message: `${percent}% — ${p.label}` });
            reported = percent;
          });
          this.active = run;
          void vscode.commands.executeCommand('setContext', 'hugeview.benchmarkRunning', true);
          token.onCancellationRequested(() => {
            run.cancelled = true;
            void run.worker.cancel();
          });
          const result = await run.worker.result;
          if (!result.partial && !run.cancelled) {
            progress.report({ message: 'page round trips through the viewer' });
            await this.measureRoundTrips(result, mode);
          }
          return result;
        },
      );
    } catch (error) {
      const message = (error as Error).message;
      if (run.cancelled) void vscode.window.showInformationMessage(`HugeView: the benchmark of ${name} was cancelled.`);
      else void vscode.window.showErrorMessage(`HugeView: the benchmark of ${name} failed: ${message}`);
      log().warn(`benchmark of ${file}: ${message}`);
      return undefined;
    } finally {
      if (this.active === run) {
        this.active = undefined;
        void vscode.commands.executeCommand('setContext', 'hugeview.benchmarkRunning', false);
      }
    }
    log().info(`benchmark of ${file} (${mode}) took ${Date.now() - started} ms${report.partial ? ' (partial)' : ''}`);
    if (run.cancelled) {
      void vscode.window.showInformationMessage(`HugeView: the benchmark of ${name} was cancelled after ${((Date.now() - started) / 1000).toFixed(1)} s; the partial report is shown.`);
      this.showReports([report, ...this.history.get(file)]);
      return report;
    }
    if (report.partial) {
      void vscode.window.showWarningMessage(`HugeView: the benchmark of ${name} ended early: ${report.error?.message ?? 'unknown error'}. The partial report is shown.`);
    }
    const reports = await this.history.add(report);
    this.showReports(reports);
    return report;
  }

  /** Page round trips through an open HugeView editor on the file, for each backend. */
  private async measureRoundTrips(report: BenchReport, mode: BenchMode): Promise<void> {
    const editor = this.editors.all.find((e) => e.document.uri.fsPath === report.file.path && e.visible);
    if (!editor) return;
    const results: RoundTripResult[] = [];
    for (const backend of BACKENDS) {
      try {
        const samples = Float64Array.from(await this.roundTrip(editor, backend, mode === 'full' ? 500 : 150)).sort();
        const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
        const round = (v: number) => Math.round(v * 1000) / 1000;
        results.push({ backend, pages: samples.length, pageBytes: 64 * 1024, p50Ms: round(percentile(samples, 50)), p99Ms: round(percentile(samples, 99)), meanMs: round(mean) });
      } catch (error) {
        log().warn(`round trip through ${backend}: ${(error as Error).message}`);
      }
    }
    report.roundTrip = results;
  }

  private async replaceRunning(policy: 'ask' | 'cancel' | 'keep'): Promise<boolean> {
    const active = this.active!;
    let cancel = policy === 'cancel';
    if (policy === 'ask') {
      const choice = await vscode.window.showWarningMessage(
        `A benchmark of ${path.basename(active.file)} is running. Cancel it and start this one?`,
        { modal: true },
        'Cancel It and Start',
      );
      cancel = choice === 'Cancel It and Start';
    }
    if (!cancel) return false;
    active.cancelled = true;
    await active.worker.cancel();
    return true;
  }

  private async pickFile(given: vscode.Uri | string | undefined): Promise<vscode.Uri | undefined> {
    if (given instanceof vscode.Uri) return given;
    if (typeof given === 'string') return vscode.Uri.file(given);
    const active = this.editors.active?.document.uri;
    if (active) return active;
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Benchmark' });
    return picked?.[0];
  }
}
