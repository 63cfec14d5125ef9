// Levels in a real VS Code: level tokens coloured in the text view, ERROR/WARN marks along the scrollbar from the
// background count (native or the JavaScript fallback: this file runs against both backends), hugeview.highlights.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { expectedBackend } from '../helpers/backend';
import { tempDir } from '../helpers/files';
import { inWebviews, inWorkbench, marker, screenshot, waitFor } from './probe';
import { Marker } from '../../webview/core/testMarkers';

const { dir, cleanup } = tempDir('hugeview-levels-it-');
const logFile = path.join(dir, 'app.log');
const SHOTS = process.env.HUGEVIEW_LOOK_SHOTS;
const BUCKETS = 1000; // src/levels/LevelSession.ts LEVEL_BUCKETS
let api: HugeViewApi;

const THEMES = [
  { id: 'Default Dark Modern', kind: 'vscode-dark', background: 'rgb(31, 31, 31)' },
  { id: 'Default Light Modern', kind: 'vscode-light', background: 'rgb(255, 255, 255)' },
  { id: 'Default High Contrast', kind: 'vscode-high-contrast', background: 'rgb(0, 0, 0)' },
  { id: 'Default High Contrast Light', kind: 'vscode-high-contrast-light', background: 'rgb(255, 255, 255)' },
] as const;

/** A log whose ERROR lines sit in three clusters and WARN lines every 997th line; one line of words that must not count. */
function logLine(i: number): string {
  const stamp = `2026-11-30T01:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`;
  if ((i >= 2000 && i < 2040) || i === 9000 || (i >= 16_000 && i < 16_500)) return `${stamp} ERROR [worker-${i % 8}] request ${i} failed`;
  if (i % 997 === 5) return `${stamp} WARN cache miss for key ${i}`;
  if (i === 1) return `${stamp} INFO ERRORS TERROR ERROR_CODE are not levels`;
  if (i % 3 === 0) return `${stamp} DEBUG tick ${i}`;
  return `${stamp} INFO request ${i} ok`;
}
const LINES = 20_000;

/** The ERROR (class 0) runs along the track as the webview places them, from a count done here, in the test. */
function expectedErrorRuns(text: string): Array<{ top: number; height: number }> {
  const size = Buffer.byteLength(text);
  const bucketBytes = Math.max(1, Math.ceil(size / BUCKETS));
  const counts = new Array<number>(BUCKETS).fill(0);
  let start = 0;
  for (const line of text.split('\n')) {
    const m = /(?<![A-Za-z0-9_])(ERROR|FATAL|CRITICAL|WARNING|WARN|INFO|DEBUG|TRACE)(?![A-Za-z0-9_])/.exec(line);
    if (m && ['ERROR', 'FATAL', 'CRITICAL'].includes(m[1])) counts[Math.min(BUCKETS - 1, Math.floor(start / bucketBytes))]++;
    start += Buffer.byteLength(line) + 1;
  }
  const runs: Array<{ top: number; height: number }> = [];
  for (let i = 0; i < BUCKETS; ) {
    if (!counts[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < BUCKETS && counts[j]) j++;
    const top = Math.min(1, (i * bucketBytes) / size);
    runs.push({ top: Number((top * 100).toFixed(3)), height: Number(((Math.min(1, (j * bucketBytes) / size) - top) * 100).toFixed(3)) });
    i = j;
  }
  return runs;
}

function levelSpans() {
  return inWebviews(() =>
    [...document.querySelectorAll<HTMLElement>('.text-view .row:not([hidden]) .text span')].map((s) => ({ cls: s.className, text: s.textContent ?? '', color: getComputedStyle(s).color })),
  ).then((all) => all[0] ?? []);
}

function errorMarks() {
  return inWebviews(() => {
    const layer = document.querySelector<HTMLElement>('.levels-overview');
    return {
      done: layer?.dataset.done,
      error: [...(layer?.querySelectorAll<HTMLElement>('.mark.error:not([hidden])') ?? [])].map((m) => ({ top: parseFloat(m.style.top), height: parseFloat(m.style.height) })),
      warn: layer?.querySelectorAll('.mark.warn:not([hidden])').length ?? 0,
    };
  }).then((all) => all[0]);
}

async function openText(file: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
  await waitFor('the viewer painted', async () => (await marker(Marker.ready)) === '1');
  if (api.activeMode() !== 'text') await vscode.commands.executeCommand('hugeview.toggleMode');
  await waitFor('the text view on screen', async () => (await marker(Marker.mode)) === 'text');
}

/** The notifications (the notification centre's list), as text. */
async function notifications(): Promise<string[]> {
  await vscode.commands.executeCommand('notifications.showList');
  return inWorkbench(() => [...document.querySelectorAll<HTMLElement>('.notifications-center .notification-list-item-message')].map((e) => e.textContent ?? ''));
}

/** WCAG contrast of each level colour against the editor background, measured in the webview. */
function levelContrast() {
  const scratch = document.createElement('i');
  document.body.appendChild(scratch);
  const rgb = (value: string) => {
    scratch.style.color = value;
    const m = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)/.exec(getComputedStyle(scratch).color)!;
    return [+m[1], +m[2], +m[3]];
  };
  const lum = (c: number[]) => {
    const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  };
  const bg = rgb(getComputedStyle(document.body).backgroundColor);
  const out: Record<string, number> = {};
  for (const cls of ['lvl-error', 'lvl-warn', 'lvl-info', 'lvl-debug']) {
    const span = document.querySelector<HTMLElement>(`.text-view .row:not(.current) .text span.${cls}:not(.selected):not(.cursor)`);
    if (!span) continue;
    const [a, b] = [lum(rgb(getComputedStyle(span).color)), lum(bg)].sort((x, y) => y - x);
    out[cls] = Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100;
  }
  scratch.remove();
  return out;
}

suite('HugeView levels: colours in the text view and marks on the scrollbar', function () {
  this.timeout(60_000);
  let text = '';

  suiteSetup(async () => {
    text = Array.from({ length: LINES }, (_, i) => logLine(i)).join('\n') + '\n';
    fs.writeFileSync(logFile, text);
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('hugeview').update('highlights', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('hugeview').update('levels.enabled', undefined, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    cleanup();
  });

  test('ERROR, WARN, INFO and DEBUG tokens get their colour classes; ERRORS, TERROR and ERROR_CODE do not', async () => {
    await openText(logFile);
    const spans = await waitFor('level spans in the text rows', async () => {
      const all = await levelSpans();
      return all.some((s) => s.cls.includes('lvl-debug')) && all.some((s) => s.cls.includes('lvl-info')) ? all : undefined;
    });
    const byClass = (cls: string) => spans.filter((s) => s.cls.split(' ').includes(cls)).map((s) => s.text);
    assert.ok(byClass('lvl-debug').every((t) => t === 'DEBUG') && byClass('lvl-debug').length > 0, JSON.stringify(spans.slice(0, 8)));
    assert.ok(byClass('lvl-info').every((t) => t === 'INFO'));
    assert.ok(!spans.some((s) => /ERRORS|TERROR|ERROR_CODE/.test(s.text) && s.cls.includes('lvl-')), 'words that are not levels stay plain');
    // An ERROR line, then a WARN line (line 5 + 997) on screen.
    await vscode.commands.executeCommand('hugeview.goToOffset', text.indexOf(logLine(1999)));
    await waitFor('ERROR and WARN tokens coloured', async () => {
      const all = await levelSpans();
      return all.some((s) => s.cls.includes('lvl-error') && s.text === 'ERROR') ? all : undefined;
    });
    await vscode.commands.executeCommand('hugeview.goToOffset', text.indexOf(logLine(5 + 997)));
    await waitFor('a WARN token coloured', async () => (await levelSpans()).some((s) => s.cls.includes('lvl-warn') && s.text === 'WARN'));
  });

  test(`the scrollbar marks ERROR lines at the fractions of the file a count in the test finds (${expectedBackend()} backend)`, async () => {
    await openText(logFile);
    const want = expectedErrorRuns(text);
    assert.equal(want.length, 3, 'three clusters of ERROR lines');
    const seen = await waitFor('the level count done and drawn', async () => {
      const marks = await errorMarks();
      return marks?.done === 'true' ? marks : undefined;
    }, 20_000);
    assert.deepEqual(seen.error, want);
    // Counted by the backend this run is about: natively over the mapping, or by the JavaScript fallback on pread.
    assert.equal(api.documents().find((d) => d.path === logFile)?.backend, expectedBackend());
    assert.ok(seen.warn >= 15, `WARN marks: ${seen.warn}`);
  });

  test('the marks follow a file that grows: ERROR lines appended show at the end of the track', async () => {
    const growing = path.join(dir, 'growing.log');
    fs.writeFileSync(growing, text);
    await openText(growing);
    await waitFor('the first count drawn', async () => (await errorMarks())?.done === 'true');
    const more = Array.from({ length: 2000 }, (_, i) => `2026-11-30T02:00:00.000Z ERROR appended ${i}`).join('\n') + '\n';
    fs.appendFileSync(growing, more);
    const all = text + more;
    const want = expectedErrorRuns(all);
    await waitFor('the marks recounted for the grown file', async () => {
      const marks = await errorMarks();
      return marks?.done === 'true' && JSON.stringify(marks.error) === JSON.stringify(want);
    }, 20_000);
  });

  test('hugeview.highlights colours its matches with the theme colour; an invalid regex is a clear warning, not a crash', async () => {
    await openText(logFile);
    await vscode.workspace.getConfiguration('hugeview').update('highlights', [
      { regex: 'request \\d+', color: 'charts.purple' },
      { regex: '(unclosed', color: '#ff0000' },
      { regex: 'ok$', color: '#00aa00' },
    ], vscode.ConfigurationTarget.Global);
    const spans = await waitFor('highlight spans', async () => {
      const all = await levelSpans();
      return all.some((s) => s.cls.includes('hl-0')) && all.some((s) => s.cls.includes('hl-1')) ? all : undefined;
    });
    const purple = await inWebviews(() => {
      const i = document.createElement('i');
      i.style.color = 'var(--vscode-charts-purple)';
      document.body.appendChild(i);
      const c = getComputedStyle(i).color;
      i.remove();
      return c;
    });
    const request = spans.find((s) => s.cls.includes('hl-0'))!;
    assert.match(request.text, /^request \d+$/);
    assert.equal(request.color, purple[0]);
    // The bad entry is left out: the third entry is the webview's hl-1 (its #00aa00 on "ok" at the line end).
    const ok = spans.find((s) => s.cls.includes('hl-1'))!;
    assert.equal(ok.text, 'ok');
    assert.equal(ok.color, 'rgb(0, 170, 0)');
    const warned = await waitFor('a warning naming the bad highlight', async () => (await notifications()).find((t) => t.includes('hugeview.highlights[1]')));
    assert.match(warned, /invalid/);
    await vscode.commands.executeCommand('notifications.hideList');
    assert.ok(api.documents().length >= 1, 'the extension host is alive');
  });

  test('hugeview.levels.enabled: false takes the colours and the marks away', async () => {
    await openText(logFile);
    await waitFor('colours and marks', async () => (await levelSpans()).some((s) => s.cls.includes('lvl-')) && (await errorMarks())?.done === 'true');
    await vscode.workspace.getConfiguration('hugeview').update('levels.enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor('no level colours, no marks', async () => !(await levelSpans()).some((s) => s.cls.includes('lvl-')) && (await errorMarks())?.error.length === 0);
  });

  test('the level colours read at ≥ 4.5:1 on the editor background in Dark Modern, Light Modern and both high-contrast themes', async () => {
    await openText(logFile);
    await vscode.commands.executeCommand('hugeview.goToOffset', text.indexOf(logLine(1995)));
    const failures: string[] = [];
    for (const theme of THEMES) {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme.id, vscode.ConfigurationTarget.Global);
      await waitFor(`the webview in ${theme.id}`, async () => (await inWebviews((kind) => document.body.classList.contains(kind) && getComputedStyle(document.body).backgroundColor, theme.kind))[0] === theme.background);
      const ratios = await waitFor('every level on screen', async () => {
        const r = (await inWebviews(levelContrast))[0];
        return r && Object.keys(r).length === 4 ? r : undefined;
      });
      for (const [cls, ratio] of Object.entries(ratios)) if (ratio < 4.5) failures.push(`${theme.id}: ${cls} ${ratio}:1`);
      if (SHOTS) await screenshot(path.join(SHOTS, `levels-${theme.kind}.png`));
    }
    assert.deepEqual(failures, []);
  });
});
