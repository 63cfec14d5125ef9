// Tags across a restart of VS Code: the sessions of indexCacheRestart.mjs (same server user data, same browser
// profile — the web workbench keeps extensions' global state in the browser's IndexedDB, as the desktop keeps it
// in its user data). Defined into indexCacheRestart.ts's two sessions.
//   first:  tags a file (a range and a bookmark) and waits until the workbench has written them to its storage
//   second: a fresh extension host and workbench read them back, and the viewer tints the tagged bytes
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { inWebviews, inWorkbench, marker, waitFor } from './probe';
import { Marker } from '../../webview/core/testMarkers';

const TAG = { start: 0x20, length: 12, name: 'restart header', color: 'purple', note: 'kept across a restart' };

/** Whether the workbench's global state database (IndexedDB) holds `text` in HugeView's entry. */
async function storedInBrowser(text: string): Promise<boolean> {
  return await inWorkbench(async (t) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('vscode-web-state-db-global'));
    for (const name of names) {
      const value = await new Promise<unknown>((resolve) => {
        const request = indexedDB.open(name);
        request.onerror = () => resolve(undefined);
        request.onsuccess = () => {
          const db = request.result;
          try {
            const get = db.transaction('ItemTable').objectStore('ItemTable').get('hugeview.hugeview');
            get.onsuccess = () => { db.close(); resolve(get.result); };
            get.onerror = () => { db.close(); resolve(undefined); };
          } catch {
            db.close();
            resolve(undefined);
          }
        };
      });
      if (typeof value === 'string' && value.includes(t)) return true;
    }
    return false;
  }, text);
}

type Define = { describe: Mocha.SuiteFunction; it: Mocha.TestFunction };

export function defineTagsRestart({ describe, it }: Define, phase: 'first' | 'second', dir: string, hugeViewApi: () => Thenable<HugeViewApi>): void {
  const file = path.join(dir, 'tagged.bin');
  const open = async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('the viewer painted', async () => (await marker(Marker.ready)) === '1');
  };
  describe(`HugeView tags across a restart of VS Code (${phase} session)`, () => {
    if (phase === 'first') {
      it('a tag and a bookmark added are written to the workbench\'s storage', async () => {
        const api = await hugeViewApi();
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) & 0xff)));
        await open();
        await vscode.commands.executeCommand('hugeview.addTag', TAG);
        await vscode.commands.executeCommand('hugeview.goToOffset', 0x100);
        await waitFor('the cursor at 0x100', () => api.activeCursor()?.offset === 0x100);
        assert.deepEqual(await vscode.commands.executeCommand('hugeview.toggleBookmark', 'restart mark'), { offset: 0x100, added: true });
        assert.equal(api.tags(file).length, 2);
        // The session must not end before the workbench has flushed global state to IndexedDB (it batches writes).
        await waitFor('the tags in the browser\'s global state', async () => (await storedInBrowser('restart header')) && storedInBrowser('restart mark'));
      });
    } else {
      it('the tag and the bookmark are back after the restart, and the viewer tints the tagged bytes', async () => {
        const api = await hugeViewApi();
        const tags = api.tags(file).map(({ start, length, name, color, note }) => ({ start, length, name, color, note }));
        assert.deepEqual(tags, [TAG, { start: 0x100, length: 0, name: 'restart mark', color: 'blue', note: '' }]);
        await open();
        if (api.activeMode() !== 'hex') await vscode.commands.executeCommand('hugeview.toggleMode');
        await waitFor('the hex view', async () => (await marker(Marker.mode)) === 'hex');
        const tinted = await waitFor('the tagged bytes tinted', async () => {
          const [offsets] = await inWebviews(() => [...document.querySelectorAll<HTMLElement>('.hex-view .row[data-offset]')].filter((r) => !r.hidden)
            .flatMap((row) => [...row.querySelectorAll<HTMLElement>('.hex .b')].map((cell, i) => (cell.classList.contains('t-purple') ? Number(row.dataset.offset) + i : -1)))
            .filter((o) => o >= 0));
          return offsets.length === TAG.length ? offsets : undefined;
        });
        assert.deepEqual(tinted, Array.from({ length: TAG.length }, (_, i) => TAG.start + i));
      });
    }
  });
}
