#!/usr/bin/env node
// npm run bench:search -- [file]: search throughput against ripgrep (same file,
// same run). Without a file it generates a 1 GiB log in os.tmpdir() once.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLog } from '../scripts/samples.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { stdio: 'inherit', cwd: root });
let file = process.argv[2];
if (!file) {
  file = path.join(os.tmpdir(), 'hugeview-bench-1g.log');
  if (!fs.existsSync(file)) console.log(`generating ${file} (1 GiB)…`);
  generateLog(file, 2 ** 30);
}
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
execFileSync(process.execPath, [path.join(root, 'out', 'bench', 'search', 'run.js'), file, path.join(root, 'bench', 'results', 'search.json')], { stdio: 'inherit' });
