// Tags in a real VS Code: Add Tag on a selection (keybinding and prompts), the
// tint on exactly the tagged bytes in the hex and text views, the scrollbar
// mark, the Tags view (listed, click goes there, rename/recolour/note/delete),
// and persistence: a store read afresh, reopening, export → clear → import,
// and imports of malformed files that change nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { tempDir } from '../helpers/files';
import { click, inWebviews, inWorkbench, keyboard, marker, quickInputReady, screenshot, waitFor } from './probe';
import { Marker } from '../../webview/core/testMarkers';

const { dir, cleanup } = tempDir('hugeview-tags-it-');
const file = path.join(dir, 'records.dat');
const SHOTS = process.env.HUGEVIEW_LOOK_SHOTS;
let api: HugeViewApi;
let data: Buffer;

async function open(mode: 'hex' | 'text'): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
  await waitFor('the viewer painted', async () => (await marker(Marker.ready)) === '1');
  if (api.activeMode() !== mode) await vscode.commands.executeCommand('hugeview.toggleMode');
  await waitFor(`the ${mode} view`, async () => (await marker(Marker.mode)) === mode);
}

async function moveCursor(offset: number): Promise<void> {
  await vscode.commands.executeCommand('hugeview.goToOffset', offset);
  await waitFor(`the cursor at ${offset}`, () => api.activeCursor()?.offset === offset && api.activeCursor()?.selectionEnd === api.activeCursor()?.selectionStart);
}

/** The offsets of the hex and decoded cells carrying `cls`, and whether a tinted cell really has a background layer. */
function taggedCells(cls: string) {
  return inWebviews((c) => {
    const hex: number[] = [];
    const ascii: number[] = [];
    let layer = '';
    let plainLayer = '';
    for (const row of document.querySelectorAll<HTMLElement>('.hex-view .row[data-offset]')) {
      if (row.hidden) continue;
      const base = Number(row.dataset.offset);
      row.querySelectorAll<HTMLElement>('.hex .b').forEach((cell, i) => {
        if (cell.classList.contains(c)) {
          hex.push(base + i);
          layer ||= getComputedStyle(cell).backgroundImage;
        } else if (!cell.classList.contains('tag')) plainLayer ||= getComputedStyle(cell).backgroundImage;
      });
      row.querySelectorAll<HTMLElement>('.ascii .b').forEach((cell, i) => cell.classList.contains(c) && ascii.push(base + i));
    }
    return { hex, ascii, layer, plainLayer };
  }, cls).then((all) => all[0]);
}

const range = (start: number, length: number) => Array.from({ length }, (_, i) => start + i);

/** The rows of the Tags view as the workbench shows them (aria labels). */
function tagsViewRows(): Promise<string[]> {
  return inWorkbench(() =>
    [...document.querySelectorAll<HTMLElement>('.pane')]
      .filter((pane) => /HugeView Tags/i.test(pane.querySelector('.pane-header')?.textContent ?? ''))
      .flatMap((pane) => [...pane.querySelectorAll<HTMLElement>('.monaco-list-row')].map((row) => row.getAttribute('aria-label') ?? '')),
  );
}

async function tagsNow(): Promise<Array<{ start: number; length: number; name: string; color: string; note: string }>> {
  return api.tags(file).map(({ start, length, name, color, note }) => ({ start, length, name, color, note }));
}

suite('HugeView tags', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    data = Buffer.from(Array.from({ length: 400 }, (_, i) => `record ${String(i).padStart(4, '0')} abcdefghijklmnopqrstuvwxyz\n`).join(''), 'latin1');
    fs.writeFileSync(file, data);
    api = (await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate())!;
  });

  teardown(async () => {
    await vscode.commands.executeCommand('hugeview.clearTags', true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(() => cleanup());

  test('Add Tag (Ctrl+Shift+F2) on a selection tints exactly its bytes in hex and text, marks the scrollbar, and the Tags view lists it and goes there on a click', async () => {
    await open('hex');
    assert.deepEqual(await vscode.commands.executeCommand('hugeview.selectRange', '0x10+20'), { start: 0x10, length: 20 });
    await waitFor('the host knows the selection', () => api.activeCursor()?.selectionStart === 0x10 && api.activeCursor()?.selectionEnd === 0x24);
    await waitFor('the viewer has the keyboard', async () => (await inWebviews(() => document.hasFocus()))[0]);
    // the prompts as a person meets them: name, colour (typed to filter), note
    await keyboard({ press: ['Control+Shift+F2'] });
    // One multi-step input: each step by its title (a check on 'Add Tag' alone could type into the step closing).
    for (const [what, text, step] of [['name', 'magic header', 'name (1/3)'], ['colour', 'green', 'colour (2/3)'], ['note', 'format 3 <b>not bold</b>', 'note (3/3)']]) {
      // …and with the keyboard in its input: the widget shows a moment before the focus moves into it.
      await quickInputReady(`— ${step}`);
      await keyboard({ type: text });
      if (SHOTS && what === 'colour') await screenshot(path.join(SHOTS, 'tags-add-step-2.png'));
      if (what === 'colour') await waitFor('green filtered', () => inWorkbench(() => document.querySelector('.quick-input-widget .monaco-list-row.focused')?.textContent?.includes('Green')));
      else await waitFor(`the ${what} typed`, () => inWorkbench((t) => document.querySelector<HTMLInputElement>('.quick-input-widget input')?.value === t, text));
      await keyboard({ press: ['Enter'] });
      if (what !== 'note') await waitFor(`the ${what} prompt gone`, () => inWorkbench((t) => document.querySelector<HTMLInputElement>('.quick-input-widget input')?.value !== t, text));
    }
    await waitFor('the tag stored', () => api.tags(file).length === 1).catch(async (error: Error) => {
      const widget = await inWorkbench(() => ({ title: document.querySelector('.quick-input-widget .quick-input-title')?.textContent, value: document.querySelector<HTMLInputElement>('.quick-input-widget input')?.value, visible: (document.querySelector<HTMLElement>('.quick-input-widget')?.offsetHeight ?? 0) > 0 }));
      throw new Error(`${error.message}; the prompt: ${JSON.stringify(widget)}; tags: ${JSON.stringify(api.tags(file))}`);
    });
    assert.deepEqual(await tagsNow(), [{ start: 0x10, length: 20, name: 'magic header', color: 'green', note: 'format 3 <b>not bold</b>' }]);

    await moveCursor(0x60); // off the tag, on screen
    const cells = await waitFor('the tagged cells', async () => ((await taggedCells('t-green')).hex.length === 20 ? taggedCells('t-green') : undefined));
    assert.deepEqual(cells.hex, range(0x10, 20), 'hex cells of exactly the tagged bytes');
    assert.deepEqual(cells.ascii, range(0x10, 20), 'decoded cells of exactly the tagged bytes');
    assert.match(cells.layer, /gradient/, 'a tinted cell has the tag layer');
    assert.equal(cells.plainLayer, 'none', 'an untagged cell has none');
    const mark = await waitFor('the scrollbar mark', async () => (await inWebviews(() => {
      const m = document.querySelector<HTMLElement>('.tag-overview .mark.t-green');
      return m && { start: m.dataset.start, height: m.getBoundingClientRect().height, color: getComputedStyle(m).backgroundColor };
    }))[0]);
    assert.equal(mark.start, String(0x10));
    assert.ok(mark.height >= 3, `the mark is ${mark.height} px tall`);
    assert.notEqual(mark.color, 'rgba(0, 0, 0, 0)');

    await vscode.commands.executeCommand('hugeview.tags.focus');
    const rows = await waitFor('the Tags view row', async () => ((await tagsViewRows()).length === 1 ? tagsViewRows() : undefined));
    assert.match(rows[0], /^magic header, 0x10, 20 bytes, format 3 <b>not bold<\/b>$/, 'name, range and the note as typed');
    const view = api.tagsView();
    assert.equal(view.file, file);
    assert.deepEqual(view.rows.map((r) => [r.label, r.description, r.icon, r.color]), [['magic header', '0x10, 20 bytes · format 3 <b>not bold</b>', 'tag', 'charts.green']]);
    if (SHOTS) await screenshot(path.join(SHOTS, 'tags-hex-and-view.png'));
    await click('.pane .monaco-list-row[aria-label^="magic header"]');
    await waitFor('the click selected the tag', () => api.activeCursor()?.selectionStart === 0x10 && api.activeCursor()?.selectionEnd === 0x24);

    await vscode.commands.executeCommand('hugeview.toggleMode');
    await moveCursor(0x60);
    const text = await waitFor('the tinted characters in the text view', async () => {
      const [shown] = await inWebviews(() => [...document.querySelectorAll<HTMLElement>('.text-view .row:not([hidden]) .t-green')].map((s) => s.textContent).join(''));
      return shown || undefined;
    });
    assert.equal(text, data.subarray(0x10, 0x24).toString('latin1'), 'the text view tints exactly the tagged characters');
  });

  test('Escape at any step of Add Tag adds nothing, and the steps stay in one prompt that keeps the keyboard', async () => {
    await open('hex');
    await vscode.commands.executeCommand('hugeview.selectRange', '0x20+4');
    await waitFor('the host knows the selection', () => api.activeCursor()?.selectionEnd === 0x24);
    await waitFor('the viewer has the keyboard', async () => (await inWebviews(() => document.hasFocus()))[0]);
    for (const stop of ['name (1/3)', 'colour (2/3)', 'note (3/3)']) {
      await keyboard({ press: ['Control+Shift+F2'] });
      for (const step of ['name (1/3)', 'colour (2/3)', 'note (3/3)']) {
        await quickInputReady(`— ${step}`);
        if (step === stop) break;
        await keyboard({ press: ['Enter'] }); // the name and the note may be empty; the colour list's first entry
      }
      await keyboard({ press: ['Escape'] });
      await waitFor(`the prompt gone after Escape at ${stop}`, () => inWorkbench(() => (document.querySelector<HTMLElement>('.quick-input-widget')?.offsetHeight ?? 0) === 0));
      assert.deepEqual(api.tags(file), [], `Escape at ${stop} added no tag`);
    }
  });

  test('rename, recolour, edit the note and delete (as the Tags view\'s actions do) update the list and the bytes', async () => {
    await open('hex');
    const tag = await vscode.commands.executeCommand<{ id: string }>('hugeview.addTag', { start: 0x30, length: 4, name: 'len', color: 'red', note: '' });
    await waitFor('red cells', async () => (await taggedCells('t-red')).hex.length === 4);
    const node = () => ({ path: file, tag: api.tags(file)[0] }); // what a Tags view row hands its actions
    await vscode.commands.executeCommand('hugeview.renameTag', { ...node(), name: 'length field' });
    await vscode.commands.executeCommand('hugeview.recolorTag', { id: tag.id, color: 'purple' });
    await vscode.commands.executeCommand('hugeview.editTagNote', { id: tag.id, note: 'little-endian u32' });
    assert.deepEqual(await tagsNow(), [{ start: 0x30, length: 4, name: 'length field', color: 'purple', note: 'little-endian u32' }]);
    assert.deepEqual((await waitFor('purple cells', async () => ((await taggedCells('t-purple')).hex.length === 4 ? taggedCells('t-purple') : undefined))).hex, range(0x30, 4));
    assert.equal((await taggedCells('t-red')).hex.length, 0, 'no red left');
    assert.deepEqual(api.tagsView().rows.map((r) => [r.label, r.color, r.tooltip]), [['length field', 'charts.purple', 'length field\n0x30, 4 bytes (purple)\nlittle-endian u32']]);
    assert.equal(await vscode.commands.executeCommand('hugeview.deleteTag', node()), true);
    assert.equal(api.tags(file).length, 0);
    await waitFor('the tint gone', async () => (await taggedCells('tag')).hex.length === 0);
    await waitFor('the mark gone', async () => (await inWebviews(() => document.querySelectorAll('.tag-overview .mark').length))[0] === 0);
    assert.equal(api.tagsView().rows.length, 0);
  });

  test('tags survive a fresh read of the store and reopening the file, and an export → clear → import round trip; malformed imports change nothing and say why', async () => {
    await open('hex');
    await vscode.commands.executeCommand('hugeview.addTag', { start: 0, length: 6, name: 'magic', color: 'orange', note: 'says "record"' });
    await vscode.commands.executeCommand('hugeview.addTag', { start: 0x100, length: 39, name: 'row 6', color: 'blue', note: '' });
    await moveCursor(0x80);
    assert.deepEqual(await vscode.commands.executeCommand('hugeview.toggleBookmark', 'here'), { offset: 0x80, added: true });
    const before = await tagsNow();
    assert.equal(before.length, 3);
    assert.deepEqual(api.tags(file, true).map(({ id: _, ...t }) => t), before, 'a store read afresh from what was persisted has them all');

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('closed', () => api.documents().length === 0);
    await open('hex');
    assert.deepEqual((await waitFor('orange after reopening', async () => ((await taggedCells('t-orange')).hex.length ? taggedCells('t-orange') : undefined))).hex, range(0, 6));

    const exported = path.join(dir, 'records.tags.json');
    assert.deepEqual(await vscode.commands.executeCommand('hugeview.exportTags', { path: exported }), { path: exported, count: 3 });
    const json = JSON.parse(fs.readFileSync(exported, 'utf8'));
    assert.equal(json.format, 'hugeview-tags');
    assert.equal(json.tags.length, 3);
    assert.equal(await vscode.commands.executeCommand('hugeview.clearTags', true), 3);
    assert.equal(api.tags(file).length, 0);
    await waitFor('no tint after clearing', async () => (await taggedCells('tag')).hex.length === 0);
    assert.deepEqual(await vscode.commands.executeCommand('hugeview.importTags', { path: exported }), { imported: 3, duplicates: 0, skipped: [] });
    assert.deepEqual(await tagsNow(), before, 'the same tags back');
    await waitFor('orange again', async () => (await taggedCells('t-orange')).hex.length === 6);
    assert.deepEqual(await vscode.commands.executeCommand('hugeview.importTags', { path: exported }), { imported: 0, duplicates: 3, skipped: [] }, 'importing twice adds nothing');

    // malformed: not JSON, a tags list that is not a list, entries with bad fields
    const broken = path.join(dir, 'broken.json');
    for (const [text, why] of [
      ['{"format": "hugeview-tags", "tags": [{"start": 1,', /not JSON/],
      ['{"format": "hugeview-tags", "tags": {"start": 1}}', /no "tags" list/],
      ['{"format": "something-else", "tags": []}', /"format" is "something-else"/],
    ] as const) {
      fs.writeFileSync(broken, text);
      const result = await vscode.commands.executeCommand<{ error?: string }>('hugeview.importTags', { path: broken });
      assert.match(result.error ?? '', why);
      assert.match(result.error ?? '', /^broken\.json is not a HugeView tags file: .*Nothing was imported\.$/);
      assert.deepEqual(await tagsNow(), before, `nothing changed after ${text}`);
    }
    fs.writeFileSync(broken, JSON.stringify({ tags: [{ start: 5, length: 1, name: 'good', color: 'yellow' }, { start: data.length, length: 4, name: 'past the end', color: 'red' }, { start: 1, length: 1, name: 'x', color: 'javascript:alert(1)' }] }));
    const mixed = await vscode.commands.executeCommand<{ imported: number; skipped: Array<{ index: number; reason: string }> }>('hugeview.importTags', { path: broken });
    assert.equal(mixed.imported, 1);
    assert.deepEqual(mixed.skipped.map((s) => s.index), [1, 2]);
    assert.match(mixed.skipped[0].reason, /past the end of the file/);
    assert.match(mixed.skipped[1].reason, /"color"/);
    assert.deepEqual((await tagsNow()).map((t) => t.name), ['magic', 'good', 'here', 'row 6']);
  });

  test('every colour tints its bytes in Dark Modern and Light Modern, and underlines them in high contrast', async () => {
    await open('hex');
    const colors = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'] as const;
    for (const [i, color] of colors.entries()) await vscode.commands.executeCommand('hugeview.addTag', { start: 0x08 + i * 13, length: 9, name: `${color} field`, color, note: i === 0 ? 'a note' : '' });
    await moveCursor(0x70);
    await vscode.commands.executeCommand('hugeview.toggleBookmark', 'bookmark');
    await moveCursor(0x60);
    await vscode.commands.executeCommand('hugeview.tags.focus');
    const themes = [
      { id: 'Default Dark Modern', kind: 'vscode-dark', shot: 'tags-dark' },
      { id: 'Default Light Modern', kind: 'vscode-light', shot: 'tags-light' },
      { id: 'Default High Contrast', kind: 'vscode-high-contrast', shot: 'tags-hc' },
    ];
    try {
      for (const theme of themes) {
        await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme.id, vscode.ConfigurationTarget.Global);
        await waitFor(`the webview in ${theme.id}`, async () => (await inWebviews((kind) => document.body.classList.contains(kind), theme.kind))[0]);
        const looks = await inWebviews((names) => names.map((c) => {
          const cell = document.querySelector<HTMLElement>(`.hex-view .row[data-offset] .hex .b.t-${c}:not(.cursor)`);
          const style = cell ? getComputedStyle(cell) : undefined;
          return { color: c, layer: style?.backgroundImage ?? 'missing', underline: style?.boxShadow ?? 'missing' };
        }), [...colors]).then((all) => all[0]);
        for (const look of looks) {
          if (theme.kind === 'vscode-high-contrast') assert.match(look.underline, /inset/, `${theme.id} ${look.color}: an underline (${JSON.stringify(look)})`);
          else assert.match(look.layer, /^linear-gradient\((color|rgb)/, `${theme.id} ${look.color}: a tint`);
        }
        // the six tints differ from each other
        if (theme.kind !== 'vscode-high-contrast') assert.equal(new Set(looks.map((l) => l.layer)).size, colors.length, `${theme.id}: six different tints`);
        if (SHOTS) await screenshot(path.join(SHOTS, `${theme.shot}.png`));
      }
    } finally {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
