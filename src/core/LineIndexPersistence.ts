import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NewlineUnit } from '../../shared/types';
import type { DescriptorLease } from '../bytes/SharedDescriptor';
import { log } from '../log';
import type { LineIndex } from './LineIndex';
import { LineIndexCache } from './LineIndexCache';

/** The setting that bounds the cache folder (0 turns the cache off). */
export const INDEX_CACHE_SETTING = 'indexCache.maxMegabytes';
const DEFAULT_MEGABYTES = 64;
/** After the first store, a count that finishes again (follow mode's appends) is stored at most this often; close stores the rest. */
const STORE_INTERVAL_MS = 30_000;

/** The line index cache in the extension's global storage, bounded by `hugeview.indexCache.maxMegabytes` (read at each use). */
export function lineIndexCacheIn(context: vscode.ExtensionContext): LineIndexCache {
  const storage = context.globalStorageUri;
  const folder = path.join(storage.fsPath, 'line-index');
  const megabytes = () => {
    if (storage.scheme !== 'file') return 0;
    const value = vscode.workspace.getConfiguration('hugeview').get<number>(INDEX_CACHE_SETTING, DEFAULT_MEGABYTES);
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : DEFAULT_MEGABYTES;
  };
  return new LineIndexCache(folder, () => megabytes() * 1024 * 1024);
}

interface Tracked {
  unit: NewlineUnit;
  /** What the cache holds of this index (bytes counted when last stored or restored). */
  storedTo: number;
  storedAt: number;
  subscription: { dispose(): void };
}

/** Bytes of `index` the cache holds: what was last stored, or an unchanged file's restored entry. */
function held(index: LineIndex, entry: Tracked): number {
  return Math.max(entry.storedTo, index.restored?.kind === 'unchanged' ? index.restored.scannedTo : 0);
}

/**
 * One document's line indexes and the cache: a new index starts from what the
 * cache holds for the file (or from byte 0); a finished count is stored, and
 * what an index counted since is stored again when it is let go. Never throws:
 * a cache that cannot be read or written only costs a scan.
 */
export class LineIndexPersistence {
  private readonly tracked = new Map<LineIndex, Tracked>();
  /** Stores run one after another (and a close waits for none of them). */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly cache: LineIndexCache | undefined,
    private readonly lend: () => DescriptorLease,
    private readonly name: string,
  ) {}

  /** Starts `index`: from the cache's snapshot when there is a good one. */
  start(index: LineIndex, unit: NewlineUnit): void {
    const cache = this.cache;
    if (!cache?.enabled) return index.start();
    const entry: Tracked = { unit, storedTo: 0, storedAt: 0, subscription: index.onChange((state) => state.done && this.storeDone(index, entry)) };
    this.tracked.set(index, entry);
    const lease = this.lend();
    const lookup = cache.lookup(lease.fd, unit).finally(() => lease.release());
    lookup.catch((error) => log().warn(`line index cache lookup for ${this.name}: ${(error as Error).message}`));
    void index.startAfter(lookup).then(() => {
      const restored = index.restored;
      if (!restored) return;
      log().info(`line index (${unit}) of ${this.name} restored from the cache (${restored.kind}): ${index.state.newlines} newlines in ${restored.scannedTo} bytes`);
    });
  }

  /** `index` is let go (its editors closed, or the document did): stores what it counted since the last store. Call before index.dispose(). */
  release(index: LineIndex): void {
    const entry = this.tracked.get(index);
    if (!entry) return;
    this.tracked.delete(index);
    entry.subscription.dispose();
    if (index.state.scannedTo > held(index, entry)) this.store(index, entry);
  }

  /** `index` counted bytes that are no longer the file's (a rewrite): never store it. */
  forget(index: LineIndex): void {
    this.tracked.get(index)?.subscription.dispose();
    this.tracked.delete(index);
  }

  private storeDone(index: LineIndex, entry: Tracked): void {
    if (index.state.scannedTo <= held(index, entry)) return;
    if (entry.storedAt !== 0 && Date.now() - entry.storedAt < STORE_INTERVAL_MS) return;
    this.store(index, entry);
  }

  private store(index: LineIndex, entry: Tracked): void {
    const cache = this.cache;
    if (!cache) return;
    let lease: DescriptorLease;
    try {
      lease = this.lend(); // now, while the file is open: a close waits for the lease
    } catch {
      return;
    }
    const snapshot = index.snapshot();
    entry.storedTo = snapshot.scannedTo;
    entry.storedAt = Date.now();
    this.queue = this.queue
      .then(() => cache.store(lease.fd, snapshot, entry.unit))
      .then(
        () => log().info(`line index (${entry.unit}) of ${this.name} stored in the cache: ${snapshot.newlines} newlines in ${snapshot.scannedTo} bytes`),
        (error) => log().warn(`line index cache store for ${this.name}: ${(error as Error).message}`),
      )
      .finally(() => lease.release());
  }

}
