import type { ViewerHost } from './ViewerHost';
import { formatSize } from '../../shared/offsets';
import type { CopyFormat } from '../../shared/protocol/editor';
import { MAX_COPY_BYTES } from '../../shared/types';

/**
 * Ctrl+C: asks the host to copy [start, end) as hex or text. An empty
 * selection copies nothing; one over MAX_COPY_BYTES is refused here with a
 * warning, without a request.
 */
export async function copySelection(host: ViewerHost, start: number, end: number, format: CopyFormat): Promise<void> {
  if (start >= end) return;
  if (end - start > MAX_COPY_BYTES) {
    host.showMessage('warning', `The selection is ${formatSize(end - start)}; HugeView copies at most ${formatSize(MAX_COPY_BYTES)}.`);
    return;
  }
  try {
    await host.copyRange(start, end, format);
  } catch (error) {
    const coded = error as { code?: string; message?: string };
    host.showMessage(coded.code === 'ETOOBIG' ? 'warning' : 'error', `Copy failed: ${coded.message ?? String(error)}`);
  }
}
