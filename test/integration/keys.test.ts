// The keyboard as a VS Code user drives it: keys go where the focus really is (nothing is focused for the test),
// prompts come and go, and the arrows keep moving the cursor.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { patternBytes, tempDir } from '../helpers/files';
import { click, clickViewer, inWebviews, inWorkbench, keyboard, quickInputReady, screenshot, waitFor, marker } from './probe';
import { Marker } from '../../webview/core/testMarkers';

const VIEW_TYPE = 'hugeview.viewer';
const { dir, cleanup } = tempDir('hugeview-keys-it-');
const log = path.join(dir, 'keys.log');
const bin = path.join(dir, 'keys.bin');
const LINES = 3000;
const lineText = (n: number) => `line ${n} of the keys log\n`; // 1-based n
let lineStarts: number[] = []; // lineStarts[n - 1] = offset of line n
let api: HugeViewApi;

/** Whether VS Code's quick input (the Go to Line / Go to Offset prompt) is on screen. */
function quickInputVisible(): Promise<boolean> {
  return inWorkbench(() => {
    const widget = document.querySelector<HTMLElement>('.quick-input-widget');
    return !!widget && widget.style.display !== 'none' && widget.offsetHeight > 0;
  });
}

async function openIn(file: string, mode: 'text' | 'hex'): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), VIEW_TYPE);
  await waitFor('the viewer painted', async () => (await marker(Marker.ready)) === '1');
  if (api.activeMode() !== mode) await vscode.commands.executeCommand('hugeview.toggleMode');
  await waitFor(`the ${mode} view on screen`, async () => (await marker(Marker.mode)) === mode);
}

/** Bytes per row of the hex view on screen ('auto' picks it from the editor's width). */
async function hexRowBytes(): Promise<number> {
  return waitFor('the hex view\'s row width', async () => Number((await inWebviews(() => document.querySelector<HTMLElement>('[data-bytes-per-row]')?.dataset.bytesPerRow))[0]) || undefined);
}

/**
 * Waits until the viewer's webview has the keyboard focus (VS Code hands it back a
 * moment after a prompt closes: a key pressed before that goes to the workbench,
 * for a person too), then presses `key` there and waits for the cursor to reach `offset`.
 */
async function expectKeyMovesTo(key: string, offset: number, why: string): Promise<void> {
  await waitFor(`the viewer to have the keyboard focus (${why})`, async () => (await inWebviews(() => document.hasFocus()))[0], 5000);
  const before = api.activeCursor();
  await keyboard({ press: [key] });
  await waitFor(`${key} to move the cursor to ${offset} (${why})`, () => api.activeCursor()?.offset === offset, 5000).catch(async (error) => {
    // What a failure needs to be understood: where the cursor was and went, and who had the keyboard.
    const [focus] = await inWebviews(() => ({ hasFocus: document.hasFocus(), active: document.activeElement?.id || document.activeElement?.tagName }));
    throw new Error(`${(error as Error).message}; cursor before ${JSON.stringify(before)}, now ${JSON.stringify(api.activeCursor())}; webview focus ${JSON.stringify(focus)}`);
  });
}

/** Opens a prompt with `keys` (or a command), types `text`, and ends it with `end` (Enter or Escape). */
async function prompt(keys: string[] | { command: string }, text: string, end: 'Enter' | 'Escape'): Promise<void> {
  let running: Thenable<unknown> = Promise.resolve();
  if (Array.isArray(keys)) await keyboard({ press: keys });
  else running = vscode.commands.executeCommand(keys.command);
  await quickInputReady(undefined, true);
  if (text) {
    await keyboard({ type: text });
    await waitFor(`${JSON.stringify(text)} typed into the prompt`, () => inWorkbench((t) => document.querySelector<HTMLInputElement>('.quick-input-widget input')?.value === t, text));
  }
  await keyboard({ press: [end] });
  await waitFor('the prompt to close', async () => !(await quickInputVisible()));
  await running;
}

suite('HugeView keyboard focus', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    const parts: string[] = [];
    let offset = 0;
    lineStarts = [];
    for (let n = 1; n <= LINES; n++) {
      lineStarts.push(offset);
      parts.push(lineText(n));
      offset += lineText(n).length;
    }
    fs.writeFileSync(log, parts.join(''));
    fs.writeFileSync(bin, patternBytes(64 * 1024, 5));
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  test('after Go to Line (typed and Enter) the arrow keys move the cursor without a click', async () => {
    await openIn(log, 'text');
    await waitFor('the index', () => api.indexState(log)?.done);
    await expectKeyMovesTo('ArrowDown', lineStarts[1], 'the viewer has the focus at first');
    await prompt(['Control+l'], '50', 'Enter');
    await waitFor('the cursor on line 50', () => api.activeCursor()?.offset === lineStarts[49]);
    await expectKeyMovesTo('ArrowDown', lineStarts[50], 'after Go to Line');
    await screenshot('/tmp/ux-keys-focus-after-goto-line.png');
    await keyboard({ press: ['PageDown'] });
    await waitFor('PageDown to move the cursor down a page', () => (api.activeCursor()?.offset ?? 0) > lineStarts[55], 5000);
  });

  test('after Esc from Go to Line the arrow keys still move the cursor', async () => {
    await openIn(log, 'text');
    await expectKeyMovesTo('ArrowDown', lineStarts[1], 'the viewer has the focus at first');
    await prompt(['Control+l'], '7', 'Escape');
    await expectKeyMovesTo('ArrowDown', lineStarts[2], 'after Esc from Go to Line');
  });

  test('after Go to Offset (Enter, and Esc) in the hex view the arrow keys move the cursor', async () => {
    await openIn(bin, 'hex');
    const row = await hexRowBytes();
    await expectKeyMovesTo('ArrowDown', row, 'the viewer has the focus at first');
    await prompt({ command: 'hugeview.goToOffset' }, '0x100', 'Enter');
    await waitFor('the cursor at 0x100', () => api.activeCursor()?.offset === 0x100);
    await expectKeyMovesTo('ArrowDown', 0x100 + row, 'after Go to Offset');
    await prompt({ command: 'hugeview.goToOffset' }, '0x400', 'Escape');
    await expectKeyMovesTo('ArrowRight', 0x101 + row, 'after Esc from Go to Offset');
  });

  test('after Select Range and after a bookmark name the arrow keys move the cursor', async () => {
    await openIn(bin, 'hex');
    const row = await hexRowBytes();
    await expectKeyMovesTo('ArrowDown', row, 'the viewer has the focus at first');
    await prompt({ command: 'hugeview.selectRange' }, '0x200-0x20F', 'Enter');
    await waitFor('the range selected', () => api.activeCursor()?.selectionEnd === 0x210);
    const after = api.activeCursor()!.offset;
    await expectKeyMovesTo('ArrowDown', after + row, 'after Select Range');
    await prompt(['Control+F2'], 'header', 'Enter');
    await expectKeyMovesTo('ArrowDown', after + 2 * row, 'after a bookmark name');
    await prompt(['Control+F2'], 'never', 'Escape');
    await expectKeyMovesTo('ArrowDown', after + 3 * row, 'after Esc from a bookmark name');
  });
});

/** The title of the prompt on screen ('Go to Line', 'Go to Offset'…), once one is. */
function promptTitle(): Promise<string | undefined> {
  return inWorkbench(() => {
    const widget = document.querySelector<HTMLElement>('.quick-input-widget');
    if (!widget || widget.style.display === 'none' || widget.offsetHeight === 0) return undefined;
    return widget.querySelector('.quick-input-title')?.textContent || widget.querySelector('input')?.getAttribute('aria-label') || '?';
  });
}

async function expectKeyOpens(key: string, title: string): Promise<void> {
  await keyboard({ press: [key] });
  // A prompt can be on screen a moment before its title is: wait for the title, and say what was there instead.
  await waitFor(`${key} to open ${title}`, async () => (await promptTitle()) === title || undefined).catch(async (error) => {
    throw new Error(`${(error as Error).message}; on screen: ${JSON.stringify(await promptTitle())}`);
  });
  await keyboard({ press: ['Escape'] });
  await waitFor('the prompt to close', async () => !(await quickInputVisible()));
}

suite('HugeView keys as VS Code users expect them', function () {
  this.timeout(60_000);
  const { dir, cleanup } = tempDir('hugeview-keys2-it-');
  const text = path.join(dir, 'plain.log');
  const bytes = path.join(dir, 'bytes.bin');

  suiteSetup(async () => {
    fs.writeFileSync(text, Array.from({ length: 500 }, (_, i) => `row ${i}`).join('\n') + '\n');
    const data = Buffer.alloc(8192); // zeros, DE AD twice, the word "dead" once
    data.set([0xde, 0xad], 100);
    data.set([0xde, 0xad], 3000);
    data.write('dead', 5000, 'latin1');
    fs.writeFileSync(bytes, data);
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  test('Ctrl+G is Go to Line in the text view and Go to Offset in the hex view; Ctrl+Alt+G is Go to Offset in both', async () => {
    await openIn(text, 'text');
    await expectKeyOpens('Control+g', 'Go to Line');
    await expectKeyOpens('Control+Alt+g', 'Go to Offset');
    await vscode.commands.executeCommand('hugeview.toggleMode');
    await waitFor('the hex view on screen', async () => (await marker(Marker.mode)) === 'hex');
    await expectKeyOpens('Control+g', 'Go to Offset');
    await expectKeyOpens('Control+Alt+g', 'Go to Offset');
    await expectKeyOpens('Control+l', 'Go to Line');
  });

  test('in the hex view, Find takes typed hex bytes as bytes and a word as text', async () => {
    await openIn(bytes, 'hex');
    await keyboard({ press: ['Control+f'] });
    await waitFor('the find widget', async () => (await inWebviews(() => !document.getElementById('find-widget')?.hidden))[0]);
    const findState = async () => (await inWebviews((m) => ({
      state: document.body.dataset[m.findState],
      hex: document.getElementById('find-hex')?.getAttribute('aria-pressed'),
      status: document.getElementById('find-status')?.textContent ?? '',
    }), Marker))[0];
    await keyboard({ type: 'DE AD' });
    await waitFor('the search for DE AD', () => api.searches(bytes).some((s) => s.query === 'DE AD' && !s.cancelled));
    const hexSearch = api.searches(bytes).find((s) => s.query === 'DE AD' && !s.cancelled)!;
    assert.equal(hexSearch.count, 2, 'DE AD found as bytes, twice');
    assert.equal((await findState()).hex, 'true', 'the hex toggle is on');
    await screenshot('/tmp/ux-keys-find-hex-auto.png');
    const typed = async () => (await inWebviews(() => (document.getElementById('find-input') as HTMLInputElement | null)?.value))[0];
    await keyboard({ press: ['Control+a', 'Backspace'] });
    await waitFor('the find input emptied', async () => (await typed()) === '');
    await keyboard({ type: 'dead' });
    await waitFor('"dead" in the find input', async () => (await typed()) === 'dead');
    await waitFor('the search for dead', () => api.searches(bytes).some((s) => s.query === 'dead' && !s.cancelled)).catch(async (error) => {
      throw new Error(`${(error as Error).message}; searches: ${JSON.stringify(api.searches(bytes))}; widget: ${JSON.stringify(await findState())}`);
    });
    assert.equal(api.searches(bytes).find((s) => s.query === 'dead' && !s.cancelled)!.count, 1, 'dead found as text, once');
    assert.equal((await findState()).hex, 'false', 'the hex toggle is off for a word');
  });

  test('in the hex view, a hex toggle the person chose stays as chosen while typing', async () => {
    await openIn(bytes, 'hex');
    await keyboard({ press: ['Control+f'] });
    await waitFor('the find widget', async () => (await inWebviews(() => !document.getElementById('find-widget')?.hidden))[0]);
    await keyboard({ press: ['Alt+x'] }); // hex on, by hand
    await keyboard({ type: 'dead' }); // a word, but the person asked for hex: bytes DE AD
    await waitFor('the search for dead', () => api.searches(bytes).some((s) => s.query === 'dead' && !s.cancelled));
    assert.equal(api.searches(bytes).find((s) => s.query === 'dead' && !s.cancelled)!.count, 2, 'dead searched as the bytes DE AD');
  });

  test('in the text view, hex-looking input stays text', async () => {
    await openIn(text, 'text');
    await keyboard({ press: ['Control+f'] });
    await waitFor('the find widget', async () => (await inWebviews(() => !document.getElementById('find-widget')?.hidden))[0]);
    await keyboard({ type: '12 34' });
    await waitFor('the search', () => api.searches(text).some((s) => s.query === '12 34' && !s.cancelled));
    assert.equal((await inWebviews(() => document.getElementById('find-hex')?.getAttribute('aria-pressed')))[0], 'false');
  });
});

suite('HugeView follow button', function () {
  this.timeout(60_000);
  const { dir, cleanup } = tempDir('hugeview-follow-button-it-');
  const file = path.join(dir, 'tail.log');
  suiteSetup(async () => {
    fs.writeFileSync(file, Array.from({ length: 200 }, (_, i) => `entry ${i}`).join('\n') + '\n');
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  /** The follow action in the editor title: its label and icon, as a person sees them. */
  const followAction = () =>
    inWorkbench(() => {
      const action = [...document.querySelectorAll<HTMLElement>('.editor-actions .action-label')].find((a) => /Follow/.test(a.getAttribute('aria-label') ?? ''));
      return action && { label: action.getAttribute('aria-label') ?? '', icon: [...action.classList].find((c) => c.startsWith('codicon-')) ?? '' };
    });

  test('the follow button shows play when off and pause when on, and a click switches it', async () => {
    await openIn(file, 'text');
    const off = await waitFor('the follow button', followAction);
    assert.equal(off.icon, 'codicon-play');
    assert.match(off.label, /^Follow the End of the File/);
    await click('.editor-actions .action-label[aria-label^="Follow the End"]');
    const on = await waitFor('the pause button', async () => {
      const action = await followAction();
      return action?.icon === 'codicon-debug-pause' ? action : undefined;
    });
    assert.match(on.label, /^Stop Following/);
    await waitFor('following', async () => (await marker(Marker.following)) === '1');
    // Following puts the cursor on the end of the file, after the last newline: that is line 200, the last row shown.
    const lineItem = () => inWorkbench(() => [...document.querySelectorAll<HTMLElement>('.statusbar-item')].map((item) => item.textContent?.trim() ?? '').find((t) => /^Ln /.test(t)));
    // The status bar shows Ln 1 until the line of the new cursor is known (with pread, counted from checkpoints):
    // wait for the line it settles on; a line past the last row would time out here with the last one seen.
    await waitFor('the status bar to name the last row (Ln 200), not a line past it', async () => (await lineItem()) === 'Ln 200 of 200' || undefined).catch(async (error) => {
      throw new Error(`${(error as Error).message}; it shows ${JSON.stringify(await lineItem())}`);
    });
    await screenshot('/tmp/ux-keys-follow-on.png');
    await click('.editor-actions .action-label[aria-label^="Stop Following"]');
    await waitFor('the play button again', async () => (await followAction())?.icon === 'codicon-play');
    const statusFollow = () => inWorkbench(() => [...document.querySelectorAll<HTMLElement>('.statusbar-item')].map((item) => item.textContent?.trim() ?? '').find((t) => /^Follow/.test(t)));
    await waitFor('the status bar to say Follow, not Following', async () => (await statusFollow()) === 'Follow');
  });
});

suite('HugeView and the text editor: an explicit choice is honoured', function () {
  this.timeout(60_000);
  const { dir, cleanup } = tempDir('hugeview-reopen-it-');
  const big = path.join(dir, 'big.log');
  const big2 = path.join(dir, 'big2.log');
  const big3 = path.join(dir, 'big3.log');
  const tabsOf = (file: string) =>
    vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => (t.input instanceof vscode.TabInputText || t.input instanceof vscode.TabInputCustom) && t.input.uri.fsPath === file)
      .map((t) => (t.input instanceof vscode.TabInputCustom ? 'hugeview' : 'text'));
  const decisions = (file: string) => api.redirects().filter((d) => d.path === file).map((d) => d.action);

  suiteSetup(async () => {
    for (const file of [big, big2, big3]) fs.writeFileSync(file, 'a log line that repeats\n'.repeat(100_000)); // 2.4 MB
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
    await vscode.workspace.getConfiguration('hugeview').update('largeFileThresholdMB', 1, vscode.ConfigurationTarget.Global);
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('hugeview').update('largeFileThresholdMB', undefined, vscode.ConfigurationTarget.Global);
    cleanup();
  });

  test('Reopen Editor With… › Text Editor keeps the text editor, for the rest of the session', async () => {
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(big));
    await waitFor('the redirect to HugeView', () => decisions(big).includes('redirected') && tabsOf(big).join() === 'hugeview');
    await waitFor('the viewer painted', async () => (await marker(Marker.ready)) === '1');
    // As a person: F1, "Reopen Editor With", Enter, "Text Editor", Enter.
    await keyboard({ press: ['F1'] });
    await waitFor('the command palette', quickInputVisible);
    await keyboard({ type: 'Reopen Editor With' });
    await waitFor('the command in the list', () => inWorkbench(() => !!document.querySelector('.quick-input-list .monaco-list-row[aria-label*="Reopen Editor With"]')));
    await keyboard({ press: ['Enter'] });
    await waitFor('the editor choice', () => inWorkbench(() => !!document.querySelector('.quick-input-list .monaco-list-row[aria-label*="Text Editor"]')));
    await keyboard({ type: 'Text Editor' });
    await keyboard({ press: ['Enter'] });
    await waitFor('the choice honoured', () => decisions(big).includes('kept: chosen as text'));
    await waitFor('one text tab', () => tabsOf(big).join() === 'text');
    await screenshot('/tmp/ux-keys-reopen-text.png');
    assert.deepEqual(decisions(big), ['redirected', 'kept: chosen as text'], 'no second redirect');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(big));
    await waitFor('remembered', () => decisions(big).length === 3);
    assert.equal(decisions(big)[2], 'kept: chosen as text');
    assert.deepEqual(tabsOf(big), ['text']);
  });

  test('Open in HugeView from the text editor replaces its tab; Reopen in Text Editor replaces HugeView', async () => {
    await vscode.workspace.getConfiguration('hugeview').update('openLargeFilesAutomatically', false, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(big2));
      await waitFor('the text tab', () => tabsOf(big2).join() === 'text');
      await vscode.commands.executeCommand('hugeview.open');
      await waitFor('one HugeView tab', () => tabsOf(big2).join() === 'hugeview');
    } finally {
      await vscode.workspace.getConfiguration('hugeview').update('openLargeFilesAutomatically', undefined, vscode.ConfigurationTarget.Global);
    }
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(big3));
    await waitFor('the redirect to HugeView', () => decisions(big3).at(-1) === 'redirected' && tabsOf(big3).join() === 'hugeview');
    // The notice's button, from the notification list (the bell), as a person clicks it.
    await vscode.commands.executeCommand('notifications.showList');
    await click('.notifications-center .monaco-button:has-text("Reopen in Text Editor")');
    await waitFor('one text tab', () => tabsOf(big3).join() === 'text');
    await waitFor('the text tab left alone', () => decisions(big3).at(-1) === 'kept: chosen as text');
    assert.deepEqual(tabsOf(big3), ['text']);
    await vscode.commands.executeCommand('notifications.hideList');
  });
});

suite('HugeView context menu', function () {
  this.timeout(60_000);
  const { dir, cleanup } = tempDir('hugeview-menu-it-');
  const file = path.join(dir, 'menu.bin');
  suiteSetup(async () => {
    fs.writeFileSync(file, patternBytes(4096, 9));
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });
  teardown(async () => {
    await keyboard({ press: ['Escape'] });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  suiteTeardown(cleanup);

  test('a right-click offers Copy and HugeView commands, not Cut or Paste (the view is read-only)', async () => {
    await openIn(file, 'hex');
    await clickViewer('.row[data-offset="32"]', 'right');
    const items = await waitFor('the context menu', () =>
      inWorkbench(() => {
        const labels = [...document.querySelectorAll<HTMLElement>('.context-view .action-item .action-label')].map((a) => a.textContent?.trim() ?? '').filter(Boolean);
        return labels.length > 0 ? labels : undefined;
      }),
    );
    await screenshot('/tmp/ux-keys-context-menu.png');
    assert.ok(!items.includes('Cut'), `no Cut in ${JSON.stringify(items)}`);
    assert.ok(!items.includes('Paste'), `no Paste in ${JSON.stringify(items)}`);
    assert.ok(items.includes('Copy Selection'), `Copy Selection in ${JSON.stringify(items)}`);
    assert.ok(items.some((label) => label.startsWith('Copy Selection As')), `Copy Selection As… in ${JSON.stringify(items)}`);
  });
});

suite('HugeView Go to Line past the end', function () {
  this.timeout(60_000);
  const { dir, cleanup } = tempDir('hugeview-pastend-it-');
  const file = path.join(dir, 'short.log');
  suiteSetup(async () => {
    fs.writeFileSync(file, Array.from({ length: 120 }, (_, i) => `short ${i}`).join('\n') + '\n');
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  test('typing a line past the end says so in the prompt, and the cursor stays', async () => {
    await openIn(file, 'text');
    await waitFor('the index', () => api.indexState(file)?.done);
    await keyboard({ press: ['Control+g'] });
    await waitFor('the Go to Line prompt', quickInputVisible);
    await keyboard({ type: '5000' });
    const message = await waitFor('the message in the prompt', () =>
      inWorkbench(() => {
        const text = document.querySelector('.quick-input-widget .quick-input-message')?.textContent ?? '';
        return /past the end/.test(text) ? text : undefined;
      }),
    );
    assert.match(message, /Line 5,000 is past the end: the file has 120 lines/);
    await screenshot('/tmp/ux-keys-goto-line-past-end.png');
    await keyboard({ press: ['Enter'] });
    assert.ok(await quickInputVisible(), 'Enter does not take a line past the end');
    await keyboard({ press: ['Escape'] });
    await waitFor('the prompt to close', async () => !(await quickInputVisible()));
    assert.equal(api.activeCursor()?.offset ?? 0, 0);
  });
});

suite('HugeView status bar on a tab change', function () {
  this.timeout(60_000);
  const { dir, cleanup } = tempDir('hugeview-status-it-');
  const first = path.join(dir, 'first.bin');
  const second = path.join(dir, 'second.bin');
  suiteSetup(async () => {
    fs.writeFileSync(first, patternBytes(1024 * 1024, 11)); // 1.0 MiB
    fs.writeFileSync(second, patternBytes(8 * 1024, 12)); // 8.0 KiB
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  suiteTeardown(cleanup);

  test("never shows the previous file's size or selection while the new tab is active", async () => {
    await openIn(first, 'hex');
    await vscode.commands.executeCommand('hugeview.selectRange', '0x10-0x1F');
    await waitFor('the selection in the status bar', () => inWorkbench(() => [...document.querySelectorAll('.statusbar-item')].some((i) => i.textContent?.trim() === 'Sel 16 B')));
    // Record every status bar change with the tab that is active at that moment, as a person would see them together.
    await inWorkbench(() => {
      const w = window as unknown as { __statusLog: string[]; __statusObserver?: MutationObserver };
      w.__statusLog = [];
      const record = () => {
        const tab = document.querySelector('.tabs-container .tab.active .label-name')?.textContent ?? '';
        const items = [...document.querySelectorAll<HTMLElement>('.statusbar-item')].filter((i) => i.offsetParent !== null).map((i) => i.textContent?.trim() ?? '');
        w.__statusLog.push(JSON.stringify({ at: Math.round(performance.now()), tab, size: items.find((t) => /^[\d.,]+ (B|KiB|MiB|GiB)$/.test(t)) ?? '', sel: items.find((t) => t.startsWith('Sel ')) ?? '' }));
      };
      w.__statusObserver = new MutationObserver(record);
      w.__statusObserver.observe(document.querySelector('.monaco-workbench')!, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class', 'aria-selected'] });
      record();
    });
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(second), VIEW_TYPE);
    await waitFor('the second file painted', async () => (await marker(Marker.ready)) === '1');
    await waitFor('its size in the status bar', () => inWorkbench(() => [...document.querySelectorAll('.statusbar-item')].some((i) => i.textContent?.trim() === '8.0 KiB')));
    const log = (await inWorkbench(() => {
      const w = window as unknown as { __statusLog: string[]; __statusObserver?: MutationObserver };
      w.__statusObserver?.disconnect();
      return w.__statusLog;
    })).map((line) => JSON.parse(line) as { at: number; tab: string; size: string; sel: string });
    // The workbench paints the new tab before the extension host hears of it: a first state with the old
    // values is unavoidable. The host must clear them when the tab changes, not when the new file has loaded.
    const onSecond = log.filter((state) => state.tab.startsWith('second'));
    const cleared = onSecond.findIndex((state) => state.size === '' && state.sel === '');
    const loaded = onSecond.findIndex((state) => state.size === '8.0 KiB');
    const stale = (state: { size: string; sel: string }) => state.size === '1.0 MiB' || state.sel !== '';
    const staleMs = onSecond.filter(stale).map((state) => state.at - onSecond[0].at).pop() ?? 0;
    console.log(`    status bar: old file's state for ${staleMs} ms after the tab change, cleared, then the new file's state`);
    assert.ok(cleared >= 0 && cleared < loaded, `the old state is cleared before the new file's shows: ${JSON.stringify(onSecond)}`);
    assert.ok(!onSecond.slice(cleared).some(stale), `no old state after the clear: ${JSON.stringify(onSecond)}`);
  });
});
