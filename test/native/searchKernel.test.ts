// Builds and runs the standalone C++ test of the search kernels
// (test/native/search_kernel_test.cc): every kernel set against a naive
// reference. Needs g++, not the addon.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { tempDir } from '../helpers/files';

// At run time this file is out/test/native/searchKernel.test.js.
const root = path.resolve(__dirname, '..', '..', '..');
const { dir, cleanup } = tempDir('hugeview-search-');
after(cleanup);

describe('search kernels (C++)', () => {
  it('scalar, SSE2 and AVX2 kernels, and the addon\'s chunked scan loop, agree with a naive search; a cut file gives ETRUNCATED, a cancelled one stops, a closed one ECLOSED', () => {
    const exe = path.join(dir, 'search_kernel_test');
    const sources = [
      ...['search.cc', 'scan.cc', 'holes.cc', 'mapped_file.cc', 'mapped_file_posix.cc', 'fault_guard_posix.cc'].map((f) => path.join(root, 'native', f)),
      path.join(root, 'test', 'native', 'search_kernel_test.cc'),
    ];
    try {
      execFileSync('g++', ['-O2', '-std=c++17', '-march=x86-64', '-Wall', '-Wextra', ...sources, '-o', exe], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
      if (err.code === 'ENOENT') throw new Error('g++ is missing: apt-get install g++ (it builds the search kernel test)');
      throw new Error(`the search kernel test did not compile:\n${err.stderr?.toString() ?? err.message}`);
    }
    const run = spawnSync(exe, [], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TMPDIR: dir } });
    assert.equal(run.error, undefined, String(run.error));
    assert.equal(run.status, 0, `search_kernel_test failed (status ${run.status}, signal ${run.signal}):\n${run.stdout}${run.stderr}`);
    assert.match(run.stdout, /0 failures/);
  });
});
