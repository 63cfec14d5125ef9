// The filtered view in a real VS Code: hugeview.filter counts what rg counts (include, exclude, regex, case, whole
// word, all/any, context), and the pane lists the lines virtualised; a click or Enter moves the main view there.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { tempDir } from '../helpers/files';
import { clickViewer, inWebviews, keyboard, waitFor } from './probe';

const { dir, cleanup } = tempDir('hugeview-filter-it-');
let api: HugeViewApi;

interface Summary {
  matchedLines: number;
  listedLines: number;
  scannedBytes: number;
  done: boolean;
  error?: string;
}

interface Filter {
  pattern: string;
  mode?: 'text' | 'regex';
  caseSensitive?: boolean;
  wholeWord?: boolean;
  exclude?: boolean;
}

/** rg's output lines (no `--` group separators), or its -c count. */
function rg(args: string[], input?: string): string[] {
  try {
    const out = execFileSync('rg', ['--no-config', ...args], { input, maxBuffer: 1 << 28 }).toString();
    return out.split('\n').filter((l) => l !== '' && l !== '--');
  } catch (error) {
    if ((error as { status?: number }).status === 1) return [];
    throw new Error(`ripgrep (rg) is needed for this test: apt-get install ripgrep — ${(error as Error).message}`);
  }
}

function rgCount(file: string, ...args: string[]): number {
  const out = rg(['-c', ...args, file]);
  return out.length ? Number(out[0]) : 0;
}

function filter(filters: Filter[], options: { combine?: 'all' | 'any'; context?: number } = {}): Promise<Summary> {
  return vscode.commands.executeCommand('hugeview.filter', { filters: filters.map((f) => ({ caseSensitive: true, ...f })), combine: options.combine ?? 'all', context: options.context ?? 0 }) as Promise<Summary>;
}

/** A log of `lines` lines with levels, words that are and are not whole, and ids for regexes. */
function writeLog(file: string, lines: number): void {
  const levels = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR', 'info'];
  const words = ['disk full', 'timeout waiting', 'errors=0 ok', 'user error retry', 'Error: boom', 'connection reset', 'terror level', 'ok'];
  const out: string[] = [];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < lines; i++) {
    out.push(`2024-05-01T10:${String(i % 60).padStart(2, '0')}:00Z ${levels[next() % levels.length]} worker-${next() % 9} ${words[next() % words.length]} id=${next() % 100000}`);
  }
  fs.writeFileSync(file, out.join('\n') + '\n');
}

async function open(file: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
  await waitFor('the panel', () => api.documents().some((d) => d.path === file));
  await waitFor('the viewer', async () => (await inWebviews(() => document.body.dataset.ready))[0] === '1');
}

function paneState() {
  return inWebviews(() => {
    const pane = document.getElementById('filter-pane');
    const list = document.getElementById('filter-list');
    const rows = [...document.querySelectorAll<HTMLElement>('.filter-row')].filter((r) => !r.hidden);
    return {
      open: pane !== null && !pane.hidden,
      done: pane?.dataset.done === '1',
      status: document.getElementById('filter-status')?.textContent ?? '',
      rowsInDom: document.querySelectorAll('.filter-row').length,
      focused: document.activeElement?.id ?? '',
      scrollHeight: list?.scrollHeight ?? 0,
      rows: rows.map((r) => ({ index: Number(r.dataset.index), line: Number(r.dataset.line), offset: r.dataset.offset === '' ? -1 : Number(r.dataset.offset), text: r.querySelector('.filter-text')?.textContent ?? '', match: r.querySelector('.filter-match')?.textContent ?? '' })),
    };
  }).then((all) => all[0]);
}

suite('HugeView filtered view: counts like rg, a virtualised pane that moves the view', function () {
  this.timeout(60_000);
  // ~6.5 MiB: past the first 4 MiB segment, so context carries across a segment border
  const file = path.join(dir, 'app.log');

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
    writeLog(file, 90_000);
    await open(file);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    cleanup();
  });

  test('include, exclude, case, whole word and regex filters count the lines rg -c / rg -c -v count', async () => {
    const cases: Array<[Filter, string[]]> = [
      [{ pattern: 'ERROR' }, ['-F', '-s', 'ERROR']],
      [{ pattern: 'error', caseSensitive: false }, ['-F', '-i', 'error']],
      [{ pattern: 'error', caseSensitive: false, wholeWord: true }, ['-F', '-i', '-w', 'error']],
      [{ pattern: 'INFO', exclude: true }, ['-F', '-s', '-v', 'INFO']],
      [{ pattern: 'info', caseSensitive: false, exclude: true }, ['-F', '-i', '-v', 'info']],
      [{ pattern: 'id=\\d*7$', mode: 'regex' }, ['-s', 'id=\\d*7$']],
      [{ pattern: 'worker-[12] .*(reset|full)', mode: 'regex', caseSensitive: false }, ['-i', 'worker-[12] .*(reset|full)']],
    ];
    for (const [f, args] of cases) {
      const summary = await filter([f]);
      assert.equal(summary.done, true, JSON.stringify(f));
      assert.equal(summary.scannedBytes, fs.statSync(file).size);
      const expected = rgCount(file, ...args);
      assert.ok(expected > 0, `rg ${args.join(' ')} finds something`);
      assert.equal(summary.matchedLines, expected, `${JSON.stringify(f)} vs rg -c ${args.join(' ')}`);
      assert.equal(summary.listedLines, expected);
    }
  });

  test('all / any combine filters as rg -e … and rg … | rg -v … do', async () => {
    const all = await filter([{ pattern: 'ERROR' }, { pattern: 'worker-3' }]);
    assert.equal(all.matchedLines, rg(['-F', '-s', 'worker-3'], rg(['-F', '-s', 'ERROR', file]).join('\n')).length);
    const allExclude = await filter([{ pattern: 'ERROR' }, { pattern: 'timeout', exclude: true }]);
    assert.equal(allExclude.matchedLines, rg(['-F', '-s', '-v', 'timeout'], rg(['-F', '-s', 'ERROR', file]).join('\n')).length);
    const any = await filter([{ pattern: 'ERROR' }, { pattern: 'WARN' }], { combine: 'any' });
    assert.equal(any.matchedLines, rgCount(file, '-F', '-s', '-e', 'ERROR', '-e', 'WARN'));
    // any with an exclude: a line passes without "INFO" or with "reset"
    const anyExclude = await filter([{ pattern: 'INFO', exclude: true }, { pattern: 'reset' }], { combine: 'any' });
    const lines = fs.readFileSync(file, 'utf8').split('\n').slice(0, -1);
    assert.equal(anyExclude.matchedLines, lines.filter((l) => !l.includes('INFO') || l.includes('reset')).length);
  });

  test('context lines list what rg -C N prints (separators aside), across the segment borders', async () => {
    for (const [pattern, n] of [['disk full', 2], ['ERROR', 1], ['id=4242', 3]] as const) {
      const summary = await filter([{ pattern }], { context: n });
      assert.equal(summary.matchedLines, rgCount(file, '-F', '-s', pattern));
      assert.equal(summary.listedLines, rg(['-F', '-s', '-C', String(n), pattern, file]).length, `${pattern} -C ${n}`);
    }
    const excluded = await filter([{ pattern: 'INFO', exclude: true }], { context: 1 });
    assert.equal(excluded.listedLines, rg(['-F', '-s', '-v', '-C', '1', 'INFO', file]).length);
  });

  test('the pane lists thousands of lines with a few rows in the DOM; scrolling, a click and Enter move the main view to the line', async () => {
    const summary = await filter([{ pattern: 'ERROR' }]);
    const expected = rg(['-n', '-F', '-s', 'ERROR', file]);
    assert.ok(summary.matchedLines > 5000, `${summary.matchedLines} lines`);
    const first = await waitFor('the first rows', async () => {
      const s = await paneState();
      return s?.open && s.done && s.rows.length > 3 && s.rows[0].offset >= 0 ? s : undefined;
    });
    assert.match(first.status, new RegExp(`${summary.matchedLines.toLocaleString('en-US')} matching lines`));
    assert.ok(first.rowsInDom < 100, `${first.rowsInDom} rows in the DOM for ${summary.matchedLines}`);
    // each row: rg -n's line number and text, the match highlighted
    const [lineNo, ...rest] = expected[0].split(':');
    assert.equal(first.rows[0].line, Number(lineNo));
    assert.equal(first.rows[0].text, rest.join(':'));
    assert.equal(first.rows[0].match, 'ERROR');

    // scroll to the middle: the rows there arrive, with rg's line numbers
    await inWebviews(() => {
      const list = document.getElementById('filter-list')!;
      list.scrollTop = list.scrollHeight / 2;
    });
    const middle = await waitFor('rows in the middle', async () => {
      const s = await paneState();
      return s && s.rows.length > 3 && s.rows[0].index > 1000 && s.rows.every((r) => r.offset >= 0) ? s : undefined;
    });
    const target = middle.rows[2];
    assert.equal(target.line, Number(expected[target.index].split(':')[0]));
    await clickViewer(`.filter-row[data-index="${target.index}"] .filter-text`);
    await waitFor('the cursor on the clicked line', () => api.activeCursor()?.offset === target.offset);
    const next = middle.rows[3];
    await keyboard({ press: ['ArrowDown', 'Enter'] });
    await waitFor('the cursor on the next line (ArrowDown, Enter)', () => api.activeCursor()?.offset === next.offset);
    await keyboard({ press: ['End'] });
    const end = await waitFor('the last row', async () => {
      const s = await paneState();
      const last = s?.rows.find((r) => r.index === summary.listedLines - 1);
      return last && last.offset >= 0 ? last : undefined;
    });
    assert.equal(end.line, Number(expected[expected.length - 1].split(':')[0]));
    await keyboard({ press: ['Enter'] });
    await waitFor('the cursor on the last ERROR line', () => api.activeCursor()?.offset === end.offset);
    await keyboard({ press: ['Escape'] });
    await waitFor('the pane closed', async () => (await paneState())?.open === false);
  });

  test('opened while Find holds a query, the pane filters on that query (filter on this query)', async () => {
    await vscode.commands.executeCommand('hugeview.find', { pattern: 'disk full', mode: 'text', caseSensitive: true });
    await vscode.commands.executeCommand('hugeview.filter'); // Ctrl+Alt+L or the title bar: no arguments
    const expected = rgCount(file, '-F', '-s', 'disk full');
    const state = await waitFor('the pane on the find query', async () => {
      const s = await paneState();
      const listed = s?.open && s.done && s.status.startsWith(`${expected.toLocaleString('en-US')} matching lines`);
      return listed && s.rows.length > 0 && s.rows[0].offset >= 0 ? s : undefined; // the status first, the rows a round trip later
    });
    assert.equal(state.rows[0].match, 'disk full');
  });

  test('export is capped and says so: the first N lines of the filtered ones, in a new document', async () => {
    const summary = await filter([{ pattern: 'WARN' }]);
    const result = (await vscode.commands.executeCommand('hugeview.filterExport', { target: 'document', cap: 100 })) as { exported: number; total: number; capped: boolean };
    assert.deepEqual(result, { exported: 100, total: summary.listedLines, capped: true });
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc?.isUntitled);
    const lines = doc!.getText().split('\n').slice(0, -1);
    assert.deepEqual(lines, rg(['-F', '-s', 'WARN', file]).slice(0, 100));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
