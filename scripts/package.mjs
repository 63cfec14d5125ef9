#!/usr/bin/env node
// npm run package: production bundles, the eight prebuilt addons (built when
// missing or older than native/ and binding.gyp; scripts/prebuild.mjs), then
// one VSIX per VS Code target plus one universal VSIX without an addon (pread
// backend), all in dist-vsix/ (git-ignored):
//   dist-vsix/hugeview-<target>-<version>.vsix   (linux-x64, alpine-arm64, …)
//   dist-vsix/hugeview-universal-<version>.vsix
// Each VSIX is packed from its own staging folder that holds only what runs:
// package.json, README.md, CHANGELOG.md, LICENSE, images/icon.png, the bundles
// and that target's prebuilds/<platform>-<arch>/hugeview.node.
//   node scripts/package.mjs [--target linux-x64,universal]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TARGETS, buildTarget } from './prebuild.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(root, 'dist-vsix');
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;

/** The bundles and styles the extension loads (dist/bench.js is the `npm run bench` CLI: not shipped). */
export const SHIPPED_BUNDLES = ['extension.js', 'bench-worker.js', 'regex-worker.js', 'checksum-worker.js', 'filemap-worker.js', 'strings-worker.js', 'webview.js', 'webview.css', 'report.js', 'report.css', 'compare.js', 'compare.css'];
export const SHIPPED_FILES = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'images/icon.png'];

export function vsixPath(target) {
  return path.join(OUT_DIR, target === 'universal' ? `hugeview-universal-${version}.vsix` : `hugeview-${target}-${version}.vsix`);
}

function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error || result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
}

function newestMtime(files) {
  return Math.max(...files.map((f) => fs.statSync(f).mtimeMs));
}

/** Rebuilds a target's addon when it is missing or older than its sources. */
function ensurePrebuild(target) {
  const file = path.join(root, 'prebuilds', target, 'hugeview.node');
  const sources = [path.join(root, 'binding.gyp'), path.join(root, 'scripts', 'prebuild.mjs'),
    ...fs.readdirSync(path.join(root, 'native')).map((f) => path.join(root, 'native', f))];
  if (fs.existsSync(file) && fs.statSync(file).mtimeMs >= newestMtime(sources)) return file;
  const t0 = Date.now();
  buildTarget(target);
  console.log(`package: built prebuilds/${target}/hugeview.node in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

function stage(target, bundles) {
  const dir = path.join(OUT_DIR, 'stage', target);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const file of SHIPPED_FILES) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
  fs.mkdirSync(path.join(dir, 'dist'));
  for (const bundle of SHIPPED_BUNDLES) fs.copyFileSync(path.join(bundles, bundle), path.join(dir, 'dist', bundle));
  if (target !== 'universal') {
    const addon = path.join(dir, 'prebuilds', TARGETS[target].node, 'hugeview.node');
    fs.mkdirSync(path.dirname(addon), { recursive: true });
    fs.copyFileSync(ensurePrebuild(target), addon);
  }
  return dir;
}

export function packageAll(targets = [...Object.keys(TARGETS), 'universal']) {
  const t0 = Date.now();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const bundles = path.join(OUT_DIR, 'stage', 'bundles');
  fs.rmSync(bundles, { recursive: true, force: true });
  run(process.execPath, ['esbuild.mjs', '--production', '--outdir', bundles]);
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const written = [];
  for (const target of targets) {
    const dir = stage(target, bundles);
    const out = vsixPath(target);
    fs.rmSync(out, { force: true });
    // --no-dependencies: everything is bundled; nothing from node_modules ships. The
    // universal VSIX has no prebuilds/, which "files" names: hence --allow-unused-files-pattern.
    run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out, ...(target === 'universal' ? ['--allow-unused-files-pattern'] : ['--target', target])], dir);
    written.push({ target, file: out, bytes: fs.statSync(out).size });
  }
  return { written, seconds: (Date.now() - t0) / 1000 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { target: { type: 'string' } } });
  try {
    const { written, seconds } = packageAll(values.target?.split(','));
    for (const { file, bytes } of written) console.log(`${path.relative(root, file)}  ${(bytes / 1024).toFixed(0)} KiB`);
    console.log(`package: ${written.length} VSIX in ${seconds.toFixed(1)} s`);
  } catch (error) {
    console.error(`package: ${error.message}`);
    process.exit(1);
  }
}
