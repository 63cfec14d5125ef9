// The benchmark report as a person sees it in a narrow (580 px) pane: nothing cut off, no wrapped cell.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BenchReport } from '../../shared/benchReport';
import { patternBytes, tempDir } from '../helpers/files';
import { inReportWebviews, screenshot, setViewport, waitFor } from './probe';

const { dir, cleanup } = tempDir('hugeview-report-it-');
const file = path.join(dir, 'bench-16m.bin');

/** What the report panel lays out: overflow, wrapped cells, row heights, chart labels running into values or bars. Runs in the webview. */
function reportLayout() {
  const doc = document.documentElement;
  const wrapped: string[] = [];
  for (const cell of document.querySelectorAll<HTMLElement>('.cases th, .cases td')) {
    if (cell.getClientRects().length === 0) continue; // a column given way in a narrow pane
    const range = document.createRange();
    range.selectNodeContents(cell);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    if (lines.size > 1) wrapped.push(cell.textContent ?? '');
  }
  const heights = [...document.querySelectorAll<HTMLElement>('.cases tbody tr:not(.cache)')].map((tr) => Math.round(tr.getBoundingClientRect().height));
  const labels = [...document.querySelectorAll<SVGTextElement>('.chart text.label')];
  const values = [...document.querySelectorAll<SVGTextElement>('.chart text.value')];
  const bars = [...document.querySelectorAll<SVGRectElement>('.chart rect.bar')];
  const collisions: string[] = [];
  labels.forEach((label, i) => {
    const [l, v, b] = [label.getBoundingClientRect(), values[i].getBoundingClientRect(), bars[i].getBoundingClientRect()];
    if (l.right > v.left || l.right > b.left + 0.5 || b.right > v.left + 0.5) collisions.push(`${label.textContent} | ${values[i].textContent}`);
  });
  const shown = [...document.querySelectorAll<HTMLElement>('.cases th')].filter((th) => th.getClientRects().length > 0);
  const clippedHeaders = shown.filter((th) => th.getBoundingClientRect().right > doc.clientWidth + 0.5).map((th) => th.textContent);
  return {
    width: window.innerWidth,
    overflow: doc.scrollWidth - doc.clientWidth,
    tableOverflow: [...document.querySelectorAll<HTMLElement>('.table-frame')].map((f) => f.scrollWidth - f.clientWidth),
    headers: shown.map((th) => th.textContent),
    clippedHeaders,
    wrapped,
    heights: [...new Set(heights)],
    collisions,
    rows: heights.length,
  };
}

suite('HugeView benchmark report layout', function () {
  this.timeout(180_000);

  suiteSetup(() => {
    fs.writeFileSync(file, Buffer.concat(Array.from({ length: 16 }, (_, i) => patternBytes(1 << 20, i + 1))));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setViewport(1280, 800);
    cleanup();
  });

  test('e2e: in a 580 px pane the report has no horizontal overflow, no wrapped cell, Speed-up and Winner visible, chart labels clear of bars and values', async () => {
    const report = (await vscode.commands.executeCommand('hugeview.benchmark', { uri: vscode.Uri.file(file), mode: 'quick' })) as BenchReport;
    assert.ok(report && !report.partial, 'the benchmark ran');
    await waitFor('the report rendered', async () => (await inReportWebviews(() => document.querySelectorAll('.cases tbody tr:not(.cache)').length))[0] === report.cases.length);
    // size the window until the report's pane is 580 px wide, whatever the editor layout
    let windowWidth = 1280;
    let paneWidth = (await inReportWebviews(() => window.innerWidth))[0];
    let slope = 1; // window px per pane px (a split shares a change between groups)
    for (let i = 0; i < 6 && Math.abs(paneWidth - 580) > 2; i++) {
      const next = Math.max(400, Math.round(windowWidth + (580 - paneWidth) * slope));
      await setViewport(next, 800);
      const before = paneWidth;
      const after = await waitFor('the pane resized', async () => {
        const [w] = await inReportWebviews(() => window.innerWidth);
        return w !== before ? w : undefined;
      }, 3000).catch(() => before);
      if (after !== before) slope = (next - windowWidth) / (after - before);
      windowWidth = next;
      paneWidth = after;
    }
    const layout = (await inReportWebviews(reportLayout))[0];
    if (process.env.HUGEVIEW_LOOK_SHOTS) await screenshot(path.join(process.env.HUGEVIEW_LOOK_SHOTS, 'ux-look-report-580.png'));
    const coldOps = report.cases.filter((c) => c.cache === 'cold').flatMap((c) => [c.mmap?.ops, c.pread?.ops]).filter((n): n is number => n !== undefined);
    console.log(`    report pane ${layout.width} px: page overflow ${layout.overflow} px, table overflow ${layout.tableOverflow.join('/')} px, row heights ${layout.heights.join('/')} px; cold reads per side min ${Math.min(...coldOps)}`);
    assert.ok(Math.abs(layout.width - 580) <= 2, `the pane is ${layout.width} px`);
    assert.ok(layout.overflow <= 0, `the page overflows by ${layout.overflow} px`);
    assert.deepEqual(layout.tableOverflow.filter((o) => o > 0), [], 'a table scrolls sideways');
    assert.deepEqual(layout.clippedHeaders, []);
    assert.ok(layout.headers.includes('Speed-up') && layout.headers.includes('Winner'), `columns shown: ${layout.headers.join(', ')}`);
    assert.deepEqual(layout.wrapped, [], 'cells wrapped onto a second line');
    assert.equal(layout.heights.length, 1, `rows of different heights: ${layout.heights.join(', ')}`);
    assert.deepEqual(layout.collisions, [], 'chart labels run into their values or bars');
  });
});
