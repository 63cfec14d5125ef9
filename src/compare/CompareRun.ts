/**
 * One compare of two open files: the native kernel when both are mapped
 * (off the JS thread, holes skipped), else the chunked JS compare. Ranges
 * land in a DiffRanges as batches arrive; listeners hear the summary at most
 * every 100 ms while it runs, and once more at the end.
 */
import type { ByteSource } from '../bytes/ByteSource';
import type { CompareSummary } from '../../shared/protocol/compare';
import { chunkedCompare } from './chunkedCompare';
import { DiffRanges } from './DiffRanges';

const SUMMARY_EVERY_MS = 100;

export class CompareRun {
  readonly ranges = new DiffRanges();
  private state: CompareSummary;
  private readonly listeners = new Set<(summary: CompareSummary) => void>();
  private cancelNative: (() => void) | undefined;
  private cancelled = false;
  private lastSent = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves with the final summary (done, cancelled or failed: never rejects). */
  readonly finished: Promise<CompareSummary>;

  constructor(
    private readonly left: ByteSource,
    private readonly right: ByteSource,
  ) {
    const common = Math.min(left.size, right.size);
    const backend = left.nativeFile && right.nativeFile ? 'native' : 'js';
    this.state = { comparedTo: 0, common, leftSize: left.size, rightSize: right.size, differingBytes: 0, ranges: 0, listed: 0, firstDifference: -1, done: false, cancelled: false, backend };
    // Started a microtask later: a cancel() right after construction stops it before anything is read.
    this.finished = Promise.resolve().then(() => this.run()).then(
      () => this.end({}),
      (error: Error) => this.end({ error: error.message }),
    );
  }

  get summary(): CompareSummary {
    return { ...this.state, listed: this.ranges.length };
  }

  onDidChange(listener: (summary: CompareSummary) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  cancel(): void {
    if (this.state.done) return;
    this.cancelled = true;
    this.cancelNative?.();
  }

  private async run(): Promise<void> {
    const { left, right } = this;
    const common = this.state.common;
    if (this.cancelled) return;
    if (left.nativeFile && right.nativeFile) {
      const job = left.nativeFile.compare(right.nativeFile, { to: common }, (batch) => {
        this.ranges.addPairs(batch.ranges);
        this.progress(batch);
      });
      this.cancelNative = () => job.cancel();
      if (this.cancelled) job.cancel();
      const result = await job.promise;
      this.ranges.addPairs(result.ranges);
      this.progress(result);
      this.cancelled ||= result.cancelled;
      return;
    }
    const completed = await chunkedCompare(left, right, common, {
      range: (offset, length) => this.ranges.add(offset, length),
      progress: (state) => this.progress(state),
    }, () => this.cancelled);
    if (!completed) this.cancelled = true;
  }

  private progress(p: { comparedTo: number; differingBytes: number; rangeCount: number; firstDifference: number }): void {
    this.state = { ...this.state, comparedTo: p.comparedTo, differingBytes: p.differingBytes, ranges: p.rangeCount, firstDifference: p.firstDifference };
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastSent + SUMMARY_EVERY_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastSent = Date.now();
      this.fire();
    }, wait);
  }

  private end(extra: { error?: string }): CompareSummary {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.ranges.trim();
    this.state = { ...this.state, ...extra, done: !this.cancelled && extra.error === undefined, cancelled: this.cancelled };
    if (this.state.done) this.state.comparedTo = this.state.common;
    this.fire();
    return this.summary;
  }

  private fire(): void {
    const summary = this.summary;
    for (const listener of this.listeners) listener(summary);
  }
}
