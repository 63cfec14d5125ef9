// Search in a real VS Code: the find widget as a person sees it, navigation, cancel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { GiB, sparseFile, tempDir } from '../helpers/files';
import { inWebviews, press, waitFor } from './probe';
import { Marker } from '../../webview/core/testMarkers';

const { dir, cleanup } = tempDir('hugeview-search-it-');
const log = path.join(dir, 'search.log');
const sparse = path.join(dir, 'sparse.bin');
let api: HugeViewApi;
let expected = 0;

function widget() {
  return inWebviews((m) => ({
    state: document.body.dataset[m.findState],
    status: document.getElementById('find-status')?.textContent ?? '',
    input: (document.getElementById('find-input') as HTMLInputElement | null)?.value ?? '',
    cursor: Number(document.body.dataset[m.cursor]),
    highlighted: document.querySelectorAll('.match').length,
  }), Marker).then((all) => all[0]);
}

suite('HugeView search', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    const parts: string[] = [];
    for (let n = 0; n < 200_000; n++) {
      if (n % 97 === 0) {
        parts.push(`ERROR request ${n} failed: upstream timeout\n`);
        expected++;
      } else parts.push(`INFO request ${n} served in ${n % 250} ms\n`);
    }
    fs.writeFileSync(log, parts.join(''));
    // A byte every 512 KiB: holes too short to skip (native/holes.h), so a
    // search reads the whole 2 GiB and runs long enough to be overtaken.
    const bytes: Record<number, string> = { [1.5 * GiB]: 'FAR-AWAY' };
    for (let at = 0; at < 2 * GiB; at += 512 * 1024) bytes[at] ??= 'x';
    sparseFile(sparse, 2 * GiB, bytes);
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  test('hugeview.find counts every match and the widget shows "1 of N", then F3 moves to "2 of N"', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(log), 'hugeview.viewer');
    await waitFor('the editor', async () => (await widget())?.state !== undefined);
    const summary = (await vscode.commands.executeCommand('hugeview.find', { pattern: 'upstream timeout', mode: 'text', caseSensitive: true })) as { count: number };
    assert.equal(summary.count, expected);
    const total = expected.toLocaleString('en-US');
    const first = await waitFor('"1 of N"', async () => {
      const w = await widget();
      return w?.status.startsWith(`1 of ${total}`) ? w : undefined;
    });
    assert.equal(first.input, 'upstream timeout');
    // Highlights follow the status: the view asks for the matches on screen, then repaints.
    await waitFor('matches on screen highlighted', async () => ((await widget())?.highlighted ?? 0) > 0);
    await press('F3');
    await waitFor('"2 of N"', async () => (await widget())?.status.startsWith(`2 of ${total}`));
    await press('Shift+F3');
    await waitFor('back to "1 of N"', async () => (await widget())?.status.startsWith(`1 of ${total}`));
  });

  test('Escape closes the widget and clears highlights', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(log), 'hugeview.viewer');
    await waitFor('the editor', async () => (await widget())?.state !== undefined);
    await vscode.commands.executeCommand('hugeview.find', { pattern: 'ERROR', mode: 'text' });
    await waitFor('done', async () => (await widget())?.state === 'done');
    await press('Escape');
    const w = await waitFor('closed', async () => ((await widget())?.state === 'closed' ? widget() : undefined));
    assert.equal(w.highlighted, 0);
  });

  test('a new query during a search leaves only the new one running', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(sparse), 'hugeview.viewer');
    await waitFor('the editor', async () => (await widget())?.state !== undefined);
    void vscode.commands.executeCommand('hugeview.find', { pattern: 'never-in-this-file', mode: 'text' });
    await new Promise((r) => setTimeout(r, 300));
    const second = (await vscode.commands.executeCommand('hugeview.find', { pattern: 'FAR-AWAY', mode: 'text', caseSensitive: true })) as { count: number };
    assert.equal(second.count, 1);
    const log = api.searches(sparse);
    const firstRun = log.find((s) => s.query === 'never-in-this-file');
    assert.ok(firstRun?.cancelled, `the first search was cancelled: ${JSON.stringify(log)}`);
    assert.deepEqual(log.filter((s) => !s.cancelled).map((s) => s.query), ['FAR-AWAY']);
  });

  test('an invalid regex shows a clear message in the widget', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(log), 'hugeview.viewer');
    await waitFor('the editor', async () => (await widget())?.state !== undefined);
    void vscode.commands.executeCommand('hugeview.find', { pattern: 'a(b', mode: 'regex' });
    const w = await waitFor('error state', async () => ((await widget())?.state === 'error' ? widget() : undefined));
    const message = await inWebviews(() => document.getElementById('find-widget')?.textContent ?? '');
    assert.match(message[0], /Invalid regular expression/);
    assert.equal(w.state, 'error');
  });
});
