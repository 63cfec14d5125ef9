// The prebuilt addons that cannot run on this machine (macOS, Alpine/musl,
// Windows arm64) — and the others too — are checked as binaries: format and
// architecture (`file`), the Node-API module entry exported, and nothing
// imported but Node-API and the system's own libraries (llvm-nm, llvm-readobj,
// llvm-objdump from Debian's `llvm`). linux-arm64 and win32-x64 also run the
// native suite: `npm run test:prebuilds` (qemu-user, Wine).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { TARGETS, zigPath } from '../../scripts/prebuild.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function tool(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.error) throw new Error(`${command} is missing: apt-get install ${command === 'file' ? 'file' : 'llvm'}`);
  assert.equal(result.status, 0, `${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const isNodeApi = (symbol) => /^_?(napi|node_api)_\w+$/.test(symbol);

const FORMAT = {
  'linux-x64': /^ELF 64-bit LSB shared object, x86-64/, 'linux-arm64': /^ELF 64-bit LSB shared object, ARM aarch64/,
  'alpine-x64': /^ELF 64-bit LSB shared object, x86-64/, 'alpine-arm64': /^ELF 64-bit LSB shared object, ARM aarch64/,
  'darwin-x64': /^Mach-O 64-bit (x86_64 )?(dynamically linked shared library|bundle).*x86_64|^Mach-O 64-bit x86_64/,
  'darwin-arm64': /^Mach-O 64-bit (arm64 )?(dynamically linked shared library|bundle).*arm64|^Mach-O 64-bit arm64/,
  'win32-x64': /^PE32\+ executable \(DLL\).* x86-64, for MS Windows/, 'win32-arm64': /^PE32\+ executable \(DLL\).* Aarch64, for MS Windows/,
};

/** Every symbol musl's libc.so exports (Zig's stub lists them), and macOS 11's libSystem. */
let muslSymbols;
let systemSymbols;
function musl() {
  muslSymbols ??= new Set([...fs.readFileSync(path.join(path.dirname(zigPath()), 'lib', 'libc', 'musl', 'libc.S'), 'utf8').matchAll(/^(?:\.globl|\.weak|WEAK64) (\S+)/gm)].map((m) => m[1]));
  return muslSymbols;
}
function libSystem() {
  systemSymbols ??= new Set(fs.readFileSync(path.join(path.dirname(zigPath()), 'lib', 'libc', 'darwin', 'libSystem.11.tbd'), 'utf8').match(/[\w$.]+/g));
  return systemSymbols;
}

function checkElf(file, kind) {
  const exported = lines(tool('llvm-nm', ['-D', '--defined-only', '--format=just-symbols', file]));
  assert.ok(exported.includes('napi_register_module_v1'), 'exports napi_register_module_v1');
  const needed = lines(tool('llvm-readobj', ['--needed-libs', file]).split('NeededLibraries [')[1].split(']')[0]);
  const undefinedSymbols = lines(tool('llvm-nm', ['-D', '--undefined-only', file])).map((l) => l.split(/\s+/));
  const foreign = undefinedSymbols.filter(([type, name]) => type !== 'w' && !isNodeApi(name));
  if (kind === 'gnu') {
    assert.deepEqual(needed.filter((l) => !/^(libc\.so\.6|libm\.so\.6|ld-linux-(x86-64|aarch64)\.so\.[12])$/.test(l)), [], 'needs only glibc');
    assert.deepEqual(foreign.filter(([, name]) => !/@GLIBC_[\d.]+$/.test(name)), [], 'every other import is a versioned glibc symbol');
  } else {
    assert.deepEqual(needed, ['libc.so'], 'needs only musl libc.so');
    assert.deepEqual(foreign.filter(([, name]) => !musl().has(name)), [], 'every other import is a musl libc symbol');
  }
  return { imports: undefinedSymbols.length, libraries: needed };
}

function checkMacho(file) {
  const exported = lines(tool('llvm-nm', ['--defined-only', '--extern-only', '--format=just-symbols', file]));
  assert.ok(exported.includes('_napi_register_module_v1'), 'exports _napi_register_module_v1');
  // --dylibs-used lists the addon's own install name too: that is not a dependency.
  const dylibs = lines(tool('llvm-objdump', ['--macho', '--dylibs-used', file])).slice(1).map((l) => l.split(' ')[0]).filter((d) => d !== '@rpath/hugeview.node');
  assert.deepEqual(dylibs, ['/usr/lib/libSystem.B.dylib'], 'links only libSystem');
  const undefinedSymbols = lines(tool('llvm-nm', ['--undefined-only', '--format=just-symbols', file]));
  assert.deepEqual(undefinedSymbols.filter((s) => !isNodeApi(s) && !libSystem().has(s)), [], 'every other import is a libSystem symbol');
  assert.ok(undefinedSymbols.some(isNodeApi), 'Node-API stays undefined (-undefined dynamic_lookup): the host provides it');
  return { imports: undefinedSymbols.length, libraries: dylibs };
}

function checkPe(file) {
  const text = tool('llvm-readobj', ['--coff-exports', '--coff-imports', file]);
  const dlls = [...text.matchAll(/^Import \{\n\s+Name: (\S+)/gm)].map((m) => m[1]);
  assert.ok(/Export \{[^}]*Name: napi_register_module_v1\b/.test(text), 'exports napi_register_module_v1');
  assert.deepEqual(dlls.filter((d) => !/^(KERNEL32|msvcrt|ntdll|api-ms-win-[\w-]+)\.dll$/i.test(d)), [], 'imports only Windows system DLLs (no node.exe: Node-API is bound to the host at load time)');
  const importedNapi = [...text.matchAll(/Symbol: ((?:napi|node_api)_\w+)/g)];
  assert.deepEqual(importedNapi, [], 'imports no Node-API symbol from any DLL');
  return { imports: dlls.length, libraries: dlls };
}

describe('prebuilt addons', () => {
  for (const [target, spec] of Object.entries(TARGETS)) {
    it(`${target}: the right format and architecture, exports the Node-API entry, imports only Node-API and system libraries`, () => {
      const file = path.join(root, 'prebuilds', target, 'hugeview.node');
      assert.ok(fs.existsSync(file), `${file} is missing: run \`npm run build:prebuilds\``);
      const format = execFileSync('file', ['-b', file], { encoding: 'utf8' }).trim();
      assert.match(format, FORMAT[target]);
      if (spec.kind === 'gnu' || spec.kind === 'musl') checkElf(file, spec.kind);
      else if (spec.kind === 'macos') checkMacho(file);
      else checkPe(file);
    });
  }
});
