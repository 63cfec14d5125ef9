#!/usr/bin/env node
// npm run screenshots: drives HugeView in the real VS Code (the test harness's
// server + Chromium) over small generated samples and writes the README's
// pictures: docs/images/text-view.png (a log with line numbers and search
// matches) and docs/images/hex-view.png (a binary with the Data Inspector).
// The steps run inside the extension host as a suite (HugeView's own commands);
// the pictures are taken by Playwright through the webview probe.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProbe } from '../test/harness/probe.mjs';
import { runSuite } from '../test/harness/run-suite.mjs';
import { generateBinary, generateLog } from './samples.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const images = path.join(root, 'docs', 'images');
fs.mkdirSync(images, { recursive: true });
execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { stdio: 'inherit', cwd: root });

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-screenshots-'));
const log = path.join(workspace, 'server.log');
const binary = path.join(workspace, 'firmware.bin');
generateLog(log, 64 << 20);
generateBinary(binary, 4 << 20);

const suite = path.join(workspace, 'screenshots-suite.cjs');
fs.writeFileSync(suite, `'use strict';
const vscode = require('vscode');
const probe = process.env.HUGEVIEW_PROBE_URL;
async function call(route, body) {
  const response = await fetch(probe + route, { method: 'POST', body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(route + ': ' + json.error);
  return json;
}
const view = (fn) => call('/eval', { fn: fn.toString() }).then((r) => r.results[0]);
async function waitFor(what, check, ms = 60000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error('screenshots: timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 200));
  }
}
/** The picture waits until the view has painted rows and nothing changed for half a second. */
async function settled() {
  let last = '';
  let since = Date.now();
  await waitFor('a settled view', async () => {
    const now = await view(() => document.body.dataset.ready + '|' + document.querySelectorAll('[data-offset]').length + '|' + document.body.innerText.length);
    if (now !== last) { last = now; since = Date.now(); }
    return now.startsWith('1|') && Date.now() - since > 500;
  });
}
exports.run = async function run() {
  const api = await vscode.extensions.getExtension('hugeview.hugeview').activate();
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(${JSON.stringify(log)}), 'hugeview.viewer');
  await waitFor('the log', () => view(() => document.body.dataset.ready === '1'));
  await waitFor('the line index', async () => api.indexState(${JSON.stringify(log)})?.done === true);
  await vscode.commands.executeCommand('hugeview.find', { pattern: 'ERROR', mode: 'text' });
  await waitFor('the search', async () => api.searches(${JSON.stringify(log)}).length > 0);
  await vscode.commands.executeCommand('hugeview.findNext');
  await settled();
  await call('/screenshot', { path: ${JSON.stringify(path.join(images, 'text-view.png'))} });
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(${JSON.stringify(binary)}), 'hugeview.viewer');
  await waitFor('the binary', () => view(() => document.body.dataset.ready === '1' && document.body.dataset.mode === 'hex'));
  await vscode.commands.executeCommand('hugeview.goToOffset', '0x1040');
  await vscode.commands.executeCommand('hugeview.toggleInspector');
  await settled();
  await call('/screenshot', { path: ${JSON.stringify(path.join(images, 'hex-view.png'))} });
};
`);

const probe = await startProbe();
process.env.HUGEVIEW_PROBE_URL = probe.url;
try {
  const { exitCode } = await runSuite({
    extensionPath: root, suitePath: suite, workspace, timeoutMs: 5 * 60_000, viewport: { width: 1024, height: 640 },
    settings: { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workbench.activityBar.location': 'hidden' },
    onPage: async (page) => probe.attach(page),
  });
  if (exitCode !== 0) throw new Error('the screenshot run failed (see the log above)');
  for (const name of ['text-view.png', 'hex-view.png']) {
    const size = fs.statSync(path.join(images, name)).size;
    console.log(`screenshots: docs/images/${name} ${(size / 1024).toFixed(0)} KiB`);
  }
} finally {
  await probe.close();
  fs.rmSync(workspace, { recursive: true, force: true });
}
