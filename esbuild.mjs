// Builds every bundle at once: the extension host (node, cjs, `vscode`
// external), the webview (browser), the benchmark engine and worker, and the
// test bundles. The native addon (.node) is never bundled: the loader finds it
// at run time in the extension folder (build/Release or prebuilds/).
//   node esbuild.mjs [--watch] [--production] [--outdir <dir>]  (the bundles' folder; default dist)
import * as esbuild from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const outdirAt = process.argv.indexOf('--outdir');
const dist = outdirAt > 0 ? process.argv[outdirAt + 1] : 'dist';

function config(entryPoints, outdir, platform, extra = {}) {
  return {
    entryPoints,
    outdir,
    bundle: true,
    platform,
    format: platform === 'node' ? 'cjs' : 'iife',
    target: platform === 'node' ? 'node18' : 'chrome114',
    external: ['vscode', 'mocha', '*.node'],
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    ...extra,
  };
}

function testEntries(folder) {
  const dir = join('test', folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => join(dir, name));
}

const builds = [
  config({ extension: 'src/extension.ts', 'bench-worker': 'src/bench/worker.ts', 'regex-worker': 'src/search/regexWorker.ts', 'checksum-worker': 'src/inspect/checksumWorker.ts', 'filemap-worker': 'src/filemap/fileMapWorker.ts', 'strings-worker': 'src/strings/stringsWorker.ts', bench: 'src/bench/cli.ts' }, dist, 'node'),
  config({ webview: 'webview/main.ts', report: 'webview/report/main.ts', compare: 'webview/compare/main.ts' }, dist, 'browser'),
];
if (!production) {
  const unit = [...testEntries('unit'), ...testEntries('native')];
  if (unit.length) builds.push(config(unit, 'out', 'node', { outbase: '.' }));
  const integration = [...testEntries('integration'), 'test/integration/index.ts', ...testEntries('e2e'), 'bench/viewer/suite.ts', 'bench/search/run.ts', 'bench/filter/run.ts'].filter(existsSync);
  if (integration.length) builds.push(config(integration, 'out', 'node', { outbase: '.' }));
}

if (watch) {
  for (const options of builds) (await esbuild.context(options)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
