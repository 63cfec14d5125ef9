// The keyboard as a VS Code user drives it: keys go where the focus really is (nothing is focused for the test),
// prompts come and go, and the arrows keep moving the cursor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { patternBytes, tempDir } from '../helpers/files';
import { inWebviews, inWorkbench, keyboard, screenshot, waitFor } from './probe';

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
  await waitFor('the viewer painted', async () => (await inWebviews(() => document.body.dataset.ready))[0] === '1');
  if (api.activeMode() !== mode) await vscode.commands.executeCommand('hugeview.toggleMode');
  await waitFor(`the ${mode} view`, () => api.activeCursor()?.mode === mode || (api.activeMode() === mode && api.activeCursor() === undefined));
}

/** Presses `key` where the focus is and waits for the cursor to reach `offset`. */
async function expectKeyMovesTo(key: string, offset: number, why: string): Promise<void> {
  await keyboard({ press: [key] });
  await waitFor(`${key} to move the cursor to ${offset} (${why})`, () => api.activeCursor()?.offset === offset, 5000);
}

/** Opens a prompt with `keys` (or a command), types `text`, and ends it with `end` (Enter or Escape). */
async function prompt(keys: string[] | { command: string }, text: string, end: 'Enter' | 'Escape'): Promise<void> {
  let running: Thenable<unknown> = Promise.resolve();
  if (Array.isArray(keys)) await keyboard({ press: keys });
  else running = vscode.commands.executeCommand(keys.command);
  await waitFor(`the prompt of ${JSON.stringify(keys)}`, quickInputVisible);
  if (text) await keyboard({ type: text });
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
    await expectKeyMovesTo('ArrowDown', 16, 'the viewer has the focus at first');
    await prompt({ command: 'hugeview.goToOffset' }, '0x100', 'Enter');
    await waitFor('the cursor at 0x100', () => api.activeCursor()?.offset === 0x100);
    await expectKeyMovesTo('ArrowDown', 0x110, 'after Go to Offset');
    await prompt({ command: 'hugeview.goToOffset' }, '0x400', 'Escape');
    await expectKeyMovesTo('ArrowRight', 0x111, 'after Esc from Go to Offset');
  });

  test('after Select Range and after a bookmark name the arrow keys move the cursor', async () => {
    await openIn(bin, 'hex');
    await expectKeyMovesTo('ArrowDown', 16, 'the viewer has the focus at first');
    await prompt({ command: 'hugeview.selectRange' }, '0x200-0x20F', 'Enter');
    await waitFor('the range selected', () => api.activeCursor()?.selectionEnd === 0x210);
    const after = api.activeCursor()!.offset;
    await expectKeyMovesTo('ArrowDown', after + 16, 'after Select Range');
    await prompt(['Control+F2'], 'header', 'Enter');
    await expectKeyMovesTo('ArrowDown', after + 32, 'after a bookmark name');
    await prompt(['Control+F2'], 'never', 'Escape');
    await expectKeyMovesTo('ArrowDown', after + 48, 'after Esc from a bookmark name');
  });
});
