#!/usr/bin/env node
// npm run bench:filter -- [file]: the filtered view's scan against `rg -n` (same
// warm file, same run), time to the first screenful, memory per listed line.
// Without a file it uses the 1 GiB log of the other benchmarks (made once).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchLog } from '../scripts/samples.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { stdio: 'inherit', cwd: root });
const file = benchLog(process.argv[2]);
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
execFileSync(process.execPath, ['--expose-gc', path.join(root, 'out', 'bench', 'filter', 'run.js'), file, path.join(root, 'bench', 'results', 'filter.json')], { stdio: 'inherit' });
