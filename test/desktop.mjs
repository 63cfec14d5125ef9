#!/usr/bin/env node
// npm run test:desktop: the same integration suite under @vscode/test-electron,
// for machines that can download VS Code desktop. (This project's CI cannot:
// `npm test` runs the suite in the VS Code server from code-server instead.)
// The e2e checks need the webview probe, which only `npm test` provides; here
// they fail loudly, saying so.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`desktop tests failed: ${error?.message ?? error}`);
  process.exit(1);
}
