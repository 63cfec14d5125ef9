import type { Messenger } from '../../shared/rpc';
import { PAGE_SIZE } from '../../shared/offsets';
import { BenchReadPage } from '../../shared/protocol/bench';
import type { Backend } from '../../shared/types';

/**
 * The benchmark's end-to-end page round trip: ask the host for a random
 * 64 KiB page through `backend`, wait until the bytes are here, touch them.
 * Runs beside the viewer's own page cache, never through it.
 */
export async function measureRoundTrip(messenger: Messenger, backend: Backend, pages: number, size: () => number): Promise<{ samplesMs: number[] }> {
  const samplesMs: number[] = [];
  const pageCount = Math.max(1, Math.floor(size() / PAGE_SIZE));
  let x = 0x2545f491;
  let sink = 0;
  for (let i = 0; i < pages; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const offset = ((x >>> 0) % pageCount) * PAGE_SIZE;
    const t0 = performance.now();
    const { data } = await messenger.request(BenchReadPage, { offset, length: PAGE_SIZE, backend });
    const bytes = new Uint8Array(data);
    sink ^= bytes[0] ^ bytes[bytes.length - 1];
    samplesMs.push(performance.now() - t0);
  }
  return { samplesMs: sink === -1 ? [] : samplesMs };
}
