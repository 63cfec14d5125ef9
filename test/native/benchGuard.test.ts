// The benchmark's guard-cost step runs inside the extension host (a worker
// thread): it must survive another process truncating the file under it.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { patternBytes, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir();
after(cleanup);

describe('benchmark guard cost', () => {
  it('a full-mode guard measurement survives repeated truncation of the file and still reports a guard figure', async () => {
    const file = path.join(dir, 'rotated.log');
    const size = 1024 * 1024;
    fs.writeFileSync(file, patternBytes(size, 21));
    // The child stands for the extension host: it runs the engine, says when
    // the guard step starts, and prints the report's guard figure.
    const child = spawn(process.execPath, ['-e', `
      const fs = require('fs');
      const { runBenchmark, loadAddon } = require(${JSON.stringify(path.join(__dirname, 'child-bench.js'))});
      const mapped = loadAddon().open(${JSON.stringify(file)});
      const report = runBenchmark(${JSON.stringify(file)}, { mode: 'full', mapped, patterns: [], caches: ['warm'],
        onProgress: (p) => { if (p.label.startsWith('guard')) fs.writeSync(1, 'guard step\\n'); } });
      fs.writeSync(1, JSON.stringify({ guard: report.guard, error: report.error }) + '\\n');`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let running = true;
    void exited.then(() => (running = false));
    await new Promise<void>((resolve) => child.stdout.on('data', (d) => ((stdout += d), stdout.includes('guard step') && resolve())));
    child.stdout.on('data', (d) => (stdout += d));
    // Truncate to nothing and regrow, over and over, until the child is done.
    let truncations = 0;
    while (running) {
      fs.truncateSync(file, 0);
      fs.truncateSync(file, size);
      truncations++;
      await new Promise((r) => setImmediate(r));
    }
    const { code, signal } = await exited;
    assert.equal(signal, null, `the process died of ${signal} (stderr: ${stderr})`);
    assert.equal(code, 0, stderr);
    assert.ok(truncations > 10, `only ${truncations} truncations ran during the guard step`);
    const result = JSON.parse(stdout.split('\n').find((line) => line.startsWith('{'))!);
    assert.ok(result.guard, `no guard figure: ${JSON.stringify(result)}`);
    assert.ok(result.guard.guardedNs > 0 && result.guard.unguardedNs > 0, JSON.stringify(result.guard));
  });

  it('the file handle offers no unguarded read; only a private copy does', () => {
    const file = path.join(dir, 'plain.bin');
    fs.writeFileSync(file, patternBytes(8192, 2));
    const mapped = loadAddon().open(file) as unknown as Record<string, unknown>;
    assert.equal(mapped.readUnguarded, undefined);
    (mapped.close as () => void)();
    const copy = loadAddon().privateCopy(patternBytes(8192, 2));
    const a = new Uint8Array(100);
    const b = new Uint8Array(100);
    assert.equal(copy.read(4000, a), 100);
    assert.equal(copy.readUnguarded(4000, b), 100);
    assert.deepEqual(Buffer.from(a), patternBytes(8192, 2).subarray(4000, 4100));
    assert.deepEqual(a, b);
    assert.equal(copy.read(8192, a), 0);
  });
});
