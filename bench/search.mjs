#!/usr/bin/env node
// npm run bench:search -- [file]: search throughput against ripgrep (same file,
// same run). Without a file it generates a 1 GiB log in os.tmpdir() once.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchLog } from '../scripts/samples.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { stdio: 'inherit', cwd: root });
const file = benchLog(process.argv[2]);
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
execFileSync(process.execPath, [path.join(root, 'out', 'bench', 'search', 'run.js'), file, path.join(root, 'bench', 'results', 'search.json')], { stdio: 'inherit' });
