#!/usr/bin/env node
// npm run demo: build, generate samples if missing, start the real VS Code
// server (from code-server) on 127.0.0.1 with HugeView loaded and the samples
// as the workspace, and print the URL to open. Ctrl+C stops it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../test/harness/server.mjs';
import { ensureSamples } from './samples.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { stdio: 'inherit', cwd: root });
const samples = ensureSamples(path.join(root, 'samples'));
const server = await startServer({ workspace: samples, builtinExtensions: 'all', settings: { 'workbench.colorTheme': 'Default Dark Modern', 'workbench.secondarySideBar.defaultVisibility': 'hidden' } });
// The web workbench loads an extension under development from the `payload`
// parameter (honoured with --enable-smoke-test-driver, which startServer sets).
const payload = [['extensionDevelopmentPath', server.remoteUri(root)]];
const url = `${server.baseUrl}/?folder=${encodeURIComponent(server.remoteUri(samples))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
console.log(`\nHugeView demo is running. Open this URL in a browser:\n\n  ${url}\n\nSamples: ${samples}\nPress Ctrl+C to stop.`);
await new Promise(() => {});
