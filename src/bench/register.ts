import * as vscode from 'vscode';
import type { Backend } from '../../shared/types';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { BenchmarkCommand } from './BenchmarkCommand';
import { RoundTripSession } from './RoundTripSession';

/** What the benchmark offers the rest (the test API). */
export interface BenchFeature {
  readonly command: BenchmarkCommand;
  measureRoundTrip(editor: Editor, backend: Backend, pages: number): Promise<number[]>;
}

/** "Benchmark mmap vs pread on This File" and its cancel command; the page round trips through each editor. */
export function register(context: vscode.ExtensionContext, editors: Editors): BenchFeature {
  const sessions = new Map<Editor, RoundTripSession>();
  editors.registerSession((editor) => {
    const session = new RoundTripSession(editor);
    sessions.set(editor, session);
    return { dispose: () => (sessions.delete(editor), session.dispose()) };
  });
  const measureRoundTrip = (editor: Editor, backend: Backend, pages: number): Promise<number[]> => {
    const session = sessions.get(editor);
    return session ? session.measure(backend, pages) : Promise.reject(new Error(`the editor of ${editor.document.fileName} is closed`));
  };
  const command = new BenchmarkCommand(context, editors, measureRoundTrip);
  context.subscriptions.push(
    vscode.commands.registerCommand('hugeview.benchmark', (arg?: unknown) => command.execute(arg)),
    vscode.commands.registerCommand('hugeview.cancelBenchmark', () => command.cancel()),
    command,
  );
  return { command, measureRoundTrip };
}
