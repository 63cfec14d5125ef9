import type * as vscode from 'vscode';
import { BenchReadPage, MeasureRoundTrip } from '../../shared/protocol/bench';
import type { Backend } from '../../shared/types';
import { codedError, type ByteSource } from '../bytes/ByteSource';
import { openBackend } from '../bytes/openByteSource';
import type { Editor } from '../core/Editor';

/**
 * The benchmark's page round trips through one editor: the webview asks for
 * pages through a named backend (BenchReadPage), served from a source of that
 * backend opened for the measurement and closed after it.
 */
export class RoundTripSession implements vscode.Disposable {
  private readonly sources = new Map<Backend, ByteSource>();

  constructor(private readonly editor: Editor) {
    editor.messenger.onRequest(BenchReadPage, ({ offset, length, backend }) => this.readPage(offset, length, backend));
  }

  /**
   * Times `pages` random 64 KiB page round trips (webview asks → host reads
   * through `backend` → webview has the bytes). Resolves with each in ms.
   */
  async measure(backend: Backend, pages: number): Promise<number[]> {
    try {
      const { samplesMs } = await this.editor.messenger.request(MeasureRoundTrip, { backend, pages }, 120_000);
      return samplesMs;
    } finally {
      this.closeSources();
    }
  }

  dispose(): void {
    this.closeSources();
  }

  private closeSources(): void {
    for (const source of this.sources.values()) source.close();
    this.sources.clear();
  }

  private readPage(offset: number, length: number, backend: Backend): { offset: number; data: ArrayBuffer; size: number } {
    const document = this.editor.document;
    let source: ByteSource | undefined;
    if (backend !== document.backend) {
      source = this.sources.get(backend);
      if (!source) this.sources.set(backend, (source = openBackend(document.uri.fsPath, backend)));
    }
    const size = source ? source.size : document.size;
    if (offset > size) throw codedError('EINVAL', `offset ${offset} is past the end of the file (${size} bytes)`);
    if (!source) return { offset, data: document.read(offset, length).buffer as ArrayBuffer, size: document.size };
    const target = new Uint8Array(Math.min(length, size - offset));
    const n = source.read(offset, target);
    return { offset, data: (n === target.length ? target : target.slice(0, n)).buffer as ArrayBuffer, size };
  }
}
