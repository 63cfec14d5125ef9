import * as vscode from 'vscode';
import { LevelMarksChanged, LevelSettingsChanged, LevelState, type LevelMarks, type LevelSettings } from '../../shared/protocol/levels';
import type { Editor } from '../core/Editor';
import { log } from '../log';
import { countLevelsJs } from './levelCountJs';

/** Scrollbar buckets: finer than any scrollbar is tall. */
export const LEVEL_BUCKETS = 1000;
/** A growing file is counted again at most this often (ms), and never sooner than 4× the last count took. */
const RECOUNT_MS = 1000;
/** Partial counts go to the webview at most this often (ms). */
const PROGRESS_MS = 250;

interface RunningCount {
  cancel(): void;
}

/**
 * One editor's levels: sends the settings, and counts ERROR and WARN lines
 * per scrollbar bucket in the background — natively over the mapping, or
 * with the JavaScript fallback on the pread backend — again when the file
 * grows (follow) or is reloaded. Nothing per line is kept.
 */
export class LevelSession implements vscode.Disposable {
  private marks: LevelMarks | null = null;
  private running: RunningCount | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastStarted = 0;
  private lastTook = 0;
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[];
  /** Counts finished (tests wait on it). */
  counted = 0;
  private readonly done = new vscode.EventEmitter<LevelMarks>();
  readonly onDidCount = this.done.event;

  constructor(
    private readonly editor: Editor,
    private settings: LevelSettings,
  ) {
    editor.messenger.onRequest(LevelState, () => ({ settings: this.settings, marks: this.settings.enabled ? this.marks : null }));
    this.subscriptions = [
      this.done,
      editor.document.onDidChangeSize(() => this.scheduleCount()),
      editor.onDidReload(() => this.count()),
    ];
    if (settings.enabled) this.count();
  }

  get latest(): LevelMarks | null {
    return this.marks;
  }

  setSettings(settings: LevelSettings): void {
    const wasEnabled = this.settings.enabled;
    this.settings = settings;
    this.editor.messenger.notify(LevelSettingsChanged, settings);
    if (settings.enabled && !wasEnabled) this.count();
    if (!settings.enabled) this.stop();
  }

  /** The file grew or shrank: count again, throttled so a fast-growing file is not counted back to back. */
  private scheduleCount(): void {
    if (!this.settings.enabled || this.timer !== undefined) return;
    const wait = Math.max(0, this.lastStarted + Math.max(RECOUNT_MS, 4 * this.lastTook) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.count();
    }, wait);
  }

  private stop(): void {
    this.running?.cancel();
    this.running = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private count(): void {
    this.stop();
    if (this.disposed || !this.settings.enabled) return;
    const document = this.editor.document;
    const size = document.size;
    const started = (this.lastStarted = Date.now());
    let lastProgress = 0;
    const send = (p: { bucketBytes: number; counts: ArrayLike<number> }, done: boolean) => {
      if (!done && Date.now() - lastProgress < PROGRESS_MS) return;
      lastProgress = Date.now();
      const error: number[] = [];
      const warn: number[] = [];
      for (let b = 0; b < LEVEL_BUCKETS; b++) {
        error.push(p.counts[b * 4] ?? 0);
        warn.push(p.counts[b * 4 + 1] ?? 0);
      }
      this.marks = { size, bucketBytes: p.bucketBytes, error, warn, done };
      this.editor.messenger.notify(LevelMarksChanged, this.marks);
      if (done) {
        this.lastTook = Date.now() - started;
        this.counted++;
        this.done.fire(this.marks);
      }
    };
    let cancelled = false;
    const failed = (error: unknown) => {
      if (!cancelled) log().warn(`levels: the count of ${document.uri.fsPath} stopped: ${(error as Error).message}`);
    };
    const native = document.nativeFile;
    if (native && !native.closed) {
      try {
        const job = native.countLevels({ from: 0, to: size, buckets: LEVEL_BUCKETS }, (p) => send(p, false));
        this.running = { cancel: () => ((cancelled = true), job.cancel()) };
        job.promise.then((p) => !p.cancelled && !cancelled && send(p, true), failed);
        return;
      } catch (error) {
        failed(error); // then the JavaScript count below
      }
    }
    this.running = { cancel: () => (cancelled = true) };
    countLevelsJs((offset, length) => document.read(offset, length), {
      size,
      buckets: LEVEL_BUCKETS,
      isCancelled: () => cancelled || this.disposed,
      onProgress: (p) => !cancelled && send(p, false),
    }).then((p) => !p.cancelled && !cancelled && send(p, true), failed);
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
