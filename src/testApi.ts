import type { Backend, NewlineUnit } from '../shared/types';
import type { BenchFeature } from './bench/register';
import type { CompareFeature } from './compare/register';
import type { CompareSummary } from '../shared/protocol/compare';
import type { Editors } from './core/Editors';
import type { LargeFileRedirect, RedirectDecision } from './editor/LargeFileRedirect';
import type { FollowFeature } from './follow/register';
import type { SearchFeature } from './search/register';
import type { TextFeature } from './text/register';
import type { TagsFeature } from './tags/register';
import type { Tag } from '../shared/protocol/tags';

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
  /** Times `pages` page round trips through the first editor of `path` (see bench/RoundTripSession). */
  measureRoundTrip(path: string, backend: Backend, pages: number): Promise<number[]>;
  /** The line index of `path`'s document (counting `unit` newlines, else the byte one), once something started it. */
  indexState(path: string, unit?: NewlineUnit): { scannedTo: number; newlines: number; done: boolean; checkpoints: number; memoryBytes: number; scansFromZero: number; scannedBytes: number; restored: 'unchanged' | 'appended' | null; restoredTo: number } | undefined;
  /** The line index cache: its folder (global storage), its bound, and what it holds for the file at `path` (unchecked). */
  indexCache(path?: string): Promise<{ folder: string; maxBytes: number; entry?: { size: number; scannedTo: number; newlines: number } }>;
  /** Every search that finished or was cancelled in `path`'s first editor, oldest first. */
  searches(path: string): Array<{ searchId: number; query: string; count: number; cancelled: boolean }>;
  /** Whether the first editor of `path` follows the end of the file (follow mode, as the host holds it). */
  isFollowing(path: string): boolean | undefined;
  /** What the large-file redirect did with each text tab it looked at, oldest first (the last 100). */
  redirects(): RedirectDecision[];
  /** The worker thread of the benchmark going on, if any. */
  benchmarkThreadId(): number | undefined;
  /** The tags of `path` as the store holds them; `reloaded`: read afresh from what was persisted, as a new activation would. */
  tags(path: string, reloaded?: boolean): Tag[];
  /** The Tags view: the file it lists and its rows as VS Code gets them. */
  tagsView(): { file: string | undefined; rows: Array<{ label: string; description: string; tooltip: string; icon: string; color: string | undefined }> };
  /** The open compare panels, oldest first: their summary, the current difference (-1: none yet), and whether each is the active editor. */
  compares(): Array<{ summary: CompareSummary; current: number; active: boolean }>;
}

/** The features the API looks into. */
export interface ApiFeatures {
  follow: FollowFeature;
  search: SearchFeature;
  bench: BenchFeature;
  text: TextFeature;
  tags: TagsFeature;
  compare: CompareFeature;
}

export function createApi(editors: Editors, features: ApiFeatures, redirect: LargeFileRedirect): HugeViewApi {
  const first = (path: string) => editors.find(path);
  return {
    redirects: () => [...redirect.decisions],
    benchmarkThreadId: () => features.bench.command.runningThreadId,
    tags: (path, reloaded) => (reloaded ? features.tags.reload() : features.tags.store).list(path),
    tagsView: () => ({
      file: features.tags.view.file,
      rows: features.tags.view.rows().map((item) => {
        const icon = item.iconPath as { id?: string; color?: { id?: string } } | undefined;
        return { label: String(item.label), description: String(item.description ?? ''), tooltip: String(item.tooltip ?? ''), icon: icon?.id ?? '', color: icon?.color?.id };
      }),
    }),
    compares: () => features.compare.panels.map((panel) => ({ summary: panel.summary, current: panel.currentIndex, active: panel.active })),
    isFollowing: (path) => {
      const editor = first(path);
      return editor && features.follow.isFollowing(editor);
    },
    documents() {
      const byDoc = new Map<object, { path: string; backend: string; size: number; editors: number; closed: boolean; reloads: number; replacementOffered: boolean }>();
      for (const editor of editors.all) {
        const doc = editor.document;
        const entry = byDoc.get(doc) ?? { path: doc.uri.fsPath, backend: doc.backend, size: doc.size, editors: 0, closed: doc.isClosed, reloads: doc.reloads, replacementOffered: doc.replacementOffered };
        entry.editors++;
        byDoc.set(doc, entry);
      }
      return [...byDoc.values()];
    },
    measureRoundTrip(path, backend, pages) {
      const editor = first(path);
      if (!editor) return Promise.reject(new Error(`no HugeView editor for ${path}`));
      return features.bench.measureRoundTrip(editor, backend, pages);
    },
    indexState(path, unit) {
      const document = first(path)?.document;
      const index = unit ? document?.startedLinesFor(unit) : document?.startedLines;
      return (
        index && {
          ...index.state,
          checkpoints: index.checkpoints,
          memoryBytes: index.memoryBytes,
          scansFromZero: index.scansFromZero,
          scannedBytes: index.scannedBytes,
          restored: index.restored?.kind ?? null,
          restoredTo: index.restored?.scannedTo ?? 0,
        }
      );
    },
    async indexCache(path) {
      const cache = features.text.indexCache;
      return { folder: cache.folder, maxBytes: cache.maxBytes, entry: path === undefined ? undefined : await cache.describe(path) };
    },
    searches(path) {
      const editor = first(path);
      const log = editor ? (features.search.session(editor)?.log ?? []) : [];
      return log.map((s) => ({ searchId: s.searchId, query: s.query.query, count: s.count, cancelled: s.cancelled }));
    },
    activeCursor: () => editors.active?.cursor,
    activeMode: () => editors.active?.mode,
    inject(path, message, timeoutMs = 2000) {
      const panel = first(path);
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
