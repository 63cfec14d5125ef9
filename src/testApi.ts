import type { Backend, NewlineUnit } from '../shared/types';
import type { BenchmarkCommand } from './bench/BenchmarkCommand';
import type { HugeViewProvider } from './viewer/HugeViewProvider';
import type { LargeFileRedirect, RedirectDecision } from './viewer/LargeFileRedirect';

/**
 * What activate() returns: a read-only look at open documents, for the
 * integration tests (and for other extensions that want to know). It changes
 * nothing, except inject(), which delivers a message as if a webview sent it.
 */
export interface HugeViewApi {
  documents(): Array<{ path: string; backend: string; size: number; editors: number; closed: boolean; reloads: number; replacementOffered: boolean }>;
  activeCursor(): { offset: number; selectionStart: number; selectionEnd: number; mode: string; topOffset: number } | undefined;
  activeMode(): string | undefined;
  /** Delivers `message` to the first editor of `path` as if its webview sent it; resolves with the host's answer (or undefined). */
  inject(path: string, message: unknown, timeoutMs?: number): Promise<unknown>;
  /** Times `pages` page round trips through the first editor of `path` (see ViewerPanel.measureRoundTrip). */
  measureRoundTrip(path: string, backend: Backend, pages: number): Promise<number[]>;
  /** The line index of `path`'s document (counting `unit` newlines, else the byte one), once something started it. */
  indexState(path: string, unit?: NewlineUnit): { scannedTo: number; newlines: number; done: boolean; checkpoints: number; memoryBytes: number; scansFromZero: number } | undefined;
  /** Every search that finished or was cancelled in `path`'s first editor, oldest first. */
  searches(path: string): Array<{ searchId: number; query: string; count: number; cancelled: boolean }>;
  /** Whether the first editor of `path` follows the end of the file (follow mode, as the host holds it). */
  isFollowing(path: string): boolean | undefined;
  /** What the large-file redirect did with each text tab it looked at, oldest first (the last 100). */
  redirects(): RedirectDecision[];
  /** The worker thread of the benchmark going on, if any. */
  benchmarkThreadId(): number | undefined;
}

export function createApi(provider: HugeViewProvider, benchmark: BenchmarkCommand, redirect: LargeFileRedirect): HugeViewApi {
  return {
    redirects: () => [...redirect.decisions],
    benchmarkThreadId: () => benchmark.runningThreadId,
    isFollowing: (path) => [...provider.allPanels].find((p) => p.document.uri.fsPath === path)?.isFollowing,
    documents() {
      const byDoc = new Map<object, { path: string; backend: string; size: number; editors: number; closed: boolean; reloads: number; replacementOffered: boolean }>();
      for (const panel of provider.allPanels) {
        const doc = panel.document;
        const entry = byDoc.get(doc) ?? { path: doc.uri.fsPath, backend: doc.backend, size: doc.size, editors: 0, closed: doc.isClosed, reloads: doc.reloads, replacementOffered: doc.replacementOffered };
        entry.editors++;
        byDoc.set(doc, entry);
      }
      return [...byDoc.values()];
    },
    measureRoundTrip(path, backend, pages) {
      const panel = [...provider.allPanels].find((p) => p.document.uri.fsPath === path);
      if (!panel) return Promise.reject(new Error(`no HugeView editor for ${path}`));
      return panel.measureRoundTrip(backend, pages);
    },
    indexState(path, unit) {
      const document = [...provider.allPanels].find((p) => p.document.uri.fsPath === path)?.document;
      const index = unit ? document?.startedLinesFor(unit) : document?.startedLines;
      return index && { ...index.state, checkpoints: index.checkpoints, memoryBytes: index.memoryBytes, scansFromZero: index.scansFromZero };
    },
    searches(path) {
      const panel = [...provider.allPanels].find((p) => p.document.uri.fsPath === path);
      return panel ? panel.searchLog.map((s) => ({ searchId: s.searchId, query: s.query.query, count: s.count, cancelled: s.cancelled })) : [];
    },
    activeCursor: () => provider.activePanel?.cursor,
    activeMode: () => provider.activePanel?.currentMode,
    inject(path, message, timeoutMs = 2000) {
      const panel = [...provider.allPanels].find((p) => p.document.uri.fsPath === path);
      if (!panel) return Promise.reject(new Error(`no HugeView editor for ${path}`));
      return new Promise((resolve) => {
        const id = (message as { id?: unknown } | null)?.id;
        const timer = setTimeout(() => {
          untap();
          resolve(undefined);
        }, timeoutMs);
        const untap = panel.channel.tap((posted) => {
          const reply = posted as { replyTo?: unknown; method?: unknown };
          if ((id !== undefined && reply.replyTo === id) || reply.method === 'protocolError') {
            clearTimeout(timer);
            untap();
            resolve(posted);
          }
        });
        panel.channel.inject(message);
      });
    },
  };
}
