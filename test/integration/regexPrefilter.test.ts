// Regex Find in a real VS Code with the literal prefilter (the kernel finds the regex's required literal, the
// worker runs the regex on the lines around it): the counts of `rg --count-matches` and the first match's
// offset, with and without a literal, case-insensitive, on a log longer than a few search chunks.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { tempDir } from '../helpers/files';
import { inWebviews, waitFor } from './probe';

const { dir, cleanup } = tempDir('hugeview-regex-prefilter-it-');

interface Summary {
  count: number;
  first: { offset: number; length: number } | null;
  error?: string;
}

function rgCount(file: string, ...args: string[]): number {
  try {
    return Number(execFileSync('rg', ['--count-matches', ...args, file]).toString().trim());
  } catch (error) {
    if ((error as { status?: number }).status === 1) return 0;
    throw new Error(`ripgrep (rg) is needed for this test: apt-get install ripgrep — ${(error as Error).message}`);
  }
}

function find(pattern: string, caseSensitive = true): Promise<Summary> {
  return vscode.commands.executeCommand('hugeview.find', { pattern, mode: 'regex', caseSensitive, wholeWord: false }) as Promise<Summary>;
}

suite('HugeView regex Find with a literal prefilter', function () {
  this.timeout(60_000);
  let api: HugeViewApi;
  const file = path.join(dir, 'app.log');

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
    const lines: string[] = [];
    let size = 0;
    for (let n = 0; size < 5 * 2 ** 20; n++) {
      const line = n % 499 === 0 ? `2026-11-01T00:00:00Z ERROR [w${n % 4}] request ${n} failed: upstream timeout (timeout=30s)` : `2026-11-01T00:00:00Z INFO  [w${n % 4}] request ${n} served in ${n % 250} ms`;
      lines.push(line);
      size += line.length + 1;
    }
    fs.writeFileSync(file, lines.join('\n') + '\n');
  });
  suiteTeardown(cleanup);
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('ERROR.*timeout, a literal that never occurs, case-insensitive and no-literal regexes count as rg does', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
    await waitFor('the panel', () => api.documents().some((d) => d.path === file));
    await waitFor('the find widget', async () => (await inWebviews(() => document.body.dataset.findState))[0] !== undefined);
    const text = fs.readFileSync(file, 'latin1');
    const first = await find('ERROR.*timeout');
    assert.equal(first.error, undefined);
    assert.equal(first.count, rgCount(file, 'ERROR.*timeout'));
    const m = /ERROR.*timeout/.exec(text)!;
    assert.deepEqual(first.first && { offset: first.first.offset, length: first.first.length }, { offset: m.index, length: m[0].length });
    assert.equal((await find('timeout\\)$')).count, rgCount(file, 'timeout\\)$'));
    assert.equal((await find('user=\\d+ .*denied')).count, 0);
    assert.equal((await find('error.*TIMEOUT', false)).count, rgCount(file, '-i', 'error.*TIMEOUT'));
    assert.equal((await find('[A-Z]{5} \\[w[0-3]\\]')).count, rgCount(file, '[A-Z]{5} \\[w[0-3]\\]'));
  });
});
