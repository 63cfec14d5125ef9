// Builds and runs the standalone C++ test of the level count
// (test/native/level_count_test.cc): the addon's chunk loop against a naive
// reference, with the SSE2 kernel, with the scalar one, and the scalar one
// built for aarch64 and run under qemu. Needs g++, g++-aarch64-linux-gnu and
// qemu-user, not the addon.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { tempDir } from '../helpers/files';

// At run time this file is out/test/native/levelCountKernel.test.js.
const root = path.resolve(__dirname, '..', '..', '..');
const { dir, cleanup } = tempDir('hugeview-levels-kernel-');
after(cleanup);

const sources = [
  ...['level_count.cc', 'holes.cc', 'mapped_file.cc', 'mapped_file_posix.cc', 'fault_guard_posix.cc'].map((f) => path.join(root, 'native', f)),
  path.join(root, 'test', 'native', 'level_count_test.cc'),
];

function build(compiler: string, flags: string[], exe: string, hint: string): void {
  try {
    execFileSync(compiler, ['-O2', '-std=c++17', '-Wall', '-Wextra', ...flags, ...sources, '-o', exe], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new Error(`${compiler} is missing: ${hint}`);
    throw new Error(`the level count test did not compile with ${compiler}:\n${err.stderr?.toString() ?? err.message}`);
  }
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TMPDIR: dir } });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new Error(`${command} is missing: apt-get install qemu-user`);
  assert.equal(result.error, undefined, String(result.error));
  assert.equal(result.status, 0, `level_count_test failed (status ${result.status}, signal ${result.signal}):\n${result.stdout}${result.stderr}`);
  assert.match(result.stdout, / 0 failures/);
}

describe('level count kernel (C++)', () => {
  it('the SSE2 kernel in the chunked scan agrees with a per-line reference, with chunks down to 16 bytes', () => {
    const exe = path.join(dir, 'level_count_test');
    build('g++', ['-march=x86-64'], exe, 'apt-get install g++');
    run(exe, []);
  });

  it('the scalar kernel (what ARM runs) agrees with the reference too', () => {
    const exe = path.join(dir, 'level_count_test_scalar');
    build('g++', ['-DHUGEVIEW_LEVELS_SCALAR'], exe, 'apt-get install g++');
    run(exe, []);
  });

  it('built for aarch64 and run under qemu, it agrees with the reference', () => {
    const exe = path.join(dir, 'level_count_test_arm64');
    build('aarch64-linux-gnu-g++', ['-static'], exe, 'apt-get install g++-aarch64-linux-gnu');
    run('qemu-aarch64', [exe]);
  });
});
