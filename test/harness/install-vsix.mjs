// Installs a packaged extension (.vsix) the way a user does, with the VS Code
// server's own CLI (`server-main.js --install-extension <vsix>`), into a fresh
// extensions folder, for runSuite({ vsix }).
//
// The workbench runs an extension test suite (extensionTestsPath) only in
// extension development mode, which only extensionDevelopmentPath turns on
// (workbench: `isExtensionDevelopment && extensionTestsLocationURI`). So the
// development path given is a stub extension with no code (id
// hugeview-tests.suite-host); HugeView itself then loads from the extensions
// folder, exactly as installed from the VSIX.
//
//   const { extensionsDir, extensionPath, installed } = await installVsix('dist-vsix/hugeview-linux-x64-0.1.0.vsix');
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureServer } from './install-server.mjs';

export async function installVsix(vsix, { quiet = false } = {}) {
  vsix = path.resolve(vsix);
  if (!fs.existsSync(vsix)) throw new Error(`installVsix: ${vsix} does not exist (run \`npm run package\`)`);
  const { node, serverMain } = await ensureServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-vsix-'));
  const extensionsDir = path.join(tmp, 'extensions');
  const result = spawnSync(node, [serverMain, '--accept-server-license-terms', '--user-data-dir', path.join(tmp, 'user-data'),
    '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}' } });
  const installed = fs.existsSync(extensionsDir) ? fs.readdirSync(extensionsDir).filter((d) => !d.startsWith('.') && d !== 'extensions.json') : [];
  if (result.status !== 0 || installed.length !== 1) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`installVsix: --install-extension ${vsix} failed (exit ${result.status}; installed: ${installed.join(', ') || 'nothing'}):\n${result.stdout}${result.stderr}`);
  }
  if (!quiet) console.log(`[harness] installed ${path.basename(vsix)} as ${path.join(extensionsDir, installed[0])}`);
  const extensionPath = path.join(tmp, 'suite-host');
  fs.mkdirSync(extensionPath);
  fs.writeFileSync(path.join(extensionPath, 'package.json'), JSON.stringify({
    name: 'suite-host', publisher: 'hugeview-tests', version: '0.0.0', engines: { vscode: '*' },
    description: 'Turns on extension development mode so the workbench runs the test suite; contributes nothing.',
  }, null, 2));
  return { extensionsDir, extensionPath, installed: path.join(extensionsDir, installed[0]) };
}
