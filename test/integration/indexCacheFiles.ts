// What the line index cache tests share: log files made here, their newline count (what `wc -l` says),
// opening a file and waiting for its line index, and the status bar's line item.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { inWorkbench, waitFor } from './probe';

/** `lines` log lines of varying length, numbered from `first`. */
export function logText(lines: number, first = 1, tag = 'INFO'): string {
  const parts: string[] = [];
  for (let n = first; n < first + lines; n++) parts.push(`2026-11-30T03:04:05.000Z ${tag} line ${n} ${'x'.repeat(n % 37)}\n`);
  return parts.join('');
}

/** Newlines in the file, counted here. */
export function newlinesIn(file: string): number {
  const bytes = fs.readFileSync(file);
  let count = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) count++;
  return count;
}

export function hugeViewApi(): Thenable<HugeViewApi> {
  return vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
}

/** Opens `file` in HugeView and resolves with its line index once the count is done. */
export async function openCounted(api: HugeViewApi, file: string) {
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
  return waitFor(`the line index of ${path.basename(file)}`, () => {
    const state = api.indexState(file);
    return state?.done ? state : undefined;
  }, 30_000);
}

/** Waits until the cache holds the whole of `file` (as it is now). */
export async function waitStored(api: HugeViewApi, file: string): Promise<void> {
  const size = fs.statSync(file).size;
  await waitFor(`the cache to hold ${path.basename(file)}`, async () => (await api.indexCache(file)).entry?.scannedTo === size);
}

/** The status bar's "Ln …" item as shown. */
export const statusLine = () =>
  inWorkbench(() => [...document.querySelectorAll<HTMLElement>('.statusbar-item')].map((item) => item.textContent?.trim() ?? '').find((t) => /^Ln /.test(t)));

/** Waits for the status bar to show `text` exactly; the error says what it showed. */
export async function waitForStatusLine(text: string): Promise<void> {
  await waitFor(`the status bar to show ${text}`, async () => (await statusLine()) === text || undefined).catch(async (error) => {
    throw new Error(`${(error as Error).message}; it shows ${JSON.stringify(await statusLine())}`);
  });
}
