#!/usr/bin/env node
// npm test: build, type-check, then unit + native tests (Node's runner), then
// the integration and e2e suites inside a real VS Code (the VS Code server in
// the code-server package, driven through Debian's chromium); then packaging:
// every VSIX (scripts/package.mjs), their contents and the prebuilt addons
// checked (test/package/), and the integration suite again against the
// linux-x64 VSIX and the universal (pread) VSIX, each installed into the VS
// Code server with --install-extension. Prints one closing line
// "total: N passed, N failed" and exits non-zero on any failure.
//   node test/run-all.mjs [--only unit|native|integration|package|vsix] [--grep <mocha pattern>]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { only: { type: 'string' }, grep: { type: 'string' } } });
const want = (stage) => !values.only || values.only === stage || (stage === 'package' && values.only === 'vsix');
const totals = { passed: 0, failed: 0 };

function step(title, command, args, options = {}) {
  console.log(`\n=== ${title}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', env: process.env });
  if (options.capture) process.stdout.write(result.stdout ?? '');
  return result;
}

function fail(message) {
  console.error(`\n${message}`);
  console.log(`total: ${totals.passed} passed, ${totals.failed + 1} failed`);
  process.exit(1);
}

if (!fs.existsSync(path.join(root, 'build', 'Release', 'hugeview.node'))) {
  if (step('native addon', 'npx', ['node-gyp', 'rebuild']).status !== 0) fail('the native addon did not build (needs python3, make, g++)');
}
// The Windows code path, checked with Debian's mingw-w64 cross compiler (CI runs Linux).
if (want('native')) {
  const mingw = 'x86_64-w64-mingw32-g++-posix';
  const probe = spawnSync(mingw, ['--version'], { encoding: 'utf8' });
  if (probe.error) fail(`${mingw} is missing: apt-get install g++-mingw-w64-x86-64 (it syntax-checks native/mapped_file_win.cc and fault_guard_win.cc)`);
  const nodeHeaders = path.join(path.dirname(path.dirname(process.execPath)), 'include', 'node');
  const check = step('windows syntax check', mingw, [
    '-std=c++17', '-Wall', '-Wextra', '-Werror', '-fsyntax-only', '-D_WIN32_WINNT=0x0A00',
    '-DNAPI_VERSION=8', '-DNAPI_DISABLE_CPP_EXCEPTIONS', '-DNODE_API_NO_EXTERNAL_BUFFERS_ALLOWED',
    `-I${path.join(root, 'node_modules', 'node-addon-api')}`, `-I${nodeHeaders}`,
    'native/mapped_file_win.cc', 'native/fault_guard_win.cc', 'native/mapped_file.cc', 'native/binding.cc', 'native/jobs.cc', 'native/scan.cc',
    'native/holes.cc', 'native/compare.cc', 'native/file_map.cc', 'native/printable_runs.cc', 'native/binary_jobs.cc', 'native/level_count.cc', 'native/level_count_job.cc', 'native/line_index.cc',
  ]);
  if (check.status !== 0) fail('native/mapped_file_win.cc, fault_guard_win.cc or binding.cc does not compile for Windows');
  totals.passed += 1;
}
if (step('bundles', process.execPath, ['esbuild.mjs']).status !== 0) fail('esbuild failed');
if (step('type check', 'npm', ['run', '--silent', 'typecheck']).status !== 0) fail('type check failed');

for (const stage of ['unit', 'native']) {
  if (!want(stage)) continue;
  const dir = path.join('out', 'test', stage);
  if (!fs.existsSync(path.join(root, dir))) fail(`${dir} is missing: no ${stage} tests were built`);
  const result = step(`${stage} tests`, process.execPath, ['--test', '--test-reporter=spec', dir], { capture: true });
  const pass = Number(/ℹ pass (\d+)/.exec(result.stdout)?.[1] ?? 0);
  const failed = Number(/ℹ fail (\d+)/.exec(result.stdout)?.[1] ?? 0);
  totals.passed += pass;
  totals.failed += failed + (result.status !== 0 && failed === 0 ? 1 : 0);
  if (pass === 0) fail(`${stage}: no test ran`);
}

/**
 * The integration + e2e suite in a real VS Code, against the development folder
 * or against a VSIX installed into the server. `backend` is what the suite must
 * see (HUGEVIEW_EXPECTED_BACKEND): mmap with an addon, pread without.
 */
async function integration(title, { vsix, backend }) {
  const { ensureServer } = await import('./harness/install-server.mjs');
  const { runSuite } = await import('./harness/run-suite.mjs');
  const { startProbe } = await import('./harness/probe.mjs');
  console.log(`\n=== ${title}`);
  await ensureServer();
  const probe = await startProbe();
  process.env.HUGEVIEW_PROBE_URL = probe.url;
  if (values.grep) process.env.HUGEVIEW_TEST_GREP = values.grep;
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-workspace-'));
  try {
    const { exitCode, counts } = await runSuite({
      extensionPath: root,
      vsix,
      suitePath: path.join(root, 'out', 'test', 'integration', 'index.js'),
      workspace,
      timeoutMs: 15 * 60_000,
      env: { HUGEVIEW_EXPECTED_BACKEND: backend },
      onPage: async (page) => probe.attach(page),
    });
    // A skipped test is not a passed one: it counts as a failure here.
    const { passed = 0, failed = 0, skipped = 0 } = counts ?? {};
    totals.passed += passed;
    totals.failed += failed + skipped + (exitCode !== 0 && failed === 0 ? 1 : 0);
    if (!counts) console.error(`${title}: the suite reported no counts (it did not run, or crashed)`);
    // The line index cache across an extension host restart: two sessions on the same user data.
    if (!values.grep || /cache|restart|tag/i.test(values.grep)) {
      const { runIndexCacheRestart } = await import('./integration/indexCacheRestart.mjs');
      const restart = await runIndexCacheRestart({ vsix, backend, onPage: async (page) => probe.attach(page) });
      totals.passed += restart.passed;
      totals.failed += restart.failed;
    }
  } finally {
    await probe.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  // The demo's server (no smoke-test driver) in a browser: toasts and progress notifications show.
  // The demo runs this checkout, not a VSIX: checked once, with the development stage.
  if (!values.grep && !vsix) {
    console.log('\n=== the demo as a person sees it (notifications)');
    const { runDemoNotificationChecks } = await import('./integration/demoNotifications.mjs');
    for (const r of await runDemoNotificationChecks()) {
      console.log(`  ${r.ok ? '✔' : '✗'} ${r.name}${r.ok ? '' : `\n    ${r.error?.stack ?? r.error}`}`);
      if (r.ok) totals.passed += 1;
      else totals.failed += 1;
    }
  }
}

if (want('integration')) await integration('integration + e2e tests in a real VS Code', { backend: 'mmap' });

if (want('package')) {
  if (step('package: every VSIX', process.execPath, ['scripts/package.mjs']).status !== 0) fail('npm run package failed');
  const result = step('package tests', process.execPath, ['--test', '--test-reporter=spec', 'test/package/'], { capture: true });
  const pass = Number(/ℹ pass (\d+)/.exec(result.stdout)?.[1] ?? 0);
  const failed = Number(/ℹ fail (\d+)/.exec(result.stdout)?.[1] ?? 0);
  totals.passed += pass;
  totals.failed += failed + (result.status !== 0 && failed === 0 ? 1 : 0);
  if (pass === 0) fail('package: no test ran');
}

if (want('vsix')) {
  const { vsixPath } = await import('../scripts/package.mjs');
  await integration('integration + e2e tests against the installed linux-x64 VSIX', { vsix: vsixPath('linux-x64'), backend: 'mmap' });
  await integration('integration + e2e tests against the installed universal VSIX (pread)', { vsix: vsixPath('universal'), backend: 'pread' });
}

console.log(`\ntotal: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
