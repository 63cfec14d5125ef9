// HugeView in a real VS Code: the custom editor, its commands and what the webview shows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { expectedBackend } from '../helpers/backend';
import { GiB, patternBytes, sparseFile, tempDir } from '../helpers/files';
import { inWebviews, press, waitFor } from './probe';
import { Marker } from '../../webview/core/testMarkers';
import { CursorChanged, ReadPage } from '../../shared/protocol/editor';
import { CopyRange } from '../../shared/protocol/editor';

const VIEW_TYPE = 'hugeview.viewer';
let api: HugeViewApi;
const { dir, cleanup } = tempDir('hugeview-it-');
const oneMiB = path.join(dir, 'one-mib.bin');
const sixGiB = path.join(dir, 'sparse-6g.bin');
const hostile = path.join(dir, 'hostile.html');
const log = path.join(dir, 'app.log');
const SIX = 6 * GiB;

/** What the focused HugeView webview shows: mode, ready, top, cursor, and its rows. */
function snapshot() {
  return inWebviews((m) => {
    const rows = [...document.querySelectorAll<HTMLElement>('[data-offset]')].map((row) => ({
      offset: Number(row.dataset.offset),
      hex: row.querySelector('.hex')?.textContent ?? '',
      ascii: row.querySelector('.ascii')?.textContent ?? '',
      text: row.querySelector('.text')?.textContent ?? '',
    }));
    const body = document.body.dataset;
    return { mode: body[m.mode], ready: body[m.ready], top: Number(body[m.top]), cursor: Number(body[m.cursor]), rows, pwned: (window as unknown as { __pwned?: number }).__pwned };
  }, Marker);
}

async function focused() {
  const [first] = await snapshot();
  return first;
}

async function openInHugeView(file: string, column = vscode.ViewColumn.One): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), VIEW_TYPE, column);
  await waitFor(`${path.basename(file)} painted`, async () => (await focused())?.ready === '1');
}

/** Hex digits of the bytes, as the hex column shows them (spacing is layout, not text). */
function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('');
}

const digits = (hex: string) => hex.replace(/\s+/g, '');

function mapsOf(file: string): number {
  return fs.readFileSync('/proc/self/maps', 'utf8').split('\n').filter((line) => line.endsWith(file)).length;
}

suite('HugeView viewer', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    fs.writeFileSync(oneMiB, patternBytes(1024 * 1024, 42));
    sparseFile(sixGiB, SIX, { 0: 'HEAD', 0x100000000: 'MARK', [SIX - 4]: 'TAIL' });
    fs.writeFileSync(hostile, '<script>window.__pwned = 1</script>\n<img src=x onerror="window.__pwned = 2">\n');
    fs.writeFileSync(log, Array.from({ length: 2000 }, (_, i) => `line ${i} ok`).join('\n') + '\n');
    const extension = vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview');
    assert.ok(extension, 'the HugeView extension is installed');
    api = await extension.activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('hugeview').update('largeFileThresholdMB', undefined, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(cleanup);

  test('opens a 1 MiB file and shows its first bytes in the hex view', async () => {
    await openInHugeView(oneMiB);
    const view = await focused();
    assert.equal(view.mode, 'hex');
    const first = view.rows.find((row) => row.offset === 0);
    assert.ok(first, 'row 0 is painted');
    // The row holds as many bytes as fit the editor's width (bytesPerRow 'auto'): 4 to 32.
    const shown = digits(first.hex);
    assert.ok([8, 16, 32, 64].includes(shown.length), `row 0 shows ${shown.length / 2} bytes`);
    assert.equal(shown, hexOf(patternBytes(shown.length / 2, 42)));
    assert.deepEqual(api.documents().map((d) => [d.path, d.size, d.backend]), [[oneMiB, 1024 * 1024, expectedBackend()]]);
  });

  test('the first rows paint from the page inside the HTML: no ReadPage for them', async () => {
    await openInHugeView(oneMiB);
    const first = (await focused()).rows.find((row) => row.offset === 0);
    assert.ok(first, 'row 0 is painted');
    // The row holds as many bytes as fit the editor's width (bytesPerRow 'auto'): 4 to 32.
    const shown = digits(first.hex);
    assert.ok([8, 16, 32, 64].includes(shown.length), `row 0 shows ${shown.length / 2} bytes`);
    assert.equal(shown, hexOf(patternBytes(shown.length / 2, 42)));
    const [asked] = await inWebviews((m) => document.body.dataset[m.readPageOffsets] ?? '', Marker);
    assert.ok(!asked.split(',').includes('0'), `the webview asked the host for page 0 (ReadPage offsets: ${asked})`);
  });

  test('opens a sparse 6 GiB file, goes to offset 0x100000007 and shows the marker row', async () => {
    await openInHugeView(sixGiB);
    await vscode.commands.executeCommand('hugeview.goToOffset', '0x100000007');
    const row = await waitFor('row 0x100000000', async () => (await focused()).rows.find((r) => r.offset === 0x100000000 && digits(r.hex).startsWith('4D')));
    assert.match(digits(row.hex), /^4D41524B00/);
    assert.match(row.ascii, /^MARK/);
    await waitFor('cursor on 0x100000007', async () => api.activeCursor()?.offset === 0x100000007);
  });

  test('a jump paints from the pages that came with it: no ReadPage for the target page', async () => {
    await openInHugeView(sixGiB);
    await vscode.commands.executeCommand('hugeview.goToOffset', '0x100000007');
    await waitFor('row 0x100000000', async () => (await focused()).rows.find((r) => r.offset === 0x100000000 && digits(r.hex).startsWith('4D')));
    const [asked] = await inWebviews((m) => document.body.dataset[m.readPageOffsets] ?? '', Marker);
    const offsets = asked.split(',').filter(Boolean).map(Number);
    assert.ok(offsets.length < 64, `the marker keeps the first 64 reads only (${offsets.length})`);
    // 0x100000007 is 7 bytes into its page: that page and the one before travel with the GoTo.
    for (const carried of [0x100000000, 0x100000000 - 0x10000]) {
      assert.ok(!offsets.includes(carried), `the webview asked the host for page 0x${carried.toString(16)} (ReadPage offsets: ${asked})`);
    }
  });

  test('Ctrl+End scrolls to the end of a 6 GiB file and shows its last bytes', async () => {
    await openInHugeView(sixGiB);
    await press('Control+End');
    const last = await waitFor('last row', async () => (await focused()).rows.find((r) => r.offset + digits(r.hex).length / 2 === SIX && r.ascii.endsWith('TAIL')));
    assert.match(digits(last.hex), /5441494C$/);
  });

  test('toggles between text and hex, keeping the same byte in view', async () => {
    await openInHugeView(log);
    assert.equal((await focused()).mode, 'text');
    await vscode.commands.executeCommand('hugeview.goToOffset', '0x4000');
    await waitFor('cursor at 0x4000', () => api.activeCursor()?.offset === 0x4000);
    await vscode.commands.executeCommand('hugeview.toggleMode');
    const hex = await waitFor('hex mode', async () => {
      const view = await focused();
      return view.mode === 'hex' && view.rows.some((r) => r.offset <= 0x4000 && r.offset + 16 > 0x4000) ? view : undefined;
    });
    assert.equal(hex.mode, 'hex');
    await vscode.commands.executeCommand('hugeview.toggleMode');
    const text = await waitFor('text mode', async () => ((await focused()).mode === 'text' ? focused() : undefined));
    const content = fs.readFileSync(log, 'latin1');
    const lineAt = content.lastIndexOf('\n', 0x4000 - 1) + 1;
    assert.ok(text.rows.some((r) => r.offset === lineAt), `a row starts at the line holding 0x4000 (${lineAt})`);
  });

  test('two editors on one file share one mapping (none with pread); closing the last closes it', async () => {
    const mappings = expectedBackend() === 'mmap' ? 1 : 0;
    await openInHugeView(oneMiB, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(oneMiB), VIEW_TYPE, vscode.ViewColumn.Two);
    await waitFor('two editors', () => api.documents()[0]?.editors === 2);
    assert.equal(api.documents().length, 1);
    assert.equal(mapsOf(oneMiB), mappings, 'one mapping for two editors');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('one editor', () => api.documents()[0]?.editors === 1);
    assert.equal(mapsOf(oneMiB), mappings);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('mapping closed', () => mapsOf(oneMiB) === 0 && api.documents().length === 0);
  });

  test('a file of hostile HTML shows as text and runs nothing', async () => {
    await openInHugeView(hostile);
    const view = await focused();
    assert.equal(view.pwned, undefined, 'no script ran');
    assert.ok(view.rows.some((r) => r.text.includes('<script>window.__pwned = 1</script>')), 'the markup is shown as text');
    assert.ok(view.rows.some((r) => r.text.includes('<img src=x onerror=')));
    const elements = await inWebviews(() => document.querySelectorAll('#root img, #root script, #root [onerror]').length);
    assert.equal(elements[0], 0, 'no element was made from the file content');
  });

  test('malformed webview messages get error replies and the editor keeps working', async () => {
    await openInHugeView(oneMiB);
    const reply = (message: unknown) => api.inject(oneMiB, message) as Promise<{ replyTo?: number; error?: { code: string }; method?: string; result?: unknown }>;
    assert.equal((await reply({ id: 901, method: ReadPage.method, params: { offset: -1, length: 16 } }))?.error?.code, 'EINVAL');
    assert.equal((await reply({ id: 902, method: ReadPage.method, params: { offset: 0, length: 1e9 } }))?.error?.code, 'EINVAL');
    assert.equal((await reply({ id: 903, method: ReadPage.method, params: { offset: 5e6, length: 16 } }))?.error?.code, 'EINVAL');
    assert.equal((await reply({ id: 904, method: ReadPage.method, params: '0,16' }))?.error?.code, 'EINVAL');
    assert.equal((await reply({ id: 905, method: 'deleteFile', params: {} }))?.error?.code, 'EMETHOD');
    assert.equal((await reply({ id: 906, method: CopyRange.method, params: { start: 10, end: 5, format: 'hex' } }))?.error?.code, 'EINVAL');
    assert.equal((await reply('garbage'))?.method, 'protocolError');
    assert.equal((await reply({ method: CursorChanged.method, params: { offset: 'x' } }))?.method, 'protocolError');
    assert.equal((await reply({ id: 'x', method: ReadPage.method, params: { offset: 0, length: 1 } }))?.method, 'protocolError');
    const good = await reply({ id: 907, method: ReadPage.method, params: { offset: 16, length: 4 } });
    assert.deepEqual(Array.from(new Uint8Array((good.result as { data: ArrayBuffer }).data)), Array.from(patternBytes(20, 42).subarray(16)));
  });

  test('a file above the threshold opened as text lands in HugeView', async () => {
    const big = path.join(dir, 'big.log');
    fs.writeFileSync(big, 'a log line that repeats\n'.repeat(100_000)); // 2.4 MB
    await vscode.workspace.getConfiguration('hugeview').update('largeFileThresholdMB', 1, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(big));
    const tab = await waitFor('the tab to become HugeView', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === VIEW_TYPE),
    );
    assert.equal((tab.input as vscode.TabInputCustom).uri.fsPath, big);
    await waitFor('the text tab to close', () => !vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputText));
  });

  test('a small file opened as text stays in the text editor', async () => {
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(log));
    await new Promise((r) => setTimeout(r, 1000));
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === log));
    assert.ok(!tabs.some((t) => t.input instanceof vscode.TabInputCustom));
  });

  test('a file shrunk while open shows its new end', async () => {
    const shrinking = path.join(dir, 'shrinking.bin');
    fs.writeFileSync(shrinking, patternBytes(512 * 1024, 8));
    await openInHugeView(shrinking);
    await press('Control+End');
    await waitFor('the old end', async () => (await focused()).rows.some((r) => r.offset === 512 * 1024 - 16));
    fs.truncateSync(shrinking, 1000);
    await waitFor('the new size', () => api.documents()[0]?.size === 1000, 15_000);
    const view = await waitFor('the new end in view', async () => {
      const v = await focused();
      return v.rows.some((r) => r.offset === 992) && !v.rows.some((r) => r.offset >= 1000) ? v : undefined;
    });
    const last = view.rows.find((r) => r.offset === 992)!;
    assert.equal(digits(last.hex), hexOf(patternBytes(1000, 8).subarray(992)));
  });

  test('a hidden editor shown again reloads with fresh state and its cursor back', async () => {
    const file = path.join(dir, 'hidden.bin');
    fs.writeFileSync(file, patternBytes(100_000, 3));
    await openInHugeView(file);
    await vscode.commands.executeCommand('hugeview.goToOffset', '0x2000');
    await waitFor('cursor at 0x2000', () => api.activeCursor()?.offset === 0x2000);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(log)); // hides the HugeView webview
    await waitFor('hidden', async () => (await snapshot()).length === 0);
    fs.appendFileSync(file, patternBytes(50_000, 4));
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), VIEW_TYPE);
    const view = await waitFor('shown again at 0x2000', async () => {
      const v = await focused();
      return v?.ready === '1' && v.cursor === 0x2000 && v.rows.some((r) => r.offset === 0x2000) ? v : undefined;
    });
    assert.ok(view.rows.length > 0);
    await waitFor('the new size', () => api.documents().find((d) => d.path === file)?.size === 150_000);
  });

  test('a missing file gives a clear error and no editor state', async () => {
    const missing = path.join(dir, 'missing.bin');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(missing), VIEW_TYPE).then(undefined, () => undefined);
    assert.equal(api.documents().length, 0);
  });
});
