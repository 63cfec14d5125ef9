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
  /** Sends the current map's finished buckets from the first again. */
  private resend: () => void = () => undefined;
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
    /** How many buckets the last strip asked for (the webviews of one window have one height): the early map's. */
    guess: { buckets: number },
  ) {
    // The map starts with the editor, not when the webview first runs and asks: the webview's ask would come a
    // round trip after its script starts, and the first buckets another after that. The state and the buckets
    // wait in the webview's message queue until it runs.
    let early = state().visible;
    if (early) {
      editor.messenger.notify(FileMapStateChanged, state());
      this.wanted = guess.buckets;
      this.start();
    }
    editor.messenger.onNotification(StartFileMap, ({ buckets }) => {
      guess.buckets = buckets;
      const now = state();
      const answered = early && now.visible && Math.abs(buckets - this.wanted) <= this.wanted * 0.25;
      early = false;
      editor.messenger.notify(FileMapStateChanged, now);
      // The early map is the one asked for. What was sent before the webview ran may not have reached it (VS Code
      // drops a message posted while the webview is still loading): everything finished so far goes again.
      if (answered) return this.resend();
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
    this.resend = () => {
      if (mapId !== this.mapId) return;
      sent = 0;
      send();
    };
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
