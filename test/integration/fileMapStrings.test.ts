// The file map strip and the strings list in a real VS Code, on both backends:
// the map's classes for zero, random and text regions, holes never read
// (mincore), a click on the map; strings equal binutils `strings -t d`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadAddon } from '../../src/bytes/nativeAddon';
import type { HugeViewApi } from '../../src/testApi';
import type { StringRow } from '../../shared/protocol/strings';
import { Marker } from '../../webview/core/testMarkers';
import { expectedBackend } from '../helpers/backend';
import { patternBytes, sparseFile, tempDir } from '../helpers/files';
import { clickViewer, inWebviews, keyboard, marker, waitFor } from './probe';
import { binutilsStrings, stringsBinary } from '../helpers/stringsFiles';

const VIEW_TYPE = 'hugeview.viewer';
const MiB = 2 ** 20;
const { dir, cleanup } = tempDir('hugeview-filemap-it-');
let api: HugeViewApi;

async function open(file: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), VIEW_TYPE);
  await waitFor(`${path.basename(file)} painted`, async () => (await marker(Marker.ready)) === '1');
}

/** The strip as the webview shows it: one class letter per bucket, once the map is complete. */
async function finishedMap(size?: number) {
  return waitFor(`the file map complete${size === undefined ? '' : ` for ${size} bytes`}`, async () => {
    const [map] = await inWebviews(() => {
      const strip = document.querySelector<HTMLElement>('.filemap');
      if (!strip) return undefined;
      const box = strip.getBoundingClientRect();
      return { size: Number(strip.dataset.size), hidden: strip.hidden, done: strip.dataset.done, firstDrawnAt: Number(strip.dataset.firstDrawnAt), initAt: Number(document.body.dataset.initAt), fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN, wired: performance.getEntriesByName('hugeview:features')[0]?.startTime ?? NaN, firstBucketsAt: Number(strip.dataset.firstBucketsAt), classes: strip.dataset.classes ?? '', buckets: Number(strip.dataset.buckets), bucketSize: Number(strip.dataset.bucketSize), height: box.height, width: box.width };
    });
    // Complete, and drawn: `done` is set when the last buckets arrive, the strip draws at the next animation frame.
    return map && map.done === '1' && map.firstDrawnAt > 0 && (size === undefined || map.size === size) ? map : undefined;
  }, 30_000);
}

/** The classes of the buckets wholly inside [start, end). */
function classesIn(map: { classes: string; bucketSize: number }, start: number, end: number): string {
  const first = Math.ceil(start / map.bucketSize);
  const last = Math.floor(end / map.bucketSize);
  return map.classes.slice(first, last);
}

/** The pane once it shows a finished list of `count` strings other than list `previous`: its list id. */
async function paneDone(count: number, previous: number): Promise<number> {
  const pane = await waitFor(`the pane showing ${count} strings`, async () => {
    const [d] = await inWebviews(() => ({ ...document.getElementById('strings-pane')?.dataset }));
    return d && d.done === '1' && d.count === String(count) && Number(d.listId) !== previous ? d : undefined;
  });
  return Number(pane.listId);
}

/** Every row of strings list `listId`, through the pane's own window request. */
async function allRows(file: string, listId: number): Promise<StringRow[]> {
  const rows: StringRow[] = [];
  for (let id = 900_000; ; id++) {
    const reply = (await api.inject(file, { id, method: 'strings/window', params: { listId, start: rows.length, count: 500 } }, 10_000)) as { result?: { rows: StringRow[] } };
    const got = reply?.result?.rows ?? [];
    rows.push(...got);
    if (got.length < 500) return rows;
  }
}

function printed(rows: StringRow[]): string {
  return rows.map((r) => `${String(r.offset).padStart(7)} ${r.text}\n`).join('');
}

suite('HugeView file map and strings', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('hugeview').update('fileMap.visible', undefined, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(cleanup);

  test('the map marks a zero region, a random region and a text region, and a click goes to that fraction of the file', async () => {
    const file = path.join(dir, 'regions.bin');
    const text = Buffer.from('2026-11-30 04:00:00 INFO GET /index.html 200 served in 12 ms\n'.repeat(80_000)).subarray(0, 4 * MiB);
    fs.writeFileSync(file, Buffer.concat([Buffer.alloc(4 * MiB), patternBytes(4 * MiB, 11), text]));
    await open(file);
    assert.deepEqual(api.documents().map((d) => d.backend), [expectedBackend()], `the map is computed on the ${expectedBackend()} backend`);
    const map = await finishedMap();
    assert.ok(map.buckets >= 8 && map.classes.length === map.buckets, `${map.buckets} buckets, one class each`);
    assert.match(classesIn(map, 0, 4 * MiB), /^z+$/, 'zero fill');
    assert.match(classesIn(map, 4 * MiB, 8 * MiB), /^r+$/, 'random bytes: high entropy');
    assert.match(classesIn(map, 8 * MiB, 12 * MiB), /^t+$/, 'text');
    assert.ok(map.width >= 4 && map.width <= 16, `a narrow strip (${map.width} px)`);
    assert.ok(map.firstDrawnAt >= map.initAt, `the first buckets were drawn (at ${map.firstDrawnAt}) after Init (at ${map.initAt})`);
    console.log(`      (first file map buckets on screen ${(map.firstDrawnAt - map.initAt).toFixed(0)} ms after Init; first contentful paint ${map.fcp.toFixed(0)} ms, features wired ${map.wired.toFixed(0)} ms, first buckets arrived ${(map.firstBucketsAt - map.initAt).toFixed(0)} ms after Init; ${expectedBackend()})`);

    await clickViewer('.filemap'); // a real click, in the middle of the strip
    const size = 12 * MiB;
    const cursor = await waitFor('the cursor moved by the click', () => {
      const c = api.activeCursor();
      return c && c.offset > 0 ? c : undefined;
    });
    const perPixel = size / map.height;
    assert.ok(Math.abs(cursor.offset - size / 2) <= perPixel, `the middle of the map goes to the middle of the file: ${cursor.offset} vs ${size / 2} (± ${perPixel.toFixed(0)})`);
  });

  test('sparse holes show as holes and are never read (mincore); the pread backend shows them as zero fill', async () => {
    const file = path.join(dir, 'sparse.bin');
    const size = 64 * MiB;
    sparseFile(file, size, { 0: patternBytes(MiB, 5), [size - MiB]: patternBytes(MiB, 6) });
    if (expectedBackend() === 'pread') {
      // Without the addon (the universal VSIX) Node has no SEEK_HOLE: the worker reads the hole as zeros.
      await open(file);
      const map = await finishedMap();
      assert.match(classesIn(map, 2 * MiB, 62 * MiB), /^z+$/, 'the hole as zero fill');
      assert.equal(map.classes[0] + map.classes[map.buckets - 1], 'rr', 'the data at the start and the end');
      return;
    }
    const probe = loadAddon().open(file); // the test's own look at the page cache
    try {
      probe.dropCache();
      assert.equal(probe.residency(2 * MiB, 60 * MiB), 0, 'before: the hole is not in the page cache');
      await open(file);
      const map = await finishedMap();
      assert.match(classesIn(map, 2 * MiB, 62 * MiB), /^h+$/, 'the hole');
      assert.equal(probe.residency(2 * MiB, 60 * MiB), 0, 'the hole was not read');
      assert.equal(map.classes[0] + map.classes[map.buckets - 1], 'rr', 'the data at the start and the end');
    } finally {
      probe.close();
    }
  });

  test('the map is computed again when the file grows and when it is rewritten', async () => {
    const file = path.join(dir, 'growing.log');
    const text = Buffer.from('2026-11-30 04:30:00 INFO a line of a growing log, nothing but text\n'.repeat(20_000)).subarray(0, MiB);
    fs.writeFileSync(file, text);
    await open(file);
    assert.match((await finishedMap(MiB)).classes, /^t+$/);
    fs.appendFileSync(file, patternBytes(MiB, 4));
    const grown = await finishedMap(2 * MiB);
    assert.match(classesIn(grown, 0, MiB), /^t+$/, 'the text as before');
    assert.match(classesIn(grown, MiB, 2 * MiB), /^r+$/, 'the appended random bytes');
    fs.writeFileSync(file, Buffer.alloc(2 * MiB)); // rewritten in place: same size, other bytes
    await waitFor('the map of the rewritten bytes', async () => /^z+$/.test((await finishedMap(2 * MiB)).classes));
  });

  test('hugeview.fileMap.visible hides the strip and gives its width back to the rows', async () => {
    const file = path.join(dir, 'small.bin');
    fs.writeFileSync(file, patternBytes(256 * 1024, 2));
    await open(file);
    await finishedMap();
    assert.equal(await vscode.commands.executeCommand('hugeview.toggleFileMap', false), false);
    await waitFor('the strip hidden', async () => (await inWebviews(() => document.querySelector<HTMLElement>('.filemap')?.hidden))[0] === true);
    await vscode.commands.executeCommand('hugeview.toggleFileMap', true);
    await finishedMap();
  });

  test('strings equal strings -n 8 -t d output on a generated binary, and UTF-16 LE strings equal strings -e l', async () => {
    const file = path.join(dir, 'strings.bin');
    fs.writeFileSync(file, stringsBinary(MiB + 13, 3, false));
    await open(file);
    let listId = -1;
    for (const [encoding, args] of [['ascii', ['-n', '8']], ['utf16le', ['-n', '8', '-e', 'l']]] as const) {
      const result = await vscode.commands.executeCommand<{ count: number; done: boolean }>('hugeview.strings', { minLength: 8, encodings: [encoding] });
      const want = binutilsStrings(file, [...args]);
      assert.ok(want.split('\n').length > 50, `the binary has ${encoding} strings`);
      assert.deepEqual(result, { count: want.split('\n').length - 1, done: true });
      listId = await paneDone(result.count, listId);
      const rows = await allRows(file, listId);
      assert.equal(printed(rows), want, `${encoding}: every string and offset as binutils prints them`);
      assert.ok(rows.every((r) => r.encoding === encoding));
    }
  });

  test('the strings pane filters by substring, Enter goes to the string in the viewer, and a selection lists its own strings', async () => {
    const file = path.join(dir, 'filter.bin');
    const bytes = patternBytes(512 * 1024, 21);
    const at = [10_000, 200_001, 400_123];
    at.forEach((offset, i) => bytes.write(`\0Needle-${i}-in-the-haystack\0`, offset, 'latin1'));
    const wide = 300_000;
    Buffer.from('\0\0Wide needle here\0\0', 'utf16le').copy(bytes, wide);
    fs.writeFileSync(file, bytes);
    await open(file);
    const result = await vscode.commands.executeCommand<{ count: number; done: boolean }>('hugeview.strings', { minLength: 8 });
    assert.equal(result?.done, true);
    await clickViewer('#strings-pane .strings-filter');
    await keyboard({ type: 'NEEDLE' });
    await waitFor('four strings shown', async () => (await inWebviews(() => document.getElementById('strings-pane')?.dataset.shown))[0] === '4');
    const rows = await waitFor('the rows on screen', async () => {
      const [list] = await inWebviews(() => [...document.querySelectorAll<HTMLElement>('#strings-pane .strings-row:not([hidden])')].map((r) => ({ offset: r.dataset.offset ? Number(r.dataset.offset) : -1, text: r.querySelector('.strings-text')?.textContent })));
      // A row of the pool can be on screen a moment before its string has come (no offset yet: -1, not NaN — NaN
      // crosses the probe as null, and null >= 0 holds).
      return list?.length === 4 && list.every((r) => r.offset >= 0) ? list : undefined;
    });
    assert.deepEqual(rows.map((r) => r.offset), [at[0] + 1, at[1] + 1, wide + 4, at[2] + 1]);
    assert.equal(rows[2].text, 'Wide needle here');
    await keyboard({ press: ['ArrowDown', 'ArrowDown'] }); // from the filter into the list: the first row, then the second
    await keyboard({ press: ['Enter'] });
    const cursor = await waitFor('the viewer at the second needle', () => {
      const c = api.activeCursor();
      return c && c.selectionStart === at[1] + 1 ? c : undefined;
    });
    assert.equal(cursor.selectionEnd - cursor.selectionStart, 'Needle-1-in-the-haystack'.length);

    // With a selection and no range, the strings of the selection only.
    await vscode.commands.executeCommand('hugeview.selectRange', { start: at[2], length: 30 });
    await waitFor('the selection', () => api.activeCursor()?.selectionStart === at[2]);
    assert.deepEqual(await vscode.commands.executeCommand('hugeview.strings', { minLength: 8 }), { count: 1, done: true });
  });
});
