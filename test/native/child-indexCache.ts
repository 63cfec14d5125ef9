// A separate process for the index cache tests (built beside them):
//   node child-indexCache.js store <folder> <file>   indexes the file, stores the index
//   node child-indexCache.js lookup <folder> <file>  prints what the cache gives back, as JSON
import * as fs from 'node:fs';
import { loadAddon } from '../../src/bytes/nativeAddon';
import { LineIndex } from '../../src/core/LineIndex';
import { LineIndexCache } from '../../src/core/LineIndexCache';
import { nativeScanner } from '../../src/core/LineScanner';

async function main(): Promise<void> {
  const [action, folder, file] = process.argv.slice(2);
  const cache = new LineIndexCache(folder, 64 << 20);
  const fd = fs.openSync(file, 'r');
  const mapped = loadAddon().open(file);
  try {
    if (action === 'store') {
      const index = new LineIndex(nativeScanner(mapped), mapped.size);
      await new Promise<void>((resolve) => {
        index.onChange((state) => state.done && resolve());
        index.start();
      });
      await cache.store(fd, index.snapshot());
      console.log(JSON.stringify({ newlines: index.state.newlines, checkpoints: index.checkpoints }));
      index.dispose();
    } else {
      const t0 = performance.now();
      const cached = await cache.lookup(fd);
      const index = new LineIndex(nativeScanner(mapped), mapped.size, cached?.snapshot);
      const lastLine = index.state.newlines - 1;
      console.log(JSON.stringify({
        kind: cached?.kind ?? 'miss',
        done: index.state.done,
        newlines: index.state.newlines,
        checkpoints: index.checkpoints,
        startOfLastLine: index.state.done && lastLine >= 0 ? index.startOfLine(lastLine) : null,
        ms: performance.now() - t0,
      }));
      index.dispose();
    }
  } finally {
    mapped.close();
    fs.closeSync(fd);
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
