// Go to Time in a real VS Code: the command lands on the right line at the start, the middle and the end, before the
// first and after the last time, across a stack trace, on a non-monotonic file; the prompt; the status bar's time.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { tempDir } from '../helpers/files';
import { inWebviews, inWorkbench, keyboard, marker, press, screenshot, waitFor } from './probe';
import { Marker } from '../../webview/core/testMarkers';

const { dir, cleanup } = tempDir('hugeview-time-it-');
const logFile = path.join(dir, 'service.log');
const rotated = path.join(dir, 'rotated.log');
const SHOTS = process.env.HUGEVIEW_LOOK_SHOTS;
const T0 = Date.UTC(2026, 10, 30, 8, 0, 0);
const LINES = 30_000;
let api: HugeViewApi;

interface Answer {
  line?: number;
  offset: number;
  time: string;
  where: string;
  nonMonotonic: boolean;
  message?: string;
}

/** 'YYYY-MM-DD HH:MM:SS.mmm' as the log writes it (zone-less). */
const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
/** How HugeView shows a zone-less time: as stamp() without a zero fraction. */
const shown = (ms: number) => stamp(ms).replace(/\.000$/, '');

/** Timed line i is at T0 + i seconds; every 100th timed line is followed by a 4-line stack trace (no timestamps). */
function buildLog(): { text: string; timed: Array<{ offset: number; line: number; time: number }> } {
  const parts: string[] = [];
  const timed: Array<{ offset: number; line: number; time: number }> = [];
  let offset = 0;
  let line = 0;
  const push = (s: string) => {
    parts.push(s);
    offset += Buffer.byteLength(s);
    line++;
  };
  for (let i = 0; i < LINES; i++) {
    const time = T0 + i * 1000;
    timed.push({ offset, line, time });
    push(`${stamp(time)} ${i % 100 === 0 ? 'ERROR' : 'INFO'} worker-${i % 7} step ${i}\n`);
    if (i % 100 === 0) for (let k = 0; k < 4; k++) push(`\tat com.example.Service.call${k}(Service.java:${k + 10})\n`);
  }
  return { text: parts.join(''), timed };
}

const go = (time: string) => vscode.commands.executeCommand<Answer | undefined>('hugeview.goToTime', { time });

async function open(file: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
  await waitFor('the viewer painted', async () => (await marker(Marker.ready)) === '1');
  if (api.activeMode() !== 'text') await vscode.commands.executeCommand('hugeview.toggleMode');
  await waitFor('the text view on screen', async () => (await marker(Marker.mode)) === 'text');
  await waitFor('the line index done', () => api.indexState(file)?.done, 20_000);
}

/** The status bar item with the top line's time ('' when hidden). */
function statusTime(): Promise<string> {
  return inWorkbench(() => {
    const item = [...document.querySelectorAll<HTMLElement>('.statusbar-item')].find((e) => e.id.endsWith('hugeview.status.time'));
    return item && item.offsetParent !== null ? (item.textContent ?? '').trim() : '';
  });
}

function quickInput(): Promise<{ visible: boolean; prompt: string; value: string }> {
  return inWorkbench(() => {
    const widget = document.querySelector<HTMLElement>('.quick-input-widget');
    const visible = !!widget && widget.style.display !== 'none' && widget.offsetHeight > 0;
    return {
      visible,
      prompt: (document.querySelector('.quick-input-message')?.textContent ?? '') + ' ' + (document.querySelector('.quick-input-title')?.textContent ?? ''),
      value: document.querySelector<HTMLInputElement>('.quick-input-box input')?.value ?? '',
    };
  });
}

suite('HugeView Go to Time', function () {
  this.timeout(60_000);
  let log: ReturnType<typeof buildLog>;
  /** The time of the top row's line (or of the timed line above it), from where the view is. */
  const timeAtTop = () => {
    const top = api.activeCursor()?.topOffset ?? 0;
    let best = log.timed[0];
    for (const t of log.timed) if (t.offset <= top) best = t;
    return best.time;
  };

  suiteSetup(async () => {
    log = buildLog();
    fs.writeFileSync(logFile, log.text);
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(cleanup);

  test('lands on the first line at or after the time: at the start, the middle, between two lines and at the end, with its line number', async () => {
    await open(logFile);
    const cases = [
      { asked: stamp(T0), want: log.timed[0] },
      { asked: stamp(T0 + 12_345_000), want: log.timed[12_345] },
      { asked: stamp(T0 + 12_345_400), want: log.timed[12_346] },
      { asked: new Date(T0 + 20_000_000).toISOString().slice(0, 19), want: log.timed[20_000] },
      { asked: stamp(T0 + (LINES - 1) * 1000), want: log.timed[LINES - 1] },
    ];
    for (const { asked, want } of cases) {
      const answer = await go(asked);
      assert.ok(answer, asked);
      assert.deepEqual({ offset: answer.offset, line: answer.line, where: answer.where, nonMonotonic: answer.nonMonotonic }, { offset: want.offset, line: want.line, where: 'at-or-after', nonMonotonic: false }, asked);
      assert.equal(answer.time, shown(want.time));
      await waitFor(`the view at ${asked}`, () => api.activeCursor()?.offset === want.offset);
    }
  });

  test('across a stack trace: a time after an ERROR line lands on the next timed line, past the untimed stack lines', async () => {
    await open(logFile);
    const answer = await go(stamp(T0 + 5_000_500)); // just after timed line 5000 (an ERROR line with a stack trace under it)
    const want = log.timed[5001];
    assert.equal(answer?.offset, want.offset);
    assert.equal(answer?.line, log.timed[5000].line + 5, 'the four stack lines are skipped');
    const row = await waitFor('the landed row on screen', async () => (await inWebviews((o) => document.querySelector<HTMLElement>(`.text-view .row[data-offset="${o}"] .text`)?.textContent, want.offset))[0]);
    assert.match(row, /step 5001$/);
  });

  test('before the first time: says so and lands at the start; after the last time: says so and lands at the end', async () => {
    await open(logFile);
    const before = await go('2026-11-29 00:00:00');
    assert.equal(before?.offset, 0);
    assert.equal(before?.where, 'before-first');
    assert.match(before?.message ?? '', /before the first time in the file \(2026-11-30 08:00:00\): went to the start/);
    const after = await go('2026-12-31');
    assert.equal(after?.offset, log.timed[LINES - 1].offset);
    assert.equal(after?.where, 'after-last');
    assert.match(after?.message ?? '', /after the last time in the file/);
    await vscode.commands.executeCommand('notifications.showList');
    await waitFor('the notification', async () => (await inWorkbench(() => [...document.querySelectorAll('.notifications-center .notification-list-item-message')].map((e) => e.textContent).join('\n'))).includes('after the last time'));
    await vscode.commands.executeCommand('notifications.hideList');
  });

  test('a non-monotonic file (two rotated logs concatenated): says so and finds the first line at or after the time in file order', async () => {
    // Part A: 10:00..10:49:59; part B (older): 09:00..09:49:59 — the last time is before the first.
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`${stamp(Date.UTC(2026, 10, 30, 10) + i * 1000)} INFO part A ${i}\n`);
    for (let i = 0; i < 3000; i++) lines.push(`${stamp(Date.UTC(2026, 10, 30, 9) + i * 1000)} INFO part B ${i}\n`);
    fs.writeFileSync(rotated, lines.join(''));
    await open(rotated);
    const answer = await go('2026-11-30 09:30:00');
    assert.equal(answer?.nonMonotonic, true);
    assert.equal(answer?.offset, 0, 'the first line in file order at or after 09:30 is part A\'s first');
    assert.match(answer?.message ?? '', /not in order/);
    const inB = await go('2026-11-30 10:59:00');
    assert.equal(inB?.where, 'after-last');
    assert.equal(inB?.nonMonotonic, true);
  });

  test('the prompt names the detected format with an example (the top line\'s time) and goes where typed', async () => {
    await open(logFile);
    await vscode.commands.executeCommand('hugeview.goToOffset', log.timed[700].offset);
    await waitFor('the cursor at line 700', () => api.activeCursor()?.offset === log.timed[700].offset);
    const example = shown(timeAtTop());
    const running = vscode.commands.executeCommand<Answer | undefined>('hugeview.goToTime');
    const prompt = await waitFor('the Go to Time prompt', async () => {
      const q = await quickInput();
      return q.visible && q.prompt.includes('YYYY-MM-DD HH:MM:SS') ? q : undefined;
    });
    assert.ok(prompt.prompt.includes(`e.g. ${example}`), prompt.prompt);
    assert.equal(prompt.value, example);
    if (SHOTS) await screenshot(path.join(SHOTS, 'goToTime-prompt.png'));
    await keyboard({ press: ['Control+a'], type: '2026-11-30 09:00:00' });
    await keyboard({ press: ['Enter'] });
    const answer = await running;
    assert.equal(answer?.offset, log.timed[3600].offset);
  });

  test('Ctrl+Shift+T in a HugeView editor opens Go to Time', async () => {
    await open(logFile);
    await waitFor('the viewer has the focus', async () => (await inWebviews(() => document.hasFocus()))[0]);
    await press('Control+Shift+T');
    await waitFor('the Go to Time prompt', async () => {
      const q = await quickInput();
      return q.visible && q.prompt.includes('Go to Time');
    });
    await keyboard({ press: ['Escape'] });
  });

  test('the status bar shows the top line\'s time and follows scrolling', async () => {
    await open(logFile);
    await waitFor('the time of the first line', async () => (await statusTime()).includes('2026-11-30 08:00:00'));
    await go(stamp(T0 + 7200_000));
    await waitFor('the cursor on line 7200', () => api.activeCursor()?.offset === log.timed[7200].offset);
    await waitFor('the time of the top line after the jump', async () => (await statusTime()).includes(shown(timeAtTop())));
    const before = timeAtTop();
    await press('PageDown');
    await waitFor('the top line moved on', () => timeAtTop() > before);
    await waitFor('the time of the top line after Page Down', async () => (await statusTime()).includes(shown(timeAtTop())));
  });

  test('a file without timestamps: no status time, and Go to Time says it found none', async () => {
    const plain = path.join(dir, 'plain.txt');
    fs.writeFileSync(plain, 'no times here\n'.repeat(100));
    await open(plain);
    assert.equal(await go('2026-11-30'), undefined);
    await waitFor('the status time hidden', async () => (await statusTime()) === '');
  });
});
