// The suite module the extension host loads (extensionTestsPath): runs every
// integration test file with mocha inside the real VS Code extension host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeTempDirs } from '../helpers/files';

export async function run(): Promise<void> {
  // Resolved at run time from the repo (not bundled): test/harness/mocha-run.cjs.
  const repo = path.resolve(__dirname, '..', '..', '..');
  const { runMocha } = require(path.join(repo, 'test', 'harness', 'mocha-run.cjs')) as {
    runMocha(options: { files: string[]; ui: 'tdd'; timeout: number; grep?: string }): Promise<{ passed: number; failed: number; skipped: number }>;
  };
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join(__dirname, f));
  try {
    await runMocha({ files, ui: 'tdd', timeout: 60_000, grep: process.env.HUGEVIEW_TEST_GREP || undefined });
  } finally {
    removeTempDirs();
  }
}
