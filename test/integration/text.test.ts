// Text at scale in a real VS Code: line numbers from the index, Go to Line, line endings, invalid bytes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { tempDir } from '../helpers/files';
import { textRows as rows, inWebviews, press, waitFor, marker } from './probe';
import { Marker } from '../../webview/core/testMarkers';

const { dir, cleanup } = tempDir('hugeview-text-it-');
const log = path.join(dir, 'numbered.log');
const LINES = 300_000;
let api: HugeViewApi;

suite('HugeView text at scale', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    const parts: string[] = [];
    for (let n = 1; n <= LINES; n++) parts.push(`L${n} ${'.'.repeat(n % 50)}\n`);
    fs.writeFileSync(log, parts.join(''));
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  test('the gutter shows line numbers once the index is done', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(log), 'hugeview.viewer');
    await waitFor('the index', () => api.indexState(log)?.done);
    assert.equal(api.indexState(log)!.newlines, LINES);
    const shown = await waitFor('numbered rows', async () => {
      const r = await rows();
      return r.length > 3 && r[0].gutter === '1' ? r : undefined;
    });
    assert.deepEqual(shown.slice(0, 3).map((r) => r.gutter), ['1', '2', '3']);
    assert.match(shown[1].text, /^L2 /);
  });

  test('Go to Line shows exactly line N at the start, middle, end and around checkpoint boundaries', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(log), 'hugeview.viewer');
    await waitFor('the index', () => api.indexState(log)?.done);
    for (const n of [1, 2, 65535, 65536, 65537, 131072, 150_000, 196609, LINES - 1, LINES]) {
      assert.equal(await vscode.commands.executeCommand('hugeview.goToLine', String(n)), true, `go to ${n}`);
      const row = await waitFor(`line ${n}`, async () => (await rows()).find((r) => r.gutter === String(n)));
      assert.match(row.text, new RegExp(`^L${n} `), `row for line ${n}`);
      await waitFor(`cursor at the start of line ${n}`, () => api.activeCursor()?.offset === row.offset);
    }
  });

  test('Go to Line with a column lands on that character; past the end is an error, not a jump', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(log), 'hugeview.viewer');
    await waitFor('the index', () => api.indexState(log)?.done);
    assert.equal(await vscode.commands.executeCommand('hugeview.goToLine', '10:3'), true);
    const row = await waitFor('line 10', async () => (await rows()).find((r) => r.gutter === '10'));
    await waitFor('cursor on column 3', () => api.activeCursor()?.offset === row.offset + 2);
    assert.equal(await vscode.commands.executeCommand('hugeview.goToLine', String(LINES + 10)), false);
  });

  test('CRLF lines, invalid UTF-8 and a character across a 64 KiB page boundary display correctly', async () => {
    const mixed = path.join(dir, 'mixed.txt');
    const head = Buffer.from('first\r\nsecond\r\nbad \xff\xfe bytes\r\n', 'latin1');
    const pad = Buffer.alloc(65536 - head.length - 2, 0x61); // 'aaaa…'
    const euro = Buffer.from('€ after the boundary\n'); // 3 bytes: E2 82 AC, straddling 65536
    fs.writeFileSync(mixed, Buffer.concat([head, pad, euro]));
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(mixed), 'hugeview.viewer');
    // Invalid UTF-8 in the first 64 KiB: the file opens in hex; switch to text.
    await waitFor('hex mode first', () => api.activeMode() === 'hex');
    await vscode.commands.executeCommand('hugeview.toggleMode');
    const shown = await waitFor('rows', async () => {
      const r = await rows();
      return r.length >= 3 ? r : undefined;
    });
    assert.equal(shown[0].text.replace(/\s+$/, ''), 'first');
    assert.equal(shown[1].text.replace(/\s+$/, ''), 'second');
    assert.match(shown[2].text, /^bad \uFFFD\uFFFD bytes/);
    await vscode.commands.executeCommand('hugeview.goToOffset', String(65536 - 2));
    // The long 'aaa…' line wraps; wherever the wrap falls, the three bytes of € decode as one character.
    const joined = await waitFor('the € row', async () => {
      const text = (await rows()).map((r) => r.text).join('');
      return text.includes('after the boundary') ? text : undefined;
    });
    assert.match(joined, /a€ after the boundary/);
    assert.ok(!joined.includes('\uFFFD'), 'no replacement character around the boundary');
  });

  test('invisible format characters show on screen as a visible escape, not as nothing', async () => {
    const file = path.join(dir, 'invisible.txt');
    fs.writeFileSync(file, 'zero\u200bwidth join\u200dner word\u2060joiner soft\u00adhyphen tag\u{E0041}s mid\ufeffbom\n');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    const row = await waitFor('the row', async () => (await rows()).find((r) => r.text.startsWith('zero')));
    assert.equal(row.text.trimEnd(), 'zero\uFFFDwidth join\uFFFDner word\uFFFDjoiner soft\uFFFDhyphen tag\uFFFDs mid\uFFFDbom');
  });
});

suite('HugeView long lines', function () {
  this.timeout(120_000);
  let api: HugeViewApi;
  const { dir, cleanup } = tempDir('hugeview-long-it-');
  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  test('a 200 MiB single-line file opens, scrolls to its end and stays within bounded memory', async () => {
    const file = path.join(dir, 'one-line.json');
    const fd = fs.openSync(file, 'w');
    const chunk = Buffer.from('{"k":"' + 'abcdefghij'.repeat(104_857) + '"},'); // ~1 MiB, no newline
    let size = 0;
    while (size < 200 * 2 ** 20) size += fs.writeSync(fd, chunk);
    size += fs.writeSync(fd, Buffer.from('THE-END'));
    fs.closeSync(fd);
    const rss = () => Number(/RssAnon:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
    const before = rss();
    const heapNow = async () => (await inWebviews(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0))[0];
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('text rows', async () => (await rows()).length > 3);
    const heapOpened = await heapNow();
    await press('Control+End');
    const last = await waitFor('the end of the line', async () => (await rows()).find((r) => r.text.endsWith('THE-END')));
    assert.ok(last.offset > size - 2000, `the last row starts near the end (${last.offset})`);
    await waitFor('the index', () => api.indexState(file)?.done, 30_000);
    assert.equal(api.indexState(file)!.newlines, 0, 'one line');
    assert.ok(api.indexState(file)!.memoryBytes < 1 << 20);
    await press('Control+Home');
    await waitFor('the start again', async () => (await rows()).some((r) => r.offset === 0));
    const heapFirstRound = await heapNow();
    // Three more trips end to start: a leak would grow the heap each time.
    for (let i = 0; i < 3; i++) {
      await press('Control+End');
      await waitFor('the end', async () => (await rows()).some((r) => r.text.endsWith('THE-END')));
      await press('Control+Home');
      await waitFor('the start', async () => (await rows()).some((r) => r.offset === 0));
    }
    const heapLater = await heapNow();
    const grew = rss() - before;
    const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
    console.log(`    200 MiB line: extension host RssAnon +${mib(grew)}; webview JS heap ${mib(heapOpened)} opened, ${mib(heapFirstRound)} after end and back, ${mib(heapLater)} after three more trips`);
    assert.ok(grew < 64 * 2 ** 20, `extension host grew ${grew} bytes`);
    assert.ok(heapLater - heapFirstRound < 32 * 2 ** 20, `webview heap grew from ${mib(heapFirstRound)} to ${mib(heapLater)} over three more trips`);
  });
});

suite('HugeView encodings', function () {
  this.timeout(60_000);
  let api: HugeViewApi;
  const { dir, cleanup } = tempDir('hugeview-enc-it-');
  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  for (const [name, bom, swap] of [['utf-16le', [0xff, 0xfe], false], ['utf-16be', [0xfe, 0xff], true]] as const) {
    test(`a ${name} file with a BOM opens as text, with its lines numbered`, async () => {
      const file = path.join(dir, `${name}.txt`);
      const body = Buffer.from('Grüße aus Köln\nzweite Zeile \u010A\nthird 🙂\n', 'utf16le');
      if (swap) body.swap16();
      fs.writeFileSync(file, Buffer.concat([Buffer.from(bom), body]));
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
      await waitFor('the index', () => api.indexState(file)?.done);
      const shown = await waitFor('three numbered rows', async () => {
        const r = await rows();
        return r.length >= 3 && r[2].gutter === '3' ? r : undefined;
      });
      assert.equal(shown[0].text.trim(), 'Grüße aus Köln', 'the BOM is hidden');
      assert.equal(shown[1].text.trim(), 'zweite Zeile \u010A');
      assert.equal(shown[2].text.trim(), 'third 🙂');
      assert.equal(api.indexState(file)!.newlines, 3);
    });
  }

  test('two editors of one file in UTF-16 and UTF-8 each finish counting their own lines', async () => {
    const file = path.join(dir, 'two-encodings.txt');
    // 'Ċ' is U+010A: in UTF-16 LE its bytes are 0A 01, a byte newline at an odd offset.
    const lines = 200_000;
    const body = Buffer.from(Array.from({ length: lines }, (_, i) => `Ċ ${i}\n`).join(''), 'utf16le');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer', vscode.ViewColumn.One);
    await waitFor('the UTF-16 editor', async () => (await rows()).length > 0);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer', vscode.ViewColumn.Two);
    await waitFor('two editors', () => api.documents()[0]?.editors === 2);
    assert.equal(await vscode.commands.executeCommand('hugeview.changeEncoding', 'utf-8'), 'utf-8');
    // Both editors paint and ask for line numbers; neither may restart the other's count.
    const both = await waitFor('both indexes done', () => {
      const utf16 = api.indexState(file, 'utf16le');
      const bytes = api.indexState(file, 'byte');
      return utf16?.done && bytes?.done ? { utf16, bytes } : undefined;
    }, 20_000);
    assert.equal(both.utf16.newlines, lines, 'UTF-16 newlines');
    assert.equal(both.bytes.newlines, 2 * lines, 'byte newlines: the real ones and the 0A byte of each Ċ');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('one editor', () => api.documents()[0]?.editors === 1);
    assert.equal(api.indexState(file, 'byte'), undefined, 'the last UTF-8 editor closed: its index is gone');
    assert.equal(api.indexState(file, 'utf16le')?.newlines, lines, 'the UTF-16 editor keeps its index');
  });

  test('Reopen with Encoding decodes Windows-1252 and the status bar command returns it', async () => {
    const file = path.join(dir, 'latin.txt');
    fs.writeFileSync(file, Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35, 0x0a])); // "Café €5" in 1252, invalid UTF-8
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('hex first (not valid UTF-8)', () => api.activeMode() === 'hex');
    await vscode.commands.executeCommand('hugeview.toggleMode');
    assert.equal(await vscode.commands.executeCommand('hugeview.changeEncoding', 'windows-1252'), 'windows-1252');
    await waitFor('Café €5', async () => (await rows()).some((r) => r.text.trim() === 'Café €5'));
  });
});

suite('HugeView follow mode', function () {
  this.timeout(60_000);
  let api: HugeViewApi;
  const { dir, cleanup } = tempDir('hugeview-follow-it-');
  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  // How fast a batch shows is measured by `npm run bench:viewer` (follow latency), never asserted here.
  test('shows each appended batch, keeps up with 10,000 lines a second, then resets on truncation', async () => {
    const file = path.join(dir, 'growing.log');
    fs.writeFileSync(file, 'start\n');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('the editor', async () => (await rows()).length > 0);
    assert.equal(await vscode.commands.executeCommand('hugeview.follow', true), true);
    let batch = 0;
    const append = () => {
      batch++;
      const lines: string[] = [];
      for (let i = 0; i < 1000; i++) lines.push(`batch ${batch} line ${i}${i === 999 ? ' END' : ''}`);
      fs.appendFileSync(file, lines.join('\n') + '\n');
    };
    const shows = (n: number) => async () => (await rows()).some((r) => r.text.startsWith(`batch ${n} line 999 END`));
    // One batch at a time: each one comes into view with no key pressed.
    for (let i = 0; i < 3; i++) {
      append();
      await waitFor(`batch ${batch} at the bottom`, shows(batch));
    }
    // A stream of 1,000-line batches every 100 ms: when it stops, the view is at its last line.
    const writer = setInterval(append, 100);
    await new Promise((r) => setTimeout(r, 2000));
    clearInterval(writer);
    await waitFor(`the last batch (${batch})`, shows(batch));
    assert.ok(batch >= 5, `${batch} batches written`);
    assert.equal(api.documents()[0].size, fs.statSync(file).size, 'the document has every appended byte');

    fs.truncateSync(file, 0);
    fs.writeFileSync(file, 'after the rotation\n');
    await waitFor('the new content', async () => (await rows()).some((r) => r.text.startsWith('after the rotation')), 5000);
    await waitFor('the new size', () => api.documents()[0]?.size === 19);
  });

  test('scrolling up leaves follow mode', async () => {
    const file = path.join(dir, 'scroll.log');
    fs.writeFileSync(file, Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n') + '\n');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('the editor', async () => (await rows()).length > 0);
    await vscode.commands.executeCommand('hugeview.follow', true);
    await waitFor('at the end', async () => (await rows()).some((r) => r.text.startsWith('line 4999')));
    const following = async () => (await marker(Marker.following));
    await waitFor('the view following', async () => (await following()) === '1');
    await press('PageUp');
    // The view shows what the host decided: once it shows follow off, the command agrees.
    await waitFor('the view shows follow off', async () => (await following()) === '0');
    assert.equal(api.isFollowing(file), false, 'the host left follow mode too');
    assert.equal(await vscode.commands.executeCommand('hugeview.follow'), true, 'the command turns it back on');
    await waitFor('the view following again, at the end', async () => (await following()) === '1' && (await rows()).some((r) => r.text.startsWith('line 4999')));
  });
});
