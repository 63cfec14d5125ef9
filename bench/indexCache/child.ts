// One process of bench/index-cache.mjs (bundled by it into out/bench/): what the extension host does when it
// opens a file, without VS Code around it.
//   node child.js index  <file> <cacheFolder> [mmap|pread]
//                                               counts the whole file from byte 0 (the document's LineIndex over
//                                               the addon; it probes mmap against pread unless told which) and
//                                               stores the index in the cache
//   node child.js reopen <file> <cacheFolder>   a fresh process: looks the file up in the cache and answers the line
//                                               number of the last line; prints how long that took
// Prints one JSON line.
import * as fs from 'node:fs';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { LineIndex } from '../../src/core/LineIndex';
import { LineIndexCache } from '../../src/core/LineIndexCache';
import { nativeScanner, type LineScanner } from '../../src/core/LineScanner';

/** A /proc/self/status field in kB (VmHWM: peak resident; RssAnon: resident memory that is not the file's pages). */
function statusKB(field: string): number {
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? -1);
}

/** The native scanner, made to count through one reader when `via` says so (no probe). */
function scannerVia(scanner: LineScanner, via: string | undefined): LineScanner {
  if (via !== 'mmap' && via !== 'pread') return scanner;
  return { ...scanner, index: (options, onProgress) => scanner.index({ ...options, via }, onProgress) };
}

function counted(index: LineIndex): Promise<void> {
  return new Promise((resolve) => {
    if (index.state.done) return resolve();
    index.onChange((state) => state.done && resolve());
  });
}

async function main(): Promise<void> {
  const [action, file, folder, via] = process.argv.slice(2);
  const cache = new LineIndexCache(folder, 256 << 20);
  if (action === 'index') {
    const t0 = performance.now();
    const mapped = loadAddon().open(file);
    const index = new LineIndex(scannerVia(nativeScanner(mapped), via), mapped.size);
    index.start();
    await counted(index);
    const seconds = (performance.now() - t0) / 1000;
    const fd = fs.openSync(file, 'r');
    const t1 = performance.now();
    await cache.store(fd, index.snapshot());
    const storeMs = performance.now() - t1;
    fs.closeSync(fd);
    const entryBytes = fs.readdirSync(folder).reduce((sum, name) => sum + fs.statSync(`${folder}/${name}`).size, 0);
    console.log(JSON.stringify({ seconds, newlines: index.state.newlines, checkpoints: index.checkpoints, indexBytes: index.memoryBytes, via: via ?? index.state.via, storeMs, entryBytes, vmHWMkB: statusKB('VmHWM'), rssAnonKB: statusKB('RssAnon') }));
    index.dispose();
    mapped.close();
  } else if (action === 'reopen') {
    const t0 = performance.now();
    const mapped = loadAddon().open(file);
    const fd = fs.openSync(file, 'r');
    const cached = await cache.lookup(fd);
    const index = new LineIndex(nativeScanner(mapped), mapped.size, cached?.snapshot);
    const size = mapped.size;
    // The line of the last byte (the last line: the status bar on Ctrl+End) and where that line starts (Go to Line).
    const lastLine = index.lineOf(size - 1);
    const lastLineStart = lastLine === undefined ? undefined : index.startOfLine(lastLine);
    const ms = performance.now() - t0;
    console.log(JSON.stringify({ ms, kind: cached?.kind ?? 'miss', done: index.state.done, lastLine: lastLine === undefined ? null : lastLine + 1, lastLineStart: lastLineStart ?? null }));
    index.dispose();
    fs.closeSync(fd);
    mapped.close();
  } else {
    throw new Error(`usage: child.js index|reopen <file> <cacheFolder>`);
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
