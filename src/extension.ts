import type * as vscode from 'vscode';
import { BenchmarkCommand } from './bench/BenchmarkCommand';
import { createApi, type HugeViewApi } from './testApi';
import { InspectCommands } from './inspect/commands';
import { ViewerCommands } from './viewer/commands';
import { HugeViewProvider } from './viewer/HugeViewProvider';
import { LargeFileRedirect } from './viewer/LargeFileRedirect';

export function activate(context: vscode.ExtensionContext): HugeViewApi {
  const provider = HugeViewProvider.register(context);
  ViewerCommands.register(context, provider);
  InspectCommands.register(context, provider);
  const redirect = LargeFileRedirect.register(context);
  const benchmark = BenchmarkCommand.register(context, provider);
  return createApi(provider, benchmark, redirect);
}

export function deactivate(): void {}
