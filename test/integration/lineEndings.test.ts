// Line endings in a real VS Code: CR-only (classic Mac) and mixed CR/CRLF/LF
// files count, number and jump to lines as VS Code would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { tempDir } from '../helpers/files';
import { textRows as rows, waitFor } from './probe';

const { dir, cleanup } = tempDir('hugeview-eol-it-');
const LINES = 100_000;
let api: HugeViewApi;

suite('HugeView line endings', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  for (const [label, ends] of [['CR-only', ['\r']], ['mixed CR, CRLF and LF', ['\r', '\r\n', '\n']]] as const) {
    test(`a ${label} file has ${LINES.toLocaleString('en-US')} numbered lines and Go to Line lands on each`, async () => {
      const file = path.join(dir, `${label.replace(/\W+/g, '-')}.txt`);
      const parts: string[] = [];
      for (let n = 1; n <= LINES; n++) parts.push(`L${n} ${'.'.repeat(n % 40)}${ends[n % ends.length]}`);
      fs.writeFileSync(file, parts.join(''));
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
      await waitFor('the index', () => api.indexState(file)?.done);
      // The last line ends with a break too, so the count is the line count.
      assert.equal(api.indexState(file)!.newlines, LINES);
      for (const n of [1, 2, 3, 65_536, 65_537, LINES]) {
        assert.equal(await vscode.commands.executeCommand('hugeview.goToLine', String(n)), true, `go to ${n}`);
        const row = await waitFor(`line ${n}`, async () => (await rows()).find((r) => r.gutter === String(n)));
        assert.match(row.text, new RegExp(`^L${n} \\.*$`), `row for line ${n}: one line, no visible CR`);
      }
    });
  }
});
