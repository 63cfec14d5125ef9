// The webview's start in a real VS Code: the first rows come before the features
// (find, inspector, file map… are wired after the frame that paints them), and a
// host message sent meanwhile waits for its feature instead of being dropped.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { tempDir } from '../helpers/files';
import { inWebviews, waitFor } from './probe';
import { Marker } from '../../webview/core/testMarkers';

const { dir, cleanup } = tempDir('hugeview-startup-it-');
const log = path.join(dir, 'startup.log');
const errors = 40;

suite('HugeView start', function () {
  this.timeout(60_000);

  suiteSetup(() => {
    const lines: string[] = [];
    for (let n = 0; n < 4000; n++) lines.push(n % 100 === 0 ? `ERROR request ${n} failed` : `INFO request ${n} served`);
    fs.writeFileSync(log, lines.join('\n') + '\n');
  });

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  test('a find run the moment the editor opens reaches the widget, and the first rows were in the DOM before the features', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(log), 'hugeview.viewer');
    // No wait for the webview: the host's FindCommand goes out while the page may still be loading.
    // The command resolves when the widget's search finished: a FindCommand the webview dropped never starts one.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const dropped = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the find never started: the webview dropped the FindCommand that came before its features')), 20_000)));
    const find = vscode.commands.executeCommand('hugeview.find', { pattern: 'ERROR', mode: 'text', caseSensitive: true }) as Thenable<{ count: number }>;
    const summary = await Promise.race([find, dropped]).finally(() => clearTimeout(timer));
    assert.equal(summary.count, errors);
    const view = await waitFor('the widget showing the matches', async () => {
      const [v] = await inWebviews((m) => ({
        ready: document.body.dataset[m.ready],
        status: document.getElementById('find-status')?.textContent ?? '',
        firstPaintAt: Number(document.body.dataset[m.firstPaintAt]),
        featuresAt: performance.getEntriesByName('hugeview:features').map((e) => performance.timeOrigin + e.startTime)[0],
        rows: document.querySelectorAll('.row[data-offset]').length,
      }), Marker);
      return v?.ready === '1' && v.status.includes(`of ${errors}`) ? v : undefined;
    });
    assert.ok(view.rows > 0, 'rows on screen');
    assert.ok(view.featuresAt !== undefined && view.featuresAt >= view.firstPaintAt, `features wired at ${view.featuresAt}, first rows at ${view.firstPaintAt}`);
  });
});
