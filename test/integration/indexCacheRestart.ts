// The line index cache across a restart of the extension host: two VS Code sessions on the same user data
// (global storage), run one after the other by indexCacheRestart.mjs. Not part of the main suite (its name
// does not end in .test.ts): HUGEVIEW_RESTART_PHASE says which session this is, HUGEVIEW_RESTART_DIR where
// the files are (they outlive the first session).
//   first:  counts four logs (nothing cached yet) and waits until each is stored
//   second: a fresh extension host; the unchanged log has its line numbers without a scan, the appended one
//           counts only what was added, the truncated and the rewritten ones count from byte 0
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hugeViewApi, logText, newlinesIn, openCounted, waitForStatusLine, waitStored } from './indexCacheFiles';
import { defineTagsRestart } from './tagsRestart';

const LINES = 150_000;

export async function run(): Promise<void> {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const { runMocha } = require(path.join(repo, 'test', 'harness', 'mocha-run.cjs')) as {
    runMocha(options: { define: (ctx: { describe: Mocha.SuiteFunction; it: Mocha.TestFunction; afterEach: Mocha.HookFunction }) => void; timeout: number }): Promise<unknown>;
  };
  const phase = process.env.HUGEVIEW_RESTART_PHASE;
  const dir = process.env.HUGEVIEW_RESTART_DIR;
  if ((phase !== 'first' && phase !== 'second') || !dir) throw new Error(`indexCacheRestart: HUGEVIEW_RESTART_PHASE=first|second and HUGEVIEW_RESTART_DIR are required (got ${phase}, ${dir})`);
  const file = (name: string) => path.join(dir, `${name}.log`);
  await runMocha({
    timeout: 60_000,
    define: ({ describe, it, afterEach }) => {
      defineTagsRestart({ describe, it }, phase, path.join(dir, 'tags'), hugeViewApi);
      describe(`HugeView line index cache across an extension host restart (${phase} session)`, () => {
        afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
        if (phase === 'first') {
          it('counts each log from byte 0 and stores its index in global storage when the count is done', async () => {
            const api = await hugeViewApi();
            fs.mkdirSync(dir, { recursive: true });
            for (const name of ['unchanged', 'appended', 'truncated', 'rewritten']) {
              fs.writeFileSync(file(name), logText(LINES));
              const state = await openCounted(api, file(name));
              assert.equal(state.restored, null, `${name}: nothing cached yet`);
              assert.equal(state.scannedBytes, fs.statSync(file(name)).size);
              // Stored when the count finished, with the editor still open: the session may end without a close.
              await waitStored(api, file(name));
            }
          });
        } else {
          it('an unchanged log has its line numbers from the cache at once: nothing scanned, "Ln 1 of N" in the status bar', async () => {
            const api = await hugeViewApi();
            const state = await openCounted(api, file('unchanged'));
            assert.deepEqual(
              { restored: state.restored, scannedBytes: state.scannedBytes, newlines: state.newlines },
              { restored: 'unchanged', scannedBytes: 0, newlines: newlinesIn(file('unchanged')) },
            );
            await waitForStatusLine(`Ln 1 of ${LINES.toLocaleString('en-US')}`);
          });
          it('an appended log resumes from the cached end: only the appended bytes are scanned', async () => {
            const api = await hugeViewApi();
            const oldSize = fs.statSync(file('appended')).size;
            const appended = logText(3_000, LINES + 1);
            fs.appendFileSync(file('appended'), appended);
            const state = await openCounted(api, file('appended'));
            assert.deepEqual(
              { restored: state.restored, restoredTo: state.restoredTo, scannedBytes: state.scannedBytes, newlines: state.newlines },
              { restored: 'appended', restoredTo: oldSize, scannedBytes: Buffer.byteLength(appended), newlines: newlinesIn(file('appended')) },
            );
          });
          it('a truncated log and a log rewritten in place at the same size are counted from byte 0', async () => {
            const api = await hugeViewApi();
            fs.truncateSync(file('truncated'), fs.statSync(file('truncated')).size - 12_345);
            const text = Buffer.from(logText(LINES));
            for (let i = 100; i < text.length; i += 1000) if (text[i] === 0x78 /* x */) text[i] = 10;
            const fd = fs.openSync(file('rewritten'), 'r+');
            fs.writeSync(fd, text, 0, text.length, 0);
            fs.closeSync(fd);
            for (const name of ['truncated', 'rewritten']) {
              const state = await openCounted(api, file(name));
              assert.deepEqual(
                { restored: state.restored, scannedBytes: state.scannedBytes, newlines: state.newlines },
                { restored: null, scannedBytes: fs.statSync(file(name)).size, newlines: newlinesIn(file(name)) },
                name,
              );
            }
          });
        }
      });
    },
  });
}
