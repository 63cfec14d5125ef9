import type { LevelMarks } from '../../shared/protocol/levels';
import { ThrottledDraw } from '../core/ThrottledDraw';

/** At most one redraw per this many ms while a count reports progress. */
const THROTTLE_MS = 200;

/** One mark: a run of buckets with lines of a level, as fractions of the track. */
export interface LevelRun {
  top: number;
  height: number;
}

/** Runs of non-empty buckets, placed by the bytes they cover out of `size`. */
export function levelRuns(counts: readonly number[], bucketBytes: number, size: number): LevelRun[] {
  const runs: LevelRun[] = [];
  if (size <= 0) return runs;
  for (let i = 0; i < counts.length; ) {
    if (!(counts[i] > 0)) {
      i++;
      continue;
    }
    let j = i;
    while (j < counts.length && counts[j] > 0) j++;
    const top = Math.min(1, (i * bucketBytes) / size);
    runs.push({ top, height: Math.min(1, (j * bucketBytes) / size) - top });
    i = j;
  }
  return runs;
}

/**
 * Where the ERROR and WARN lines are, along the scrollbar: warnings in a
 * lane on the left of the track, errors on the right (find's marks are in
 * the middle), placed in percent of the track, elements reused.
 */
export class LevelOverview {
  private readonly layer: HTMLElement;
  private readonly lanes: Record<'error' | 'warn', HTMLElement[]> = { error: [], warn: [] };
  private latest: LevelMarks | undefined;
  private readonly redraw = new ThrottledDraw(() => this.draw(), THROTTLE_MS);

  constructor(scrollbar: HTMLElement, private readonly fileSize: () => number) {
    this.layer = document.createElement('div');
    this.layer.className = 'levels-overview';
    this.layer.setAttribute('aria-hidden', 'true');
    scrollbar.insertBefore(this.layer, scrollbar.firstChild);
  }

  show(marks: LevelMarks): void {
    this.latest = marks;
    this.redraw.request(marks.done); // the final counts without waiting
  }

  clear(): void {
    this.latest = undefined;
    this.redraw.now();
  }

  private draw(): void {
    const marks = this.latest;
    const size = Math.max(marks?.size ?? 0, this.fileSize());
    this.layer.dataset.done = String(marks?.done ?? false);
    for (const level of ['warn', 'error'] as const) {
      const runs = marks ? levelRuns(marks[level], marks.bucketBytes, size) : [];
      const lane = this.lanes[level];
      while (lane.length < runs.length) {
        const mark = document.createElement('div');
        mark.className = `mark ${level}`;
        lane.push(this.layer.appendChild(mark));
      }
      lane.forEach((mark, i) => {
        const run = runs[i];
        mark.hidden = run === undefined;
        if (!run) return;
        mark.style.top = `${(run.top * 100).toFixed(3)}%`;
        mark.style.height = `${(run.height * 100).toFixed(3)}%`;
      });
    }
  }
}
