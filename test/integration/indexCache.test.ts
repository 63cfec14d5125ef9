// The line index cache in a real VS Code: reopening a file (a new document) takes its line index from the
// cache in global storage, an appended file counts only the new bytes, and truncation, an in-place rewrite,
// another file at the path and a corrupt entry all count from byte 0 with the right result. The restart of
// the extension host itself is covered by test/restart (a second VS Code session on the same user data).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { tempDir } from '../helpers/files';
import { hugeViewApi, logText, newlinesIn, openCounted, waitForStatusLine, waitStored } from './indexCacheFiles';
import { waitFor } from './probe';

const { dir, cleanup } = tempDir('hugeview-index-cache-it-');
let api: HugeViewApi;

const open = (file: string) => openCounted(api, file);

/** Closes every editor (the document goes, and stores its index) and waits until the cache holds all of `file`. */
async function closeAndWaitStored(file: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitStored(api, file);
}

async function cacheFolder(): Promise<string> {
  return (await api.indexCache()).folder;
}

suite('HugeView line index cache', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    api = await hugeViewApi();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('hugeview').update('indexCache.maxMegabytes', undefined, vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(cleanup);

  test('reopening an unchanged file restores its line index from the cache: nothing scanned, "Ln 1 of N" at once', async () => {
    const file = path.join(dir, 'unchanged.log');
    fs.writeFileSync(file, logText(150_000));
    const first = await open(file);
    assert.equal(first.restored, null, 'a file never seen is counted');
    assert.equal(first.scannedBytes, fs.statSync(file).size);
    await closeAndWaitStored(file);
    const again = await open(file);
    assert.deepEqual(
      { restored: again.restored, scannedBytes: again.scannedBytes, scansFromZero: again.scansFromZero, newlines: again.newlines, checkpoints: again.checkpoints },
      { restored: 'unchanged', scannedBytes: 0, scansFromZero: 0, newlines: newlinesIn(file), checkpoints: first.checkpoints },
    );
    await waitForStatusLine('Ln 1 of 150,000');
  });

  test('an appended file resumes from the cached end: only the appended bytes are scanned, and the count is right', async () => {
    const file = path.join(dir, 'appended.log');
    fs.writeFileSync(file, logText(150_000));
    await open(file);
    await closeAndWaitStored(file);
    const oldSize = fs.statSync(file).size;
    const appended = logText(2_000, 150_001);
    fs.appendFileSync(file, appended);
    const state = await open(file);
    assert.deepEqual(
      { restored: state.restored, restoredTo: state.restoredTo, scannedBytes: state.scannedBytes, scansFromZero: state.scansFromZero, newlines: state.newlines },
      { restored: 'appended', restoredTo: oldSize, scannedBytes: Buffer.byteLength(appended), scansFromZero: 0, newlines: newlinesIn(file) },
    );
    // The next reopen is an unchanged file again (the grown index was stored when it closed).
    await closeAndWaitStored(file);
    assert.equal((await open(file)).restored, 'unchanged');
  });

  test('a truncated file is counted from byte 0, not from the cache', async () => {
    const file = path.join(dir, 'truncated.log');
    fs.writeFileSync(file, logText(150_000));
    await open(file);
    await closeAndWaitStored(file);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size * 0.6) + 7); // mid-line
    const state = await open(file);
    assert.deepEqual(
      { restored: state.restored, scannedBytes: state.scannedBytes, newlines: state.newlines },
      { restored: null, scannedBytes: fs.statSync(file).size, newlines: newlinesIn(file) },
    );
  });

  test('an in-place rewrite of the same size is counted from byte 0, also with the mtime put back', async () => {
    const file = path.join(dir, 'rewritten.log');
    const original = logText(150_000);
    fs.writeFileSync(file, original);
    await open(file);
    await closeAndWaitStored(file);
    // Same size, other lines: every tenth newline becomes a space (fewer lines), written in place.
    const before = fs.statSync(file, { bigint: true });
    const bytes = Buffer.from(original);
    let seen = 0;
    for (let i = 0; i < bytes.length - 1; i++) if (bytes[i] === 10 && ++seen % 10 === 0) bytes[i] = 0x20;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, bytes, 0, bytes.length, 0);
    fs.closeSync(fd);
    let state = await open(file);
    assert.deepEqual(
      { restored: state.restored, scannedBytes: state.scannedBytes, newlines: state.newlines },
      { restored: null, scannedBytes: bytes.length, newlines: newlinesIn(file) },
    );
    // Once more with the old mtime put back (touch -d, to the nanosecond): only the bytes tell.
    await closeAndWaitStored(file);
    fs.writeFileSync(file, original);
    await open(file);
    await closeAndWaitStored(file);
    const stored = fs.statSync(file, { bigint: true });
    const newlines = Buffer.from('\n'.repeat(9)); // nine more lines, 200 bytes before the end
    const fd2 = fs.openSync(file, 'r+');
    fs.writeSync(fd2, newlines, 0, newlines.length, Number(stored.size) - 200);
    fs.closeSync(fd2);
    execFileSync('touch', ['-m', '-d', `@${stored.mtimeNs / 1_000_000_000n}.${String(stored.mtimeNs % 1_000_000_000n).padStart(9, '0')}`, file]);
    const after = fs.statSync(file, { bigint: true });
    assert.deepEqual([after.size, after.mtimeNs, after.ino], [stored.size, stored.mtimeNs, before.ino], 'same size, mtime and inode');
    state = await open(file);
    assert.deepEqual(
      { restored: state.restored, scannedBytes: state.scannedBytes, newlines: state.newlines },
      { restored: null, scannedBytes: Number(stored.size), newlines: newlinesIn(file) },
    );
  });

  test('another file renamed over the path is counted from byte 0', async () => {
    const file = path.join(dir, 'replaced.log');
    fs.writeFileSync(file, logText(150_000));
    await open(file);
    await closeAndWaitStored(file);
    const other = path.join(dir, 'replaced.log.new');
    fs.writeFileSync(other, logText(150_000, 1, 'WARN') + logText(10, 1));
    fs.renameSync(other, file);
    const state = await open(file);
    assert.deepEqual({ restored: state.restored, newlines: state.newlines }, { restored: null, newlines: newlinesIn(file) });
  });

  test('under a tiny bound the least recently used index is evicted', async () => {
    assert.equal(typeof (await vscode.commands.executeCommand('hugeview.clearIndexCache')), 'number');
    const folder = await cacheFolder();
    assert.deepEqual(fs.existsSync(folder) ? fs.readdirSync(folder) : [], [], 'Clear emptied the folder');
    const [a, b, c] = ['a', 'b', 'c'].map((name) => path.join(dir, `lru-${name}.log`));
    for (const file of [a, b, c]) fs.writeFileSync(file, logText(150_000));
    await open(a);
    await closeAndWaitStored(a);
    const entrySize = fs.statSync(path.join(folder, fs.readdirSync(folder)[0])).size;
    // Room for two entries, not three.
    await vscode.workspace.getConfiguration('hugeview').update('indexCache.maxMegabytes', (2.5 * entrySize) / (1024 * 1024), vscode.ConfigurationTarget.Global);
    await waitFor('the bound to apply', async () => Math.abs((await api.indexCache()).maxBytes - 2.5 * entrySize) < 1);
    await open(b);
    await closeAndWaitStored(b);
    // a is used again (restored), so b is now the least recently used.
    assert.equal((await open(a)).restored, 'unchanged');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await open(c);
    await closeAndWaitStored(c);
    await waitFor('two entries left', () => fs.readdirSync(folder).length === 2);
    const held = async (file: string) => (await api.indexCache(file)).entry !== undefined;
    assert.deepEqual([await held(a), await held(b), await held(c)], [true, false, true]);
    assert.equal((await open(b)).restored, null, 'the evicted one is counted again');
  });

  test('a corrupt cache entry is ignored (a full count, the right result) and replaced by a good one', async () => {
    await vscode.commands.executeCommand('hugeview.clearIndexCache');
    const folder = await cacheFolder();
    const file = path.join(dir, 'corrupt.log');
    fs.writeFileSync(file, logText(150_000));
    await open(file);
    await closeAndWaitStored(file);
    const [entry] = fs.readdirSync(folder);
    const bytes = fs.readFileSync(path.join(folder, entry));
    bytes[bytes.length - 5] ^= 0xff; // a checkpoint
    fs.writeFileSync(path.join(folder, entry), bytes);
    const state = await open(file);
    assert.deepEqual(
      { restored: state.restored, scannedBytes: state.scannedBytes, newlines: state.newlines },
      { restored: null, scannedBytes: fs.statSync(file).size, newlines: newlinesIn(file) },
    );
    await closeAndWaitStored(file);
    fs.writeFileSync(path.join(folder, fs.readdirSync(folder)[0]), 'not an index at all');
    assert.equal((await open(file)).restored, null, 'garbage is ignored too');
    await closeAndWaitStored(file);
    assert.equal((await open(file)).restored, 'unchanged', 'and replaced by a good entry');
  });

  test('with the cache off (maxMegabytes 0) nothing is stored or restored', async () => {
    await vscode.commands.executeCommand('hugeview.clearIndexCache');
    await vscode.workspace.getConfiguration('hugeview').update('indexCache.maxMegabytes', 0, vscode.ConfigurationTarget.Global);
    await waitFor('the cache to be off', async () => (await api.indexCache()).maxBytes === 0);
    const file = path.join(dir, 'off.log');
    fs.writeFileSync(file, logText(1000));
    await open(file);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal((await open(file)).restored, null);
    const folder = await cacheFolder();
    assert.deepEqual(fs.existsSync(folder) ? fs.readdirSync(folder) : [], []);
  });
});
