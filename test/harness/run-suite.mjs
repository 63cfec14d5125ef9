// Runs an extension test suite inside a REAL VS Code extension host: the VS
// Code server from the code-server npm package (Node 24, see server.mjs) plus
// its web workbench, opened in Debian's chromium driven by playwright-core.
//
// How a run works:
//  1. startServer() launches server-main.js with --enable-smoke-test-driver.
//  2. Chromium opens  <base>/?folder=<workspace>&payload=<json>  where the
//     payload holds extensionDevelopmentPath and extensionTestsPath as
//     vscode-remote:// URIs. The built workbench honours `payload` only in
//     smoke-test-driver mode. The extension is then loaded in the remote
//     (Node 24) extension host, which require()s the suite module and awaits
//     its exported run().
//  3. Because extension tests are running, the workbench forwards its log
//     (including the extension host's console output) to
//     window.codeAutomationLog(level, message), and when run() settles the
//     extension host exits and the workbench calls
//     window.codeAutomationExit(code, logs): 0 if run() resolved, 1 if it
//     rejected. Both are page.exposeFunction()s here (as in @vscode/test-web).
//
// Module:  const { exitCode, log } = await runSuite({ extensionPath, suitePath, workspace });
// CLI:     node test/harness/run-suite.mjs --extension <dir> --suite <module.js> --workspace <dir> [--timeout <ms>]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { checkChromium } from './install-server.mjs';
import { installVsix } from './install-vsix.mjs';
import { startServer } from './server.mjs';

// The flags this machine needs: no sandbox as root, no GPU, and no background
// traffic (the network is closed; chromium would otherwise retry for ever).
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

const LEVELS = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

// Workbench chatter that says nothing about the suite; dropped from the echoed
// log unless verbose (it stays in rawLog). The workbench forwards extension-host
// console output through the same channel without a label, hence a deny list.
export const WORKBENCH_NOISE = [
  /^Resolving connection token/, /^Resolved connection token/, /^Creating a socket \(/,
  /^\[reconnection-grace-time\]/, /additional builtin extensions/,
  /Failed to register a ServiceWorker .*\/_static\/out\/browser\/serviceWorker\.js/, // code-server's PWA worker: not served by bare server-main
  /^\[AgentHost:remote\] Initializing/, /^\[AccountPolicyGate\]/,
  /No search provider registered for scheme: vscode-remote/,
  /Timed out waiting for authentication provider 'github' to register/, // github-authentication not loaded
];

/**
 * The extension host forwards console.log(...args) to the workbench unformatted
 * ("%s passing" stays "%s passing", args appended), so the test entry point is
 * a small generated module that makes console methods pre-format with
 * util.format, then loads the real suite and awaits its run().
 */
function writeEntryModule(dir, suitePath) {
  const file = path.join(dir, 'suite-entry.cjs');
  fs.writeFileSync(file, `'use strict';
const util = require('node:util');
// The extension host defines console.log & co. as accessor properties, so
// plain assignment is ignored: redefine them.
for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
  const d = Object.getOwnPropertyDescriptor(console, m);
  if (!d || !d.configurable) continue;
  const current = () => (d.get ? d.get.call(console) : d.value);
  Object.defineProperty(console, m, {
    configurable: true, enumerable: d.enumerable, writable: true,
    value: (...args) => current().call(console, util.format(...args)),
  });
}
exports.run = async function run() {
  const suite = require(${JSON.stringify(suitePath)});
  if (typeof suite.run !== 'function') throw new Error(${JSON.stringify(`${suitePath} does not export run()`)});
  return suite.run();
};
`);
  return file;
}

/** Writes [{relativePath, contents}] (as codeAutomationExit hands them over) to a new temp dir. */
function saveLogs(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-suite-logs-'));
  for (const { relativePath, contents } of files) {
    const f = path.join(dir, relativePath);
    if (!f.startsWith(dir + path.sep)) continue;
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, contents);
  }
  return dir;
}

/**
 * Polls page.frames() (webviews are nested iframes of the workbench page)
 * until one contains `text`; returns that Frame, for frame.locator(...).click() etc.
 * @param {import('playwright-core').Page} page
 * @param {string|RegExp} text
 */
export async function waitForFrameWithText(page, text, { timeoutMs = 30_000, pollMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      const n = await frame.getByText(text).count().catch(() => 0);
      if (n > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no frame shows ${text} after ${timeoutMs} ms (${page.frames().length} frames)`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * @param {object} o
 * @param {string} o.extensionPath   folder with the extension's package.json
 * @param {string} o.suitePath       module exporting run(): Promise (CommonJS, loaded by the extension host)
 * @param {string} o.workspace       folder opened in the workbench
 * @param {number} [o.timeoutMs]     whole-run timeout (default 120 s; env SUITE_TIMEOUT_MS)
 * @param {(page: import('playwright-core').Page, ctx: object) => Promise<void>} [o.onPage]
 *        called right after the workbench URL starts loading, in parallel with the
 *        suite; ctx = { server, browser, log(line) }. If it throws, the run fails.
 * @param {object} [o.settings]      extra VS Code user settings
 * @param {'all'|string[]} [o.builtinExtensions] built-in extensions to load (see server.mjs)
 * @param {object} [o.env]           extra environment for the server / extension host
 * @param {'trace'|'debug'|'info'|'warn'|'error'} [o.logLevel] lowest workbench log level printed/collected (default 'info')
 * @param {boolean} [o.quiet]        don't echo the log live (it is still returned)
 * @param {boolean} [o.verbose]      echo workbench noise too (env HARNESS_VERBOSE=1)
 * @param {{width: number, height: number}} [o.viewport] the browser window (default 1280×800)
 * @param {string} [o.userDataDir] the server's user data (global storage, settings): pass the same folder to two runs
 *        for a second VS Code session on what the first left (default: a fresh temp dir)
 * @param {string} [o.browserProfileDir] the browser's profile (where the web workbench keeps global and workspace
 *        state, in IndexedDB): pass the same folder to two runs for a restart with the same browser (default: none,
 *        a fresh incognito context)
 * @param {number} [o.port]          the server's port (default: a free one); see browserProfileDir
 * @param {string} [o.vsix]          a packaged extension: installed with the server's
 *        --install-extension into a fresh extensions dir, and the suite runs against
 *        that installed copy (extensionPath is then ignored; see installVsix)
 * @returns {Promise<{exitCode: number, log: string, rawLog: string, timedOut: boolean,
 *   counts?: {passed: number, failed: number, skipped: number}, pageError?: Error, windowLogsDir?: string, timings: object}>}
 *   counts comes from the last "mocha: N passed, N failed, N skipped" line (mocha-run.cjs).
 */
export async function runSuite({
  extensionPath, suitePath, workspace, timeoutMs, onPage, settings, builtinExtensions, env, logLevel = 'info', quiet = false,
  verbose = !!process.env.HARNESS_VERBOSE, vsix, viewport = { width: 1280, height: 800 }, userDataDir, browserProfileDir, port,
}) {
  let extensionsDir;
  if (vsix) {
    let installed;
    ({ extensionsDir, extensionPath, installed } = await installVsix(vsix, { quiet }));
    env = { ...env, HUGEVIEW_INSTALLED_EXTENSION: installed }; // the suite can check what it runs against
  }
  for (const [k, v] of Object.entries({ extensionPath, suitePath, workspace })) {
    if (!v) throw new Error(`runSuite: ${k} is required`);
  }
  extensionPath = path.resolve(extensionPath);
  suitePath = path.resolve(suitePath);
  workspace = path.resolve(workspace);
  timeoutMs ??= Number(process.env.SUITE_TIMEOUT_MS) || 120_000;
  const executablePath = checkChromium();
  const t0 = Date.now();
  const timings = {};

  const lines = [];
  const rawLines = [];
  const minLevel = LEVELS[logLevel] ?? LEVELS.info;
  const emit = (line) => {
    rawLines.push(line);
    if (!verbose && WORKBENCH_NOISE.some((re) => re.test(line))) return;
    lines.push(line);
    if (!quiet) console.log(line);
  };
  const browserConsole = []; // page console/errors, printed only on failure

  const server = await startServer({ workspace, settings, builtinExtensions, env, quiet, extensionsDir, userDataDir, port });
  timings.serverStartMs = server.startMs;
  let browser;
  let timedOut = false;
  let pageError;
  let exitCode;
  let windowLogsDir; // workbench/extension-host log files, saved when the suite fails
  try {
    const tb = Date.now();
    let context;
    if (browserProfileDir) {
      context = await chromium.launchPersistentContext(browserProfileDir, { executablePath, headless: true, args: CHROMIUM_ARGS, viewport });
      browser = { close: () => context.close() }; // closing the context ends its browser, flushing the profile
    } else {
      browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
      context = await browser.newContext({ viewport });
    }
    const page = await context.newPage();
    timings.browserLaunchMs = Date.now() - tb;

    let resolveExit;
    let rejectExit;
    const exited = new Promise((res, rej) => { resolveExit = res; rejectExit = rej; });
    let windowLogs = [];
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      if ((LEVELS[level] ?? LEVELS.info) < minLevel) return;
      const text = Array.isArray(message) ? message.join(' ') : String(message);
      emit(level === 'info' ? text : `[${level}] ${text}`);
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      windowLogs = Array.isArray(logs) ? logs : [];
      resolveExit(Number(code));
    });
    page.on('console', (m) => browserConsole.push(`[browser ${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => browserConsole.push(`[browser pageerror] ${e.stack || e}`));
    page.on('crash', () => rejectExit(new Error('the workbench page crashed')));
    server.process.once('exit', (c) => rejectExit(new Error(`the VS Code server exited (code ${c}) during the run`)));

    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(extensionPath)],
      ['extensionTestsPath', server.remoteUri(writeEntryModule(server.tmpDir, suitePath))],
    ];
    const url = `${server.baseUrl}/?folder=${encodeURIComponent(server.remoteUri(workspace))}`
      + `&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => { timedOut = true; reject(new Error(`suite did not finish within ${timeoutMs} ms`)); }, timeoutMs);
    });
    const tw = Date.now();
    await Promise.race([page.goto(url, { waitUntil: 'commit' }), timeout]);
    const pageTask = onPage
      ? Promise.resolve().then(() => onPage(page, { server, browser, log: emit })).catch((e) => { pageError = e; })
      : Promise.resolve();
    try {
      exitCode = await Promise.race([exited, timeout]);
      timings.suiteMs = Date.now() - tw; // workbench load + extension host + suite
      // onPage is part of a passing run: wait for it (within the timeout). After a
      // failed suite it may be waiting for something that will never come.
      const grace = exitCode === 0 ? timeout : new Promise((r) => setTimeout(r, 2000));
      await Promise.race([pageTask, grace]);
    } finally {
      clearTimeout(timer);
    }
    if (pageError) {
      emit(`[harness] onPage failed: ${pageError.stack || pageError}`);
      if (exitCode === 0) exitCode = 1;
    }
    if (exitCode !== 0) {
      windowLogsDir = saveLogs([...windowLogs,
        { relativePath: 'browser-console.log', contents: browserConsole.join('\n') },
        { relativePath: 'server/server.log', contents: server.readLog() }]);
      // The remote extension host's own logs live on the server side.
      const serverLogs = path.join(server.userDataDir, 'logs');
      if (fs.existsSync(serverLogs)) fs.cpSync(serverLogs, path.join(windowLogsDir, 'server', 'logs'), { recursive: true });
      emit(`[harness] suite failed; workbench, extension host, server and browser logs saved in ${windowLogsDir}`);
    }
  } catch (e) {
    exitCode = 1;
    emit(`[harness] ${timedOut ? 'TIMEOUT: ' : ''}${e.message}`);
    if (browserConsole.length) emit(`[harness] browser console:\n${browserConsole.slice(-200).join('\n')}`);
    emit(`[harness] server log (${server.logFile}):\n${server.readLog().slice(-20_000)}`);
  } finally {
    await browser?.close().catch(() => {});
    await server.stop(); // keeps its temp dir when HARNESS_KEEP_TEMP is set
    if (vsix && !process.env.HARNESS_KEEP_TEMP) fs.rmSync(path.dirname(extensionsDir), { recursive: true, force: true });
  }
  timings.totalMs = Date.now() - t0;
  let counts;
  for (const l of lines) {
    const m = /^mocha: (\d+) passed, (\d+) failed, (\d+) skipped$/.exec(l);
    if (m) counts = { passed: +m[1], failed: +m[2], skipped: +m[3] };
  }
  if (!quiet) console.log(`[harness] exit code ${exitCode}; server ${timings.serverStartMs} ms, browser ${timings.browserLaunchMs} ms, workbench+suite ${timings.suiteMs} ms, total ${timings.totalMs} ms`);
  return { exitCode, log: lines.join('\n'), rawLog: rawLines.join('\n'), timedOut, counts, pageError, windowLogsDir, timings };
}

// --- CLI --------------------------------------------------------------------
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string' }, suite: { type: 'string' }, workspace: { type: 'string' },
      timeout: { type: 'string' }, 'log-level': { type: 'string' }, vsix: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !(values.extension || values.vsix) || !values.suite) {
    console.log('usage: node test/harness/run-suite.mjs (--extension <dir> | --vsix <file.vsix>) --suite <module.js> [--workspace <dir>] [--timeout <ms>] [--log-level info]');
    process.exit(values.help ? 0 : 2);
  }
  try {
    const { exitCode } = await runSuite({
      extensionPath: values.extension,
      suitePath: values.suite,
      workspace: values.workspace ?? values.extension ?? process.cwd(),
      vsix: values.vsix,
      timeoutMs: values.timeout ? Number(values.timeout) : undefined,
      logLevel: values['log-level'],
    });
    process.exit(exitCode);
  } catch (e) {
    console.error(e.harness ? e.message : e);
    process.exit(1);
  }
}
