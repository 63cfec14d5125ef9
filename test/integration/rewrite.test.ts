// A file rewritten, appended to or replaced while HugeView shows it, in a real VS Code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { tempDir } from '../helpers/files';
import { inWebviews, waitFor } from './probe';

const { dir, cleanup } = tempDir('hugeview-rewrite-it-');
let api: HugeViewApi;

/** The focused webview's text rows (gutter and text) and its notice line, as a person sees them. */
async function view(): Promise<{ rows: Array<{ offset: number; gutter: string; text: string }>; notice: string }> {
  const [first] = await inWebviews(() => {
    const notice = document.querySelector<HTMLElement>('.notice');
    return {
      rows: [...document.querySelectorAll<HTMLElement>('.text-view .row[data-offset]')].filter((r) => !r.hidden).map((r) => ({
        offset: Number(r.dataset.offset),
        gutter: (r.querySelector('.gutter')?.textContent ?? '').trim(),
        text: r.querySelector('.text')?.textContent ?? '',
      })),
      notice: notice && !notice.hidden ? notice.textContent ?? '' : '',
    };
  });
  return first ?? { rows: [], notice: '' };
}

/** Writes `content` with an mtime a minute ago, so any later write has another mtime whatever the clock's granularity. */
function writeOld(file: string, content: string): void {
  fs.writeFileSync(file, content);
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(file, past, past);
}

const doc = (file: string) => api.documents().find((d) => d.path === file);

suite('HugeView rewrites and rotation', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  test('O_TRUNC and a slightly longer rewrite: the right line count and the new bytes on screen', async () => {
    const file = path.join(dir, 'trunc.log');
    const old = Array.from({ length: 50_000 }, (_, i) => `old ${i}`).join('\n') + '\n';
    writeOld(file, old);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('the old index', () => api.indexState(file)?.done && api.indexState(file)!.newlines === 50_000);
    await waitFor('old rows', async () => (await view()).rows.some((r) => r.text.startsWith('old 0')));
    // 20 long lines, a little longer than the old file in all: one open(O_TRUNC) and one write.
    const lineLength = Math.ceil((old.length + 100) / 20);
    const fresh = Array.from({ length: 20 }, (_, i) => `new ${i} `.padEnd(lineLength - 1, 'n')).join('\n') + '\n';
    assert.ok(fresh.length > old.length);
    fs.writeFileSync(file, fresh);
    await waitFor('the new size', () => doc(file)?.size === fresh.length, 15_000);
    const shown = await waitFor('the new bytes on screen', async () => {
      const v = await view();
      return v.rows[0]?.text.startsWith('new 0 ') && v.notice.includes('rewritten') ? v : undefined;
    });
    assert.ok(!shown.rows.some((r) => r.text.startsWith('old')), 'no old row left on screen');
    await waitFor('the new index', () => api.indexState(file)?.done);
    assert.equal(api.indexState(file)!.newlines, 20, 'lines of the new content, not the old count extended');
    await waitFor('line numbers of the new content', async () => (await view()).rows[0]?.gutter === '1');
  });

  test('a same-size rewrite with a new mtime shows the new bytes and runs Find again', async () => {
    const file = path.join(dir, 'same-size.log');
    const lines = (word: string) => Array.from({ length: 3000 }, (_, i) => `${word} ${String(i).padStart(5, '0')}`).join('\n') + '\n';
    writeOld(file, lines('AAAA'));
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('old rows', async () => (await view()).rows.some((r) => r.text.startsWith('AAAA 00000')));
    const size = doc(file)!.size;
    const found = (await vscode.commands.executeCommand('hugeview.find', { pattern: 'AAAA' })) as { count: number } | undefined;
    assert.equal(found?.count, 3000);
    const searchesBefore = api.searches(file).length;
    fs.writeFileSync(file, lines('BBBB'));
    assert.equal(fs.statSync(file).size, size);
    const shown = await waitFor('the new bytes on screen', async () => {
      const v = await view();
      return v.rows.some((r) => r.text.startsWith('BBBB 00000')) ? v : undefined;
    }, 15_000);
    assert.ok(!shown.rows.some((r) => r.text.startsWith('AAAA')), 'no old row left on screen');
    assert.match(shown.notice, /rewritten on disk — reloaded/);
    assert.equal(doc(file)!.reloads, 1);
    // The matches were of the old bytes: Find searches again and finds none of them now.
    const again = await waitFor('the search run again', () => api.searches(file).slice(searchesBefore).find((x) => !x.cancelled));
    assert.deepEqual([again.query, again.count], ['AAAA', 0]);
  });

  test('an append in follow mode keeps the line index and resumes it', async () => {
    const file = path.join(dir, 'append.log');
    writeOld(file, Array.from({ length: 20 }, (_, i) => `first ${i}`).join('\n') + '\n');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('the index', () => api.indexState(file)?.done && api.indexState(file)!.newlines === 20);
    assert.equal(await vscode.commands.executeCommand('hugeview.follow', true), true);
    fs.appendFileSync(file, Array.from({ length: 5 }, (_, i) => `appended ${i}`).join('\n') + '\n');
    await waitFor('the appended rows', async () => (await view()).rows.some((r) => r.text.startsWith('appended 4')));
    await waitFor('the index extended', () => api.indexState(file)?.done && api.indexState(file)!.newlines === 25);
    assert.equal(api.indexState(file)!.scansFromZero, 1, 'the index resumed where it was, it did not start over');
    assert.equal(doc(file)!.reloads, 0, 'an append is not a rewrite');
    assert.equal((await view()).notice, '', 'no rewrite notice for an append');
  });

  test('follow mode follows a rotation by rename into the new file (tail -F)', async () => {
    const file = path.join(dir, 'rotating.log');
    writeOld(file, Array.from({ length: 100 }, (_, i) => `before rotation ${i}`).join('\n') + '\n');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('the editor', async () => (await view()).rows.length > 0);
    assert.equal(await vscode.commands.executeCommand('hugeview.follow', true), true);
    await waitFor('at the end', async () => (await view()).rows.some((r) => r.text.startsWith('before rotation 99')));
    fs.renameSync(file, file + '.1');
    fs.writeFileSync(file, 'the new file starts\n');
    fs.appendFileSync(file, 'appended to the new file\n');
    const shown = await waitFor('the new file on screen', async () => {
      const v = await view();
      return v.rows.some((r) => r.text.startsWith('appended to the new file')) ? v : undefined;
    }, 15_000);
    assert.ok(!shown.rows.some((r) => r.text.startsWith('before rotation')), 'the old file is gone from the screen');
    assert.match(shown.notice, /replaced by a new file/);
    assert.equal(doc(file)!.size, fs.statSync(file).size);
    fs.appendFileSync(file, 'and still followed\n');
    await waitFor('later appends', async () => (await view()).rows.some((r) => r.text.startsWith('and still followed')));
  });

  test('without follow mode a rotation keeps showing the old file and offers the new one; follow mode then switches', async () => {
    const file = path.join(dir, 'kept.log');
    writeOld(file, 'the old file\n');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('the old file', async () => (await view()).rows.some((r) => r.text.startsWith('the old file')));
    fs.renameSync(file, file + '.1');
    fs.writeFileSync(file, 'a new file with other bytes\n');
    await waitFor('the offer to open the new file', () => doc(file)?.replacementOffered, 15_000);
    assert.equal(doc(file)!.reloads, 0, 'not switched without follow mode');
    assert.ok((await view()).rows.some((r) => r.text.startsWith('the old file')), 'the old file still on screen');
    // The old file's writer adds a line; a change at the path makes the document look (it sees the old file grow).
    fs.appendFileSync(file + '.1', 'a late line in the old file\n');
    const oldSize = fs.statSync(file + '.1').size;
    fs.appendFileSync(file, 'more in the new file\n');
    await waitFor('the old file grew in view', () => doc(file)?.size === oldSize, 15_000);
    assert.equal(doc(file)!.reloads, 0);
    // Follow mode on: the view moves to the new file, which it still knows is another one.
    assert.equal(await vscode.commands.executeCommand('hugeview.follow', true), true);
    await waitFor('the new file on screen', async () => (await view()).rows.some((r) => r.text.startsWith('more in the new file')), 15_000);
  });
});
