// Which backend serves the bytes, in a real VS Code: per-file pread fallback
// where a filesystem refuses mmap, and block devices (disk images).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loopDevice, sparseFile, tempDir } from '../helpers/files';
import { expectedBackend } from '../helpers/backend';
import type { HugeViewApi } from '../../src/testApi';
import { inWebviews, waitFor } from './probe';
import { Marker } from '../../webview/core/testMarkers';

const VIEW_TYPE = 'hugeview.viewer';
let api: HugeViewApi;
const { dir, cleanup } = tempDir('hugeview-backends-it-');

/** The focused webview's mode, readiness and row texts (text and hex columns). */
async function focused() {
  const [first] = await inWebviews((m) => ({
    mode: document.body.dataset[m.mode],
    ready: document.body.dataset[m.ready],
    rows: [...document.querySelectorAll<HTMLElement>('[data-offset]')].map((row) => ({
      offset: Number(row.dataset.offset),
      text: row.querySelector('.text')?.textContent ?? '',
      ascii: row.querySelector('.ascii')?.textContent ?? '',
    })),
  }), Marker);
  return first;
}

suite('HugeView backends', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview');
    assert.ok(extension, 'the HugeView extension is installed');
    api = await extension.activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(cleanup);

  test('a sysfs file that refuses mmap opens through pread and shows its text', async () => {
    const file = '/sys/kernel/mm/transparent_hugepage/enabled';
    assert.ok(fs.existsSync(file), `${file} is missing: this test needs a Linux sysfs mounted at /sys`);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), VIEW_TYPE);
    await waitFor('the sysfs file painted', async () => (await focused())?.ready === '1');
    assert.deepEqual(api.documents().map((d) => [d.path, d.backend]), [[file, 'pread']]);
    const expected = fs.readFileSync(file, 'utf8').split('\n')[0];
    await waitFor(`the text "${expected}"`, async () => (await focused()).rows.some((r) => (r.text || r.ascii).includes(expected.slice(0, 12))));
  });

  test('a block device (a loop device over a disk image) opens read-only with the device size and its bytes', async () => {
    const image = path.join(dir, 'disk.img');
    const SIZE = 8 * 1024 * 1024;
    sparseFile(image, SIZE, { 0: 'DISKHEAD', [SIZE - 8]: 'DISKTAIL' });
    const { device, detach } = loopDevice(image);
    try {
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(device), VIEW_TYPE);
      await waitFor('the device painted', async () => (await focused())?.ready === '1');
      assert.deepEqual(api.documents().map((d) => [d.path, d.size, d.backend]), [[device, SIZE, expectedBackend()]]);
      await waitFor('DISKHEAD in the first row', async () => (await focused()).rows.some((r) => r.offset === 0 && r.ascii.startsWith('DISKHEAD')));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      detach();
    }
  });
});
