import type * as vscode from 'vscode';
import { FileMapProgress, FileMapStateChanged, StartFileMap, type FileMapProgressParams, type FileMapState } from '../../shared/protocol/filemap';
import type { Editor } from '../core/Editor';
import { log } from '../log';
import { startFileMap, type FileMapJob } from './fileMapJob';
import { bucketLayout, MAP_FIELDS } from './fileMapMath';

/** Finished buckets go to the webview at most this often (the first at once). */
const SEND_EVERY_MS = 50;
/** A file that grew or shrank is mapped again this long after the change. */
const REMAP_AFTER_MS = 400;

/**
 * One editor's file map: computes the map its webview asks for (at the
 * strip's resolution), relays finished buckets in batches, and maps again
 * when the file grows or is rewritten. One map at a time: a new one cancels
 * the last.
 */
export class FileMapSession implements vscode.Disposable {
  private mapId = 0;
  private job: FileMapJob | undefined;
  private wanted = 0;
  private remapTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];
  /** The last map: its buckets (MAP_FIELDS each) and how many are finished. */
  buckets = new Float64Array(0);
  finished = 0;
  done = false;

  constructor(
    private readonly editor: Editor,
    state: () => FileMapState,
  ) {
    editor.messenger.onNotification(StartFileMap, ({ buckets }) => {
      const now = state();
      editor.messenger.notify(FileMapStateChanged, now);
      if (!now.visible) return; // the webview asks again when the strip is shown
      this.wanted = buckets;
      this.start();
    });
    // Not reset by later changes: a log growing every 100 ms (follow mode) is still mapped again every REMAP_AFTER_MS.
    const remapSoon = () => {
      if (this.wanted === 0 || this.remapTimer) return;
      this.remapTimer = setTimeout(() => {
        this.remapTimer = undefined;
        this.start();
      }, REMAP_AFTER_MS);
    };
    this.subscriptions = [editor.document.onDidChangeSize(remapSoon), editor.onDidReload(() => this.wanted && this.start())];
  }

  private start(): void {
    this.job?.cancel();
    clearTimeout(this.remapTimer);
    this.remapTimer = undefined;
    const mapId = ++this.mapId;
    const document = this.editor.document;
    const size = document.size;
    const { bucketSize, bucketCount } = bucketLayout(size, this.wanted);
    this.buckets = new Float64Array(bucketCount * MAP_FIELDS);
    this.finished = 0;
    this.done = bucketCount === 0;
    const base = { mapId, size, bucketSize, bucketCount };
    const send = (extra: Partial<FileMapProgressParams> = {}) => {
      const first = sent;
      const values = Array.from(this.buckets.subarray(first * MAP_FIELDS, this.finished * MAP_FIELDS));
      sent = this.finished;
      lastSend = performance.now();
      this.editor.messenger.notify(FileMapProgress, { ...base, firstBucket: first, values, done: this.done, ...extra });
    };
    let sent = 0;
    let lastSend = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    send();
    if (bucketCount === 0) return;
    const began = performance.now();
    const job = (this.job = startFileMap(document, size, bucketSize, (firstBucket, values) => {
      if (mapId !== this.mapId) return;
      this.buckets.set(values.subarray(0, Math.max(0, Math.min(values.length, this.buckets.length - firstBucket * MAP_FIELDS))), firstBucket * MAP_FIELDS);
      this.finished = Math.min(bucketCount, firstBucket + values.length / MAP_FIELDS);
      if (sent === 0 || performance.now() - lastSend >= SEND_EVERY_MS) send();
      else timer ??= setTimeout(() => {
        timer = undefined;
        if (mapId === this.mapId && !this.done) send();
      }, SEND_EVERY_MS);
    }));
    job.result.then(
      ({ cancelled }) => {
        if (mapId !== this.mapId || cancelled) return;
        clearTimeout(timer);
        this.done = true;
        send();
        log().info(`file map of ${document.fileName}: ${bucketCount} buckets of ${bucketSize} bytes in ${(performance.now() - began).toFixed(0)} ms (${document.backend})`);
      },
      (error: Error) => {
        if (mapId !== this.mapId) return;
        clearTimeout(timer);
        this.done = true;
        send({ error: error.message });
        log().warn(`file map of ${document.fileName}: ${error.message}`);
      },
    );
  }

  dispose(): void {
    this.mapId++;
    this.job?.cancel();
    if (this.remapTimer) clearTimeout(this.remapTimer);
    for (const s of this.subscriptions) s.dispose();
  }
}
