// Compare two files in a real VS Code (hugeview.compare): counts against a
// reference computed here from the files, F7 / Shift+F7 through every range
// in the panel, the explorer's command paths, and bad input.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { expectedBackend } from '../helpers/backend';
import { patternBytes, sparseFile, tempDir } from '../helpers/files';
import { clickViewer, inWebviews, keyboard, press, quickInputReady, waitFor } from './probe';

const { dir, cleanup } = tempDir('hugeview-compare-it-');
const MiB = 2 ** 20;
let api: HugeViewApi;

interface Reference {
  differingBytes: number;
  ranges: Array<[number, number]>;
  firstDifference: number;
}

/** Differing ranges of a vs b over their common length, byte by byte. */
function reference(a: Uint8Array, b: Uint8Array): Reference {
  const n = Math.min(a.length, b.length);
  const ranges: Array<[number, number]> = [];
  let differingBytes = 0;
  let open = -1;
  for (let i = 0; i <= n; i++) {
    const differs = i < n && a[i] !== b[i];
    if (differs) differingBytes++;
    if (differs && open < 0) open = i;
    if (!differs && open >= 0) {
      ranges.push([open, i - open]);
      open = -1;
    }
  }
  return { differingBytes, ranges, firstDifference: ranges.length ? ranges[0][0] : -1 };
}

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

const base = patternBytes(700 * 1024 + 13, 3);
const left = write('left.bin', base);
const same = write('same.bin', base);
/** Single bytes, a run across the 64 KiB page border and one across a 4 KiB block border. */
const changedBytes = Buffer.from(base);
for (const at of [5, 6, 1000, 4094, 4095, 4096, 4097, 65530, 65531, 65532, 65533, 65534, 65535, 65536, 65537, 300_000, 500_001, 700 * 1024 + 12]) changedBytes[at] ^= 0x5a;
const changed = write('changed.bin', changedBytes);
/** Longer by a tail of 4000 bytes, with two differences in the common part. */
const longerBytes = Buffer.concat([base, patternBytes(4000, 9)]);
longerBytes[10] ^= 1;
longerBytes[200_000] ^= 0xff;
const longer = write('longer.bin', longerBytes);

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('the compare panels closed', () => api.compares().length === 0);
}

async function compare(a: string, b: string) {
  return (await vscode.commands.executeCommand('hugeview.compare', { left: vscode.Uri.file(a), right: vscode.Uri.file(b) })) as {
    differingBytes: number; ranges: number; firstDifference: number; done: boolean;
  };
}

function expectCounts(got: { differingBytes: number; ranges: number; firstDifference: number; done: boolean }, want: Reference, what: string): void {
  assert.deepEqual(got, { differingBytes: want.differingBytes, ranges: want.ranges.length, firstDifference: want.firstDifference, done: true }, what);
}

suite('compare two files (hugeview.compare)', () => {
  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension('hugeview.hugeview')!.activate()) as HugeViewApi;
  });
  suiteTeardown(async () => {
    await closeAll();
    cleanup();
  });

  test('counts equal a reference computed from the files: equal, scattered, different sizes with a tail, sparse', async () => {
    expectCounts(await compare(left, same), reference(base, base), 'equal files');
    expectCounts(await compare(left, changed), reference(base, changedBytes), 'scattered differences');
    const summary = api.compares().at(-1)!.summary;
    const withoutAddon = expectedBackend() === 'pread' || process.env.HUGEVIEW_DISABLE_ADDON === '1';
    assert.equal(summary.backend, withoutAddon ? 'js' : 'native', 'the native kernel with the addon, the JS compare without');
    assert.equal(summary.listed, reference(base, changedBytes).ranges.length, 'every range is listed');
    expectCounts(await compare(longer, left), reference(longerBytes, base), 'a longer left file');
    const tail = api.compares().at(-1)!.summary;
    assert.deepEqual([tail.leftSize, tail.rightSize, tail.common], [longerBytes.length, base.length, base.length], 'the sizes and the common part');
    // Sparse 64 MiB files: data extents with markers, holes between (both read zeros there).
    const size = 64 * MiB;
    const markersA = { 0: 'HEADER-A', [8 * MiB]: patternBytes(70_000, 4), [40 * MiB + 3]: 'same here', [size - 9]: 'END-A-xyz' };
    const markersB = { 0: 'HEADER-B', [8 * MiB]: patternBytes(70_000, 5), [40 * MiB + 3]: 'same here', [60 * MiB]: 'only in B', [size - 9]: 'END-A-xyy' };
    const sparseA = path.join(dir, 'sparse-a.img');
    const sparseB = path.join(dir, 'sparse-b.img');
    sparseFile(sparseA, size, markersA);
    sparseFile(sparseB, size, markersB);
    expectCounts(await compare(sparseA, sparseB), reference(fs.readFileSync(sparseA), fs.readFileSync(sparseB)), 'sparse files');
    await closeAll();
  });

  test('F7 visits every range in order and Shift+F7 goes back, both panes at the difference with it marked', async () => {
    const want = reference(base, changedBytes).ranges;
    await compare(left, changed);
    await waitFor('the compare panel painted', async () => (await inWebviews(() => document.querySelectorAll('.compare-pane.left [data-offset]').length))[0] > 0);
    const shown = (index: number) =>
      inWebviews((i) => {
        const root = document.getElementById('root')!;
        if (root.dataset.current !== String(i)) return undefined;
        const at = Number(root.dataset.currentOffset);
        // The cursor cell of each pane: at the range's first byte, marked as changed.
        const cursorIn = (side: string) => {
          const cell = document.querySelector<HTMLElement>(`.compare-pane.${side} .hex .b.cursor`);
          const row = cell?.closest<HTMLElement>('[data-offset]');
          if (!cell || !row) return undefined;
          return { offset: Number(row.dataset.offset) + [...cell.parentElement!.children].indexOf(cell), classes: cell.className };
        };
        return { at, left: cursorIn('left'), right: cursorIn('right'), listCurrent: document.querySelector<HTMLElement>('.range-row.current')?.dataset.index };
      }, index).then((all) => all[0]);
    const check = async (index: number, key: string) => {
      await press(key);
      // The cursor moves first; the marks follow once both panes hold the pages (each pane reads its own): wait for both.
      let last: Awaited<ReturnType<typeof shown>>;
      const view = await waitFor(`difference ${index} after ${key}, marked on both sides`, async () => {
        const v = (last = await shown(index));
        const there = v && v.left?.offset === want[index][0] && v.right?.offset === want[index][0] && v.listCurrent === String(index);
        return there && /diff-removed/.test(v.left!.classes) && /diff-inserted/.test(v.right!.classes) ? v : undefined;
      }).catch((error: Error) => {
        throw new Error(`${error.message}; on screen: ${JSON.stringify(last)}`);
      });
      assert.equal(view.at, want[index][0]);
      assert.equal(api.compares().at(-1)!.current, index);
    };
    for (let i = 0; i < want.length; i++) await check(i, 'F7');
    for (let i = want.length - 2; i >= 0; i--) await check(i, 'Shift+F7');
    await closeAll();
  });

  test('after a prompt closes, the keyboard is back in the pane that had it (the right one too)', async () => {
    await compare(left, changed);
    await waitFor('the compare panel painted', async () => (await inWebviews(() => document.querySelectorAll('.compare-pane.right [data-offset]').length))[0] > 0);
    const focusedPane = async () => (await inWebviews(() => (document.hasFocus() ? document.activeElement?.closest<HTMLElement>('.compare-pane')?.classList[1] ?? 'none' : 'blurred')))[0];
    await clickViewer('.compare-pane.right .hex .b');
    await waitFor('the right pane has the keyboard', async () => (await focusedPane()) === 'right');
    await keyboard({ press: ['Control+p'] }); // Quick Open: a prompt of the workbench's
    await quickInputReady(undefined, true);
    await keyboard({ press: ['Escape'] });
    const back = await waitFor('the keyboard back in the panel', async () => {
      const pane = await focusedPane();
      return pane !== 'blurred' ? pane : undefined;
    });
    assert.equal(back, 'right');
    await closeAll();
  });

  test('two text files show as text too (Show as Text), changed characters marked on both sides; a binary pair offers hex only', async () => {
    const lines = (word: string) => Array.from({ length: 200 }, (_, i) => `line ${i}: the quick brown ${i === 3 ? word : 'fox'} jumps\n`).join('');
    const textA = write('a.txt', Buffer.from(lines('fox')));
    const textB = write('b.txt', Buffer.from(lines('cat')));
    expectCounts(await compare(textA, textB), reference(fs.readFileSync(textA), fs.readFileSync(textB)), 'text files');
    await waitFor('the mode button', async () => (await inWebviews(() => document.querySelector<HTMLElement>('.summary-mode')?.hidden === false))[0]);
    await clickViewer('.summary-mode');
    const marked = await waitFor('both panes in text with the change marked', async () => {
      const [v] = await inWebviews(() => ({
        mode: document.body.dataset.mode,
        left: document.querySelector('.compare-pane.left .text-view .diff-removed')?.textContent,
        right: document.querySelector('.compare-pane.right .text-view .diff-inserted')?.textContent,
        button: document.querySelector('.summary-mode')?.textContent,
      }));
      return v.mode === 'text' && v.left && v.right ? v : undefined;
    });
    assert.equal(marked.button, 'Show as Hex');
    assert.match(marked.left!, /^[fox]+$/, 'the left side marks the characters of "fox"');
    assert.match(marked.right!, /^[cat]+$/, 'the right side marks the characters of "cat"');
    await closeAll();
    await compare(left, changed);
    await waitFor('the binary pair painted', async () => (await inWebviews(() => document.querySelectorAll('.compare-pane.left [data-offset]').length))[0] > 0);
    assert.equal((await inWebviews(() => document.querySelector<HTMLElement>('.summary-mode')?.hidden))[0], true, 'no text view for binaries');
    await closeAll();
  });

  test('the explorer paths: two selected files, and Select for Compare then Compare with Selected', async () => {
    const want = reference(base, changedBytes);
    const a = vscode.Uri.file(left);
    const b = vscode.Uri.file(changed);
    expectCounts((await vscode.commands.executeCommand('hugeview.compare', a, [a, b])) as never, want, 'Compare in HugeView on two selected files');
    await vscode.commands.executeCommand('hugeview.selectForCompare', a);
    expectCounts((await vscode.commands.executeCommand('hugeview.compareWithSelected', b)) as never, want, 'Compare with Selected');
    assert.equal(api.compares().length, 2, 'each opened its compare panel');
    await closeAll();
  });

  test('a folder or a missing file gives an error that names it and why, and opens nothing', async () => {
    await assert.rejects(compare(dir, left), (error: Error) => error.message.includes(dir) && /a folder, not a file/.test(error.message));
    const missing = path.join(dir, 'no-such-file.bin');
    await assert.rejects(compare(left, missing), (error: Error) => error.message.includes(missing) && /does not exist/.test(error.message));
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('hugeview.compare', { left: 42, right: left })), /takes \{ left, right \}/);
    assert.equal(api.compares().length, 0);
  });
});
