// Find in a real VS Code searches the text as the editor decodes it (UTF-16, Windows-1252), counts like rg
// whatever the cursor, and workers read the document's own file (rename-and-replace, FIFO at the path).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { tempDir } from '../helpers/files';
import { inWebviews, press, waitFor } from './probe';
import { Marker } from '../../webview/core/testMarkers';

const { dir, cleanup } = tempDir('hugeview-search-text-it-');
let api: HugeViewApi;

interface Summary {
  count: number;
  first: { offset: number; length: number } | null;
  error?: string;
}

function findState() {
  return inWebviews((m) => ({ state: document.body.dataset[m.findState], status: document.getElementById('find-status')?.textContent ?? '' }), Marker).then((all) => all[0]);
}

async function open(file: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
  await waitFor('the editor', async () => (await findState())?.state !== undefined);
  await waitFor('the panel', () => api.documents().some((d) => d.path === file));
}

function find(pattern: string, options: { mode?: 'text' | 'regex' | 'hex'; caseSensitive?: boolean; wholeWord?: boolean } = {}): Promise<Summary> {
  return vscode.commands.executeCommand('hugeview.find', { pattern, mode: options.mode ?? 'text', caseSensitive: options.caseSensitive ?? true, wholeWord: options.wholeWord ?? false }) as Promise<Summary>;
}

suite('HugeView Find: the text as the editor decodes it', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('a UTF-16 LE file with a BOM: "ERROR" finds the 2 on screen at their byte offsets; F3 goes to the second', async () => {
    const content = 'INFO boot\nERROR disk full\nerror: retry\nERROR gave up\n';
    const file = path.join(dir, 'utf16.log');
    fs.writeFileSync(file, Buffer.from('\ufeff' + content, 'utf16le'));
    const offsets = [2 + 2 * content.indexOf('ERROR'), 2 + 2 * content.lastIndexOf('ERROR')];
    await open(file);
    const exact = await find('ERROR');
    assert.equal(exact.count, 2);
    assert.equal(exact.first?.offset, offsets[0]);
    assert.equal(exact.first?.length, 10);
    await waitFor('"1 of 2"', async () => (await findState())?.status.startsWith('1 of 2'));
    await press('F3');
    await waitFor('the cursor on the second ERROR', () => api.activeCursor()?.offset === offsets[1]);
    assert.equal((await find('error', { caseSensitive: false })).count, 3);
    assert.equal((await find('ERROR', { wholeWord: true })).count, 2);
    const regex = await find('^error: \\w+', { mode: 'regex' });
    assert.equal(regex.count, 1);
    assert.equal(regex.first?.offset, 2 + 2 * content.indexOf('error: retry'));
    assert.equal(regex.first?.length, 2 * 'error: retry'.length);
  });

  test('a Windows-1252 file: "café" finds 1 at its offset, 2 case-insensitively, also by regex', async () => {
    const file = path.join(dir, 'menu.txt');
    const bytes = Buffer.concat([Buffer.from('menu: caf'), Buffer.from([0xe9]), Buffer.from(' 3 '), Buffer.from([0x80]), Buffer.from('\nCAF'), Buffer.from([0xc9]), Buffer.from(' 4\n')]);
    fs.writeFileSync(file, bytes);
    await open(file);
    assert.equal(await vscode.commands.executeCommand('hugeview.changeEncoding', 'windows-1252'), 'windows-1252');
    const exact = await find('café');
    assert.equal(exact.count, 1);
    assert.equal(exact.first?.offset, 6);
    assert.equal(exact.first?.length, 4);
    assert.equal((await find('café', { caseSensitive: false })).count, 2);
    assert.equal((await find('café', { caseSensitive: false, mode: 'regex' })).count, 2);
    const euro = await find('€');
    assert.equal(euro.first?.offset, 13);
  });
});

suite('HugeView Find and Checksum: counts and bytes of the file the editor shows', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup); // the last suite of this file

  /** Settles within `ms` or fails saying what hung (a worker blocked in open() never settles). */
  function bounded<T>(what: string, promise: Thenable<T>, ms = 15_000): Promise<T> {
    return Promise.race([
      Promise.resolve(promise),
      new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms)),
    ]);
  }

  test('"00 00" in five zero bytes counts 2, as rg does, from every cursor position', async () => {
    const file = path.join(dir, 'zeros.bin');
    fs.writeFileSync(file, Buffer.alloc(5));
    await open(file);
    for (let cursor = 0; cursor < 5; cursor++) {
      await vscode.commands.executeCommand('hugeview.goToOffset', cursor);
      await waitFor(`the cursor at ${cursor}`, () => api.activeCursor()?.offset === cursor && api.activeCursor()?.selectionStart === cursor);
      const summary = await find('00 00', { mode: 'hex' });
      assert.equal(summary.count, 2, `count from cursor ${cursor}`);
    }
  });

  test('after a rename-and-replace of the path, Checksum of Selection is of the bytes the editor shows', async () => {
    const file = path.join(dir, 'rotated.log');
    const original = Buffer.alloc(3 << 20, 'original line\n');
    fs.writeFileSync(file, original);
    await open(file);
    const replacement = path.join(dir, 'rotated.log.new');
    fs.writeFileSync(replacement, Buffer.alloc(3 << 20, 'a different line\n'));
    fs.renameSync(replacement, file);
    const result = (await bounded('the checksum', vscode.commands.executeCommand('hugeview.checksum'))) as { sha256: string; bytes: number; start: number; end: number };
    assert.deepEqual([result.start, result.end], [0, original.length]);
    assert.equal(result.sha256, crypto.createHash('sha256').update(original).digest('hex'));
    assert.equal(result.bytes, original.length);
  });

  test('a FIFO put at the path: regex Find and Checksum settle at once, with the bytes the editor shows', async () => {
    const file = path.join(dir, 'then-fifo.log');
    const original = Buffer.alloc(3 << 20, 'ERROR one\nINFO two\n');
    fs.writeFileSync(file, original);
    await open(file);
    fs.rmSync(file);
    execFileSync('mkfifo', [file]);
    try {
      // the checksum first: nothing is selected yet, so it is of the whole file (Find selects its match)
      const result = (await bounded('the checksum', vscode.commands.executeCommand('hugeview.checksum'))) as { sha256: string; start: number; end: number };
      assert.deepEqual([result.start, result.end], [0, original.length]);
      assert.equal(result.sha256, crypto.createHash('sha256').update(original).digest('hex'));
      const summary = await bounded('the regex search', find('^ERROR \\w+', { mode: 'regex' }));
      assert.equal(summary.error, undefined);
      assert.equal(summary.count, original.toString('latin1').match(/^ERROR \w+/gm)?.length);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
