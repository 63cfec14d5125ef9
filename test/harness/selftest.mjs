// Proves the harness end to end on a throwaway fixture extension, generated in
// os.tmpdir() at run time (nothing here is committed but this script):
//
//  1. a passing mocha suite in the real extension host: vscode.version, the
//     fixture's command, opening a workspace file, and a WebviewPanel whose
//     text Playwright finds in a nested frame (page.frames()) and whose button
//     it clicks; the click travels back to the extension as a webview message,
//     which the suite awaits (suite <-> Playwright coordination); the webview
//     also loads a script through asWebviewUri (the webview service worker);
//  2. a deliberately failing suite, which must give a non-zero exit code.
//
//   node test/harness/selftest.mjs        (exit 0 when all checks hold)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSuite, waitForFrameWithText } from './run-suite.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MOCHA_RUN = path.join(HERE, 'mocha-run.cjs');
const WEBVIEW_TEXT = 'HELLO-FROM-WEBVIEW';

// --- fixture ------------------------------------------------------------------
const FIXTURE_PACKAGE = {
  name: 'hv-selftest', publisher: 'hugeview-test', version: '0.0.1',
  engines: { vscode: '^1.90.0' },
  main: './extension.js',
  activationEvents: ['onStartupFinished'],
  contributes: {
    commands: [
      { command: 'hvSelftest.hello', title: 'Selftest: Hello' },
      { command: 'hvSelftest.showWebview', title: 'Selftest: Show Webview' },
      { command: 'hvSelftest.waitForPong', title: 'Selftest: Wait For Pong' },
    ],
  },
};

const FIXTURE_EXTENSION = `
const vscode = require('vscode');
let resolvePong;
const pong = new Promise((r) => { resolvePong = r; });

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.commands.registerCommand('hvSelftest.hello', (x) => 'hello:' + x),
    vscode.commands.registerCommand('hvSelftest.showWebview', () => {
      const panel = vscode.window.createWebviewPanel('hvSelftest', 'Selftest Webview',
        vscode.ViewColumn.One, { enableScripts: true });
      panel.webview.onDidReceiveMessage((m) => { if (m && m.type === 'pong') resolvePong(m.from); });
      // A local resource through asWebviewUri: served by the webview's service worker.
      const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'media', 'webview.js'));
      panel.webview.html = \`<!DOCTYPE html><html><head>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src \${panel.webview.cspSource} 'nonce-selftest'; style-src 'unsafe-inline';">
        </head><body>
        <h1 id="greeting">${WEBVIEW_TEXT}</h1>
        <div id="resource">pending</div>
        <button id="ping">ping</button>
        <script src="\${script}"></script>
        <script nonce="selftest">
          const api = acquireVsCodeApi();
          document.getElementById('ping').addEventListener('click', () => api.postMessage({ type: 'pong', from: 'playwright-click' }));
        </script></body></html>\`;
      return true;
    }),
    vscode.commands.registerCommand('hvSelftest.waitForPong', () => pong),
  );
};
exports.deactivate = () => {};
`;

const PASSING_SUITE = `
const assert = require('node:assert/strict');
const { runMocha } = require(${JSON.stringify(MOCHA_RUN)});

exports.run = () => runMocha({ define: ({ describe, it }) => {
  const vscode = require('vscode');
  describe('harness selftest', () => {
    it('runs in the real VS Code extension host', () => {
      assert.match(vscode.version, /^1\\.\\d+\\.\\d+/);
      assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
      console.log('VS Code ' + vscode.version + ' extension host on Node ' + process.version);
    });
    it('executes the fixture command', async () => {
      assert.equal(await vscode.commands.executeCommand('hvSelftest.hello', 42), 'hello:42');
    });
    it('opens a workspace file in an editor', async () => {
      const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'hello.txt');
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      assert.equal(editor.document.getText().trim(), 'hello from the workspace');
      assert.equal(vscode.window.activeTextEditor.document.uri.toString(), uri.toString());
    });
    it('shows a webview that Playwright finds and clicks', async () => {
      await vscode.commands.executeCommand('hvSelftest.showWebview');
      // Resolved when Playwright (onPage) clicks the button inside the webview.
      assert.equal(await vscode.commands.executeCommand('hvSelftest.waitForPong'), 'playwright-click');
    });
  });
}});
`;

const FAILING_SUITE = `
const assert = require('node:assert/strict');
const { runMocha } = require(${JSON.stringify(MOCHA_RUN)});
exports.run = () => runMocha({ define: ({ describe, it }) => {
  describe('deliberately failing', () => {
    it('passes', () => assert.ok(require('vscode').version));
    it('fails', () => assert.equal(1 + 1, 3, 'DELIBERATE-FAILURE'));
  });
}});
`;

function makeFixture() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-selftest-'));
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  write('ext/package.json', JSON.stringify(FIXTURE_PACKAGE, null, 2));
  write('ext/extension.js', FIXTURE_EXTENSION);
  write('ext/media/webview.js', "document.getElementById('resource').textContent = 'RESOURCE-LOADED';\n");
  write('workspace/hello.txt', 'hello from the workspace\n');
  write('suites/passing.js', PASSING_SUITE);
  write('suites/failing.js', FAILING_SUITE);
  return root;
}

// --- checks -------------------------------------------------------------------
const results = [];
async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`[selftest] ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`[selftest] FAIL ${name}: ${e.stack || e}`);
  }
}

const root = makeFixture();
const common = { extensionPath: path.join(root, 'ext'), workspace: path.join(root, 'workspace'), timeoutMs: 120_000 };
console.log(`[selftest] fixture in ${root}`);

await check('passing suite exits 0; Playwright finds and clicks the webview', async () => {
  let found;
  const r = await runSuite({
    ...common,
    suitePath: path.join(root, 'suites', 'passing.js'),
    onPage: async (page, { log }) => {
      const frame = await waitForFrameWithText(page, WEBVIEW_TEXT, { timeoutMs: 60_000 });
      found = await frame.locator('#greeting').textContent();
      log(`[selftest] found "${found}" in nested frame ${frame.url().slice(0, 90)}...`);
      await frame.getByText('RESOURCE-LOADED').waitFor({ timeout: 30_000 }); // asWebviewUri works
      log('[selftest] the webview loaded its asWebviewUri script');
      await frame.locator('#ping').click();
    },
  });
  assert.equal(r.exitCode, 0, 'exit code');
  assert.equal(found, WEBVIEW_TEXT);
  assert.match(r.log, /VS Code 1\.\d+\.\d+ extension host on Node v24\./);
  assert.deepEqual(r.counts, { passed: 4, failed: 0, skipped: 0 });
});

await check('failing suite exits non-zero and reports the failure', async () => {
  const r = await runSuite({ ...common, suitePath: path.join(root, 'suites', 'failing.js'), quiet: true });
  if (r.windowLogsDir) fs.rmSync(r.windowLogsDir, { recursive: true, force: true });
  console.log(`[selftest] failing suite: exit code ${r.exitCode}, counts ${JSON.stringify(r.counts)}`);
  assert.notEqual(r.exitCode, 0, 'exit code');
  assert.match(r.log, /DELIBERATE-FAILURE/);
  assert.deepEqual(r.counts, { passed: 1, failed: 1, skipped: 0 });
});

if (process.argv.includes('--timeout-case')) { // slow (waits out the timeout); not run by default
  await check('a suite that never finishes times out with a non-zero exit', async () => {
    fs.writeFileSync(path.join(root, 'suites', 'hang.js'), 'exports.run = () => new Promise(() => {});\n');
    const r = await runSuite({ ...common, suitePath: path.join(root, 'suites', 'hang.js'), timeoutMs: 20_000, quiet: true });
    assert.equal(r.timedOut, true);
    assert.notEqual(r.exitCode, 0);
  });
}

fs.rmSync(root, { recursive: true, force: true });
const failed = results.filter((r) => !r.ok).length;
console.log(`selftest: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
