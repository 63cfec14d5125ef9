// The line index cache and tags survive a restart of VS Code: two VS Code sessions, one after the other, on the
// same server user data (where global storage lives) and the same browser profile (where the web workbench keeps
// global state), each running out/test/integration/indexCacheRestart.js
// (see indexCacheRestart.ts). Run by test/run-all.mjs with each integration stage (source, VSIX, pread VSIX).
//   node test/integration/indexCacheRestart.mjs   → the development folder; exits 0 when both sessions pass
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSuite } from '../harness/run-suite.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * @param {{ vsix?: string, backend?: string, onPage?: Function, quiet?: boolean }} o
 * @returns {Promise<{ passed: number, failed: number }>} tests of both sessions
 */
export async function runIndexCacheRestart({ vsix, backend = 'mmap', onPage, quiet = false } = {}) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-restart-it-'));
  const userDataDir = path.join(base, 'user-data');
  const browserProfileDir = path.join(base, 'browser-profile');
  const workspace = path.join(base, 'workspace');
  fs.mkdirSync(workspace);
  const totals = { passed: 0, failed: 0 };
  // One origin for both sessions: the browser keeps the workbench's state per origin (host and port).
  const port = await freePort();
  try {
    for (const phase of ['first', 'second']) {
      const { exitCode, counts } = await runSuite({
        extensionPath: root,
        vsix,
        suitePath: path.join(root, 'out', 'test', 'integration', 'indexCacheRestart.js'),
        workspace,
        userDataDir,
        browserProfileDir,
        port,
        timeoutMs: 3 * 60_000,
        quiet,
        onPage,
        env: { HUGEVIEW_RESTART_PHASE: phase, HUGEVIEW_RESTART_DIR: path.join(base, 'files'), HUGEVIEW_EXPECTED_BACKEND: backend },
      });
      const { passed = 0, failed = 0, skipped = 0 } = counts ?? {};
      totals.passed += passed;
      totals.failed += failed + skipped + (exitCode !== 0 && failed === 0 ? 1 : 0) + (counts ? 0 : 1);
      if (!counts || passed === 0) {
        console.error(`index cache restart (${phase} session): no test ran`);
        break;
      }
      if (totals.failed > 0) break; // the second session means nothing after a failed first
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  return totals;
}

/** A port nothing listens on now (the OS picks it; closed again for the server to take). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startProbe } = await import('../harness/probe.mjs');
  const probe = await startProbe();
  process.env.HUGEVIEW_PROBE_URL = probe.url;
  const { passed, failed } = await runIndexCacheRestart({ onPage: async (page) => probe.attach(page) }).finally(() => probe.close());
  console.log(`index cache restart: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}
