// Every VSIX that `npm run package` wrote holds only what runs, and stays small.
// Run by test/run-all.mjs after packaging (node --test test/package/).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { SHIPPED_BUNDLES, vsixPath } from '../../scripts/package.mjs';
import { TARGETS } from '../../scripts/prebuild.mjs';

const MiB = 1024 * 1024;

/** Names and sizes of a zip's entries, from its central directory (no unzip needed). */
export function zipEntries(file) {
  const zip = fs.readFileSync(file);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, `${file} is not a zip`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const data = () => {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(start, start + compressed);
      return method === 8 ? zlib.inflateRawSync(raw) : raw;
    };
    entries.push({ name, size, data });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** The allow-list: VSIX metadata, the manifest and docs, the bundles, the icon, and one addon (or none). */
function allowed(target) {
  const names = [
    '[Content_Types].xml', 'extension.vsixmanifest',
    'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/images/icon.png',
    ...SHIPPED_BUNDLES.map((b) => `extension/dist/${b}`),
  ];
  if (target !== 'universal') names.push(`extension/prebuilds/${TARGETS[target].node}/hugeview.node`);
  return names.sort();
}

describe('VSIX contents', () => {
  it('ships every bundle and stylesheet the extension loads at run time (each file name the source names under dist/)', () => {
    const named = new Set();
    const walk = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.ts')) for (const m of fs.readFileSync(file, 'utf8').matchAll(/'([a-z-]+\.(?:js|css))'/g)) named.add(m[1]);
      }
    };
    walk(path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'src'));
    assert.ok(named.has('webview.js'), 'the scan finds the webview bundle');
    assert.deepEqual([...named].filter((b) => !SHIPPED_BUNDLES.includes(b)).sort(), [], 'named in src/ but not in SHIPPED_BUNDLES (scripts/package.mjs)');
  });

  for (const target of [...Object.keys(TARGETS), 'universal']) {
    const file = vsixPath(target);
    it(`${path.basename(file)} holds exactly the allow-listed files, under 1 MiB`, () => {
      assert.ok(fs.existsSync(file), `${file} is missing: run \`npm run package\``);
      const entries = zipEntries(file);
      assert.deepEqual(entries.map((e) => e.name).sort(), allowed(target));
      assert.ok(fs.statSync(file).size < MiB, `${path.basename(file)} is ${fs.statSync(file).size} bytes`);
      const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(file), 'stage', target, 'package.json'), 'utf8'));
      assert.equal(manifest.main, './dist/extension.js');
      if (target !== 'universal') {
        const addon = entries.find((e) => e.name.endsWith('hugeview.node'));
        assert.ok(addon.size > 100_000, `the addon is a real binary (${addon.size} bytes)`);
      }
    });
  }

  it('the platform VSIX declare their target in the manifest; the universal one declares none', () => {
    for (const target of [...Object.keys(TARGETS), 'universal']) {
      const manifest = zipEntries(vsixPath(target)).find((e) => e.name === 'extension.vsixmanifest').data().toString('utf8');
      const declared = /TargetPlatform="([^"]+)"/.exec(manifest)?.[1];
      assert.equal(declared, target === 'universal' ? undefined : target, path.basename(vsixPath(target)));
    }
  });
});
