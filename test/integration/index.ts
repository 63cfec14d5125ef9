// The suite module the extension host loads (extensionTestsPath): runs every
// integration test file with mocha inside the real VS Code extension host.
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function run(): Promise<void> {
  // mocha stays outside the bundle: resolved from the repo's node_modules at run time.
  const Mocha = require('mocha') as typeof import('mocha');
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  const only = process.env.HUGEVIEW_TEST_GREP;
  if (only) mocha.grep(only);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
