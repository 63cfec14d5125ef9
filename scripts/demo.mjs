#!/usr/bin/env node
// npm run demo: build, generate samples if missing, start the real VS Code
// server (from code-server) on 127.0.0.1 with HugeView installed and the samples
// as the workspace, and print the URL to open. Ctrl+C stops it.
//
// Unlike the tests, the demo runs without --enable-smoke-test-driver: with it the
// workbench shows no notification toasts or progress (the large-file notice,
// "line is past the end", the benchmark's progress and Cancel all hide behind the
// bell). The flag is what makes the workbench load an extension from the `payload`
// URL parameter, so the demo installs HugeView instead: a link to this checkout in
// the server's extensions folder.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../test/harness/server.mjs';
import { ensureSamples } from './samples.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts the VS Code server with HugeView installed (linked) and `workspace` open.
 * Returns { server, url, stop() }. Used by `npm run demo` and by the test that checks its notifications.
 */
export async function startDemo({ workspace, settings = {}, builtinExtensions = 'all', quiet = false } = {}) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-demo-extensions-'));
  fs.symlinkSync(root, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  const server = await startServer({
    workspace,
    extensionsDir,
    builtinExtensions,
    quiet,
    smokeTestDriver: false,
    settings: { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden', ...settings },
  });
  const url = `${server.baseUrl}/?folder=${encodeURIComponent(server.remoteUri(workspace))}`;
  return {
    server,
    url,
    async stop() {
      await server.stop();
      fs.rmSync(extensionsDir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { stdio: 'inherit', cwd: root });
  const samples = ensureSamples(path.join(root, 'samples'));
  const { url, stop } = await startDemo({ workspace: samples });
  const end = () => void stop().finally(() => process.exit(0));
  process.once('SIGINT', end);
  process.once('SIGTERM', end);
  console.log(`\nHugeView demo is running. Open this URL in a browser:\n\n  ${url}\n\nSamples: ${samples}\nPress Ctrl+C to stop.`);
  await new Promise(() => {});
}
