// The demo as a person sees it: the VS Code server started the way `npm run demo` starts it (no smoke-test
// driver, HugeView installed in its extensions folder), a browser, and the keyboard and mouse. Checks that
// notification toasts and progress notifications show (with the test suite's smoke-test driver they never do).
//   node test/integration/demoNotifications.mjs   → exits 0 when both checks pass; run by test/run-all.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemo } from '../../scripts/demo.mjs';
import { checkChromium } from '../harness/install-server.mjs';
import { CHROMIUM_ARGS } from '../harness/run-suite.mjs';

/** The texts of the notification toasts on screen. */
const toasts = (page) => page.$$eval('.notification-toast-container .notification-toast', (nodes) => nodes.filter((n) => n.offsetHeight > 0).map((n) => n.textContent ?? ''));

async function waitForToast(page, pattern, what) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const shown = await toasts(page);
    if (shown.some((t) => pattern.test(t))) return;
    if (Date.now() > deadline) throw new Error(`no toast ${what} (${pattern}) within 30 s; toasts on screen: ${JSON.stringify(shown)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function runDemoNotificationChecks({ quiet = true } = {}) {
  const results = [];
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-demo-it-'));
  fs.writeFileSync(path.join(workspace, 'big.log'), 'a demo log line that repeats\n'.repeat(100_000)); // 2.9 MB
  const demo = await startDemo({ workspace, builtinExtensions: ['theme-defaults'], quiet, settings: { 'hugeview.largeFileThresholdMB': 1 } });
  const browser = await chromium.launch({ executablePath: checkChromium(), headless: true, args: CHROMIUM_ARGS });
  const check = async (name, fn) => {
    try {
      await fn();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error });
    }
  };
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(demo.url);
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60_000 });
    await check('the demo shows the large-file notice as a toast', async () => {
      // Quick Open (Ctrl+P), the file's name, Enter: the text editor opens it and HugeView takes it over.
      await page.locator('.monaco-workbench').click({ position: { x: 640, y: 400 } });
      await page.keyboard.press('Control+p');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type('big.log');
      await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="big.log"]');
      await page.keyboard.press('Enter');
      await waitForToast(page, /HugeView opened big\.log/, 'for the large-file notice');
      await page.screenshot({ path: '/tmp/ux-keys-demo-toast.png' });
      // The viewer is still loading when the toast shows; when it starts, it takes the keyboard focus,
      // and a command palette opened before that closes under the next check's typing.
      await waitForViewerRows(page);
    });
    await check('the demo shows the benchmark progress with Cancel, and Cancel stops it', async () => {
      // Wait for the command palette itself (its '>' prefix), not just any quick input on screen: the Quick
      // Open of the check before may still be closing, and what is typed into it is lost.
      const paletteInput = () => page.$eval('.quick-input-widget input', (input) => (input.offsetHeight > 0 ? input.value : null)).catch(() => null);
      await page.keyboard.press('F1');
      await page.waitForFunction(() => document.querySelector('.quick-input-widget input')?.value === '>', null, { timeout: 30_000 });
      await page.keyboard.type('HugeView: Benchmark mmap vs pread');
      const typed = await paletteInput();
      if (typed !== '>HugeView: Benchmark mmap vs pread') throw new Error(`the command palette holds ${JSON.stringify(typed)}, not what was typed`);
      await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Benchmark mmap vs pread"]');
      await page.keyboard.press('Enter');
      await waitForToast(page, /benchmarking big\.log/, 'for the benchmark progress');
      const progress = page.locator('.notification-toast', { hasText: 'benchmarking big.log' });
      await progress.locator('.monaco-progress-container').waitFor({ state: 'visible' });
      await page.screenshot({ path: '/tmp/ux-keys-demo-progress.png' });
      await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
      await waitForToast(page, /benchmark of big\.log was cancelled/, 'saying the benchmark was cancelled');
    });
  } finally {
    await browser.close().catch(() => {});
    await demo.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  return results;
}

/** Waits until a webview frame shows HugeView's rows (the viewer has started and painted). */
async function waitForViewerRows(page, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      if ((await frame.locator('.row[data-offset]').count().catch(() => 0)) > 0) return;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows HugeView's rows after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await runDemoNotificationChecks({ quiet: false });
  for (const r of results) console.log(`${r.ok ? '✔' : '✗'} ${r.name}${r.ok ? '' : `\n    ${r.error?.stack ?? r.error}`}`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}
