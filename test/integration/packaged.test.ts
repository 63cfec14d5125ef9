// What the suite runs against: the development folder, or the VSIX installed
// into the VS Code server (test/run-all.mjs passes HUGEVIEW_INSTALLED_EXTENSION
// and HUGEVIEW_EXPECTED_BACKEND; see test/harness/install-vsix.mjs).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { expectedBackend } from '../helpers/backend';
import { patternBytes, tempDir } from '../helpers/files';
import { waitFor } from './probe';

const { dir, cleanup } = tempDir('hugeview-packaged-it-');

suite('HugeView as packaged', function () {
  this.timeout(60_000);
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    cleanup();
  });

  test('the extension under test is the one installed from the VSIX (or the development folder without one)', () => {
    const extension = vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview');
    assert.ok(extension, 'HugeView is installed');
    const installed = process.env.HUGEVIEW_INSTALLED_EXTENSION;
    const expected = installed ?? path.resolve(__dirname, '..', '..', '..');
    assert.equal(fs.realpathSync(extension.extensionPath), fs.realpathSync(expected));
    if (installed) {
      assert.ok(!fs.existsSync(path.join(extension.extensionPath, 'src')), 'an installed VSIX carries no sources');
      assert.ok(!fs.existsSync(path.join(extension.extensionPath, 'build')), 'an installed VSIX carries no build/');
    }
  });

  test(`a file opens on the backend this package provides (${expectedBackend()})`, async () => {
    const api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
    const file = path.join(dir, 'packaged.bin');
    fs.writeFileSync(file, patternBytes(64 * 1024, 3));
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    const doc = await waitFor('the document', () => api.documents().find((d) => d.path === file));
    assert.equal(doc.backend, expectedBackend());
  });
});
