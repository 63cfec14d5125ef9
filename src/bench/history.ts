import type * as vscode from 'vscode';
import type { BenchReport } from '../../shared/benchReport';

const KEY = 'hugeview.benchmarkHistory';
const KEEP = 5;

/** Earlier benchmark reports per file, newest first, kept in workspace state. */
export class BenchHistory {
  constructor(private readonly state: vscode.Memento) {}

  get(file: string): BenchReport[] {
    return this.all()[file] ?? [];
  }

  async add(report: BenchReport): Promise<BenchReport[]> {
    const all = this.all();
    const list = [report, ...(all[report.file.path] ?? [])].slice(0, KEEP);
    all[report.file.path] = list;
    await this.state.update(KEY, all);
    return list;
  }

  async clear(file: string): Promise<void> {
    const all = this.all();
    delete all[file];
    await this.state.update(KEY, all);
  }

  private all(): Record<string, BenchReport[]> {
    return { ...this.state.get<Record<string, BenchReport[]>>(KEY, {}) };
  }
}
