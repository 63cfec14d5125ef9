// Starts the VS Code server (remote agent + web workbench) that ships inside
// the code-server npm package, with Node 24, for one test run.
//
// server-main.js is started directly: code-server's own CLI would reject
// --enable-smoke-test-driver, which the built web workbench requires before it
// honours the `payload` URL parameter (extensionDevelopmentPath,
// extensionTestsPath) used by run-suite.mjs.
//
//   const srv = await startServer({ workspace: '/abs/folder' });
//   srv.baseUrl            // http://127.0.0.1:<port>
//   srv.remoteUri('/abs')  // vscode-remote://127.0.0.1:<port>/abs
//   await srv.stop();      // kills the whole process tree
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ensureServer } from './install-server.mjs';

/** Settings every test run gets (merged under the caller's `settings`). */
export const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
};

/** Built-in extensions loaded by default (see startServer's builtinExtensions). */
export const DEFAULT_BUILTIN_EXTENSIONS = ['theme-defaults'];

const STARTUP_TIMEOUT_MS = 60_000;

/** GET `url`; resolves with the status code, rejects on connection errors. */
function httpStatus(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error('timeout')));
  });
}

/** Kills process group `pid` (SIGTERM, then SIGKILL after `graceMs`). */
async function killTree(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
  const timer = new Promise((r) => setTimeout(r, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    await exited;
  }
  // The group may outlive its leader (extension host, pty host): sweep it.
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* none left */ }
}

/**
 * @param {object} opts
 * @param {string} opts.workspace       absolute folder the workbench opens
 * @param {string} [opts.userDataDir]   server user data (default: fresh temp dir)
 * @param {string} [opts.extensionsDir] installed extensions (default: fresh, empty)
 * @param {object} [opts.settings]      extra user settings (merged over DEFAULT_SETTINGS)
 * @param {'all'|string[]} [opts.builtinExtensions] which of VS Code's ~94 built-in
 *        extensions to load (folder names under lib/vscode/extensions). Default
 *        ['theme-defaults'] (env HARNESS_BUILTIN_EXTENSIONS=all or a comma list
 *        overrides): loading all of them costs ~2.5 s of extension-host start.
 * @param {object} [opts.env]          extra environment for the server, and so for the
 *        extension host, which inherits it (process.env is passed through too)
 * @param {string[]} [opts.extraArgs]   more server-main.js arguments
 * @param {boolean} [opts.quiet]        don't print progress lines
 * @param {number} [opts.port]          listen on this port (default 0: a free one the server picks). The browser keeps
 *        the workbench's state per origin, so a restart with the same browser profile needs the same port.
 * @param {boolean} [opts.smokeTestDriver] pass --enable-smoke-test-driver (default true): the workbench then
 *        honours the `payload` URL parameter (extension under test, test entry) but shows no notification
 *        toasts at all (they only reach the bell). The demo runs without it.
 */
export async function startServer({
  workspace, userDataDir, extensionsDir, settings = {}, builtinExtensions, env: extraEnv = {}, extraArgs = [], quiet = false,
  smokeTestDriver = true, port: wantedPort = 0,
} = {}) {
  if (!workspace || !path.isAbsolute(workspace)) throw new Error(`startServer: workspace must be an absolute path, got ${workspace}`);
  const { node, serverMain, vscodeDir } = await ensureServer();
  const t0 = Date.now();

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-vscode-'));
  userDataDir ??= path.join(tmp, 'user-data');
  extensionsDir ??= path.join(tmp, 'extensions');
  const logFile = path.join(tmp, 'server.log');
  fs.mkdirSync(extensionsDir, { recursive: true });

  // The web workbench of code-server keeps *user* settings on the remote side,
  // in <user-data-dir>/User/settings.json (code-server patch: userRoamingDataHome
  // = vscode-remote://.../<userDataPath>/User), so writing the file here works;
  // Machine/settings.json is written too, for remote (extension host) scope.
  const merged = { ...DEFAULT_SETTINGS, ...settings };
  for (const dir of ['User', 'Machine']) {
    fs.mkdirSync(path.join(userDataDir, dir), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, dir, 'settings.json'), JSON.stringify(merged, null, 2));
  }

  // Built-in extensions: a folder of symlinks to just the wanted ones.
  builtinExtensions ??= process.env.HARNESS_BUILTIN_EXTENSIONS
    ? (process.env.HARNESS_BUILTIN_EXTENSIONS === 'all' ? 'all' : process.env.HARNESS_BUILTIN_EXTENSIONS.split(','))
    : DEFAULT_BUILTIN_EXTENSIONS;
  if (builtinExtensions !== 'all') {
    const dir = path.join(tmp, 'builtin-extensions');
    fs.mkdirSync(dir);
    for (const name of builtinExtensions) {
      const src = path.join(vscodeDir, 'extensions', name.trim());
      if (!fs.existsSync(path.join(src, 'package.json'))) throw new Error(`startServer: no built-in extension "${name}" in ${path.dirname(src)}`);
      fs.symlinkSync(src, path.join(dir, name.trim()));
    }
    extraArgs = ['--builtin-extensions-dir', dir, ...extraArgs];
  }

  const args = [
    serverMain,
    '--host', '127.0.0.1',
    '--port', String(wantedPort), // 0: the server picks a free port and prints it: no race
    '--without-connection-token',
    '--accept-server-license-terms',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
    '--disable-workspace-trust',
    '--disable-telemetry',
    '--disable-experiments',
    ...extraArgs,
  ];
  // A clean environment: no NODE_OPTIONS (e.g. --test flags from a parent
  // runner) or VS Code variables from an enclosing VS Code terminal.
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(NODE_OPTIONS|ELECTRON_|VSCODE_)/.test(k)) delete env[k];
  // No extension gallery (code-server defaults to open-vsx.org, unreachable
  // here): saves failing lookups and their log noise.
  env.EXTENSIONS_GALLERY = '{}';
  Object.assign(env, extraEnv);

  const out = fs.createWriteStream(logFile, { flags: 'a' });
  const child = spawn(node, args, { env, cwd: workspace, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // Never leave a server behind if the runner dies: it is in its own process
  // group (detached), so neither the runner's exit nor a Ctrl-C reaches it.
  const onExit = () => {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    if (!process.env.HARNESS_KEEP_TEMP) fs.rmSync(tmp, { recursive: true, force: true });
  };
  const onSignal = (sig) => {
    onExit();
    unhook();
    if (process.listenerCount(sig) === 0) process.kill(process.pid, sig); // default action
  };
  const unhook = () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });

  const dumpLog = () => {
    try { return fs.readFileSync(logFile, 'utf8'); } catch { return '(no server log)'; }
  };
  const failStart = async (e) => {
    await killTree(child);
    console.error(`[harness] VS Code server failed to start; its log (${logFile}):\n${dumpLog()}`);
    throw e;
  };

  // Port discovery: with --port 0 the server binds a free port and prints
  // "Extension host agent listening on <port>" on stdout.
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`VS Code server did not report a port within ${STARTUP_TIMEOUT_MS} ms`)), STARTUP_TIMEOUT_MS);
    const onData = (d) => {
      buf += d.toString();
      const m = /listening on (\d+)/i.exec(buf);
      if (m) { clearTimeout(timer); child.stdout.off('data', onData); resolve(Number(m[1])); }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, sig) => { clearTimeout(timer); reject(new Error(`VS Code server exited early (code ${code}, signal ${sig})`)); });
    child.once('error', (e) => { clearTimeout(timer); reject(e); });
  }).catch(failStart);

  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) { // the port is open once printed; make sure HTTP answers too
    try { if ((await httpStatus(`${baseUrl}/version`)) < 500) break; } catch { /* not yet */ }
    if (i > 100) await failStart(new Error(`VS Code server on ${baseUrl} does not answer HTTP`));
    await new Promise((r) => setTimeout(r, 100));
  }
  const startMs = Date.now() - t0;
  if (!quiet) console.log(`[harness] VS Code server up on ${baseUrl} in ${startMs} ms (log: ${logFile})`);

  let stopped;
  return {
    port,
    baseUrl,
    startMs,
    logFile,
    tmpDir: tmp,
    userDataDir,
    extensionsDir,
    process: child,
    /** The vscode-remote:// URI under which the workbench sees a server-side path. */
    remoteUri: (absPath) => `vscode-remote://127.0.0.1:${port}${encodeURI(path.resolve(absPath))}`,
    /** The server log so far (print it when something fails). */
    readLog: dumpLog,
    /** Kills the server and its extension host / pty host; removes temp dirs unless keepTemp. */
    stop: ({ keepTemp = false } = {}) => (stopped ??= (async () => {
      await killTree(child);
      unhook();
      await new Promise((r) => out.end(r));
      if (!keepTemp && !process.env.HARNESS_KEEP_TEMP) fs.rmSync(tmp, { recursive: true, force: true });
    })()),
  };
}
