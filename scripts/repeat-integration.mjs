#!/usr/bin/env node
// Runs the whole integration + e2e suite N times in a row (each run a fresh VS Code)
// and prints how many runs passed: a flaky test shows up here, not on a landing.
//   node scripts/repeat-integration.mjs [N=10] [--grep <mocha pattern>] [--stop-on-failure]
// Exits non-zero if any run failed. Each run's full output goes to a log file whose path is printed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { grep: { type: 'string' }, 'stop-on-failure': { type: 'boolean' } } });
const runs = Number(positionals[0] ?? 10);
if (!Number.isSafeInteger(runs) || runs < 1) {
  console.error('usage: node scripts/repeat-integration.mjs [N=10] [--grep <pattern>] [--stop-on-failure]');
  process.exit(2);
}
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-repeat-'));

function runOnce(i) {
  const log = path.join(logDir, `run-${i}.log`);
  const out = fs.openSync(log, 'w');
  const args = ['test/run-all.mjs', '--only', 'integration', ...(values.grep ? ['--grep', values.grep] : [])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', out, out], env: process.env });
    child.on('close', (code) => {
      fs.closeSync(out);
      const text = fs.readFileSync(log, 'utf8');
      const total = /total: (\d+) passed, (\d+) failed/.exec(text);
      const failures = [...text.matchAll(/^\s+\d+\) (.+)$/gm)].map((m) => m[1].trim());
      resolve({ code, passed: Number(total?.[1] ?? 0), failed: Number(total?.[2] ?? 0), failures: [...new Set(failures)], log });
    });
  });
}

let green = 0;
const started = Date.now();
for (let i = 1; i <= runs; i++) {
  const t0 = Date.now();
  const result = await runOnce(i);
  const ok = result.code === 0 && result.failed === 0 && result.passed > 0;
  if (ok) green++;
  const seconds = ((Date.now() - t0) / 1000).toFixed(0);
  console.log(`run ${i}/${runs}: ${ok ? 'passed' : 'FAILED'} — ${result.passed} passed, ${result.failed} failed, ${seconds} s${ok ? '' : ` (log: ${result.log})`}`);
  for (const name of result.failures) console.log(`    failed: ${name}`);
  if (!ok && values['stop-on-failure']) break;
}
console.log(`\nintegration suite: ${green} of ${runs} runs passed (${((Date.now() - started) / 60000).toFixed(1)} min; logs in ${logDir})`);
process.exit(green === runs ? 0 : 1);
