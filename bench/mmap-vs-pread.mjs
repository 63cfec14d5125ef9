#!/usr/bin/env node
// npm run bench -- <file> [--json out.json] [--quick]
// Builds the bundles, then runs the benchmark engine (src/bench/engine.ts) on
// <file>: a table on stdout and, with --json, the report README documents.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { stdio: 'inherit', cwd: root });
execFileSync(process.execPath, [join(root, 'dist', 'bench.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
