import { ThrottledDraw } from '../core/ThrottledDraw';
import { overviewRuns } from './overviewRuns';

/** At most one redraw per this many ms while a search reports progress. */
const THROTTLE_MS = 200;

/**
 * Find matches as marks along the scrollbar track, under the thumb. Marks
 * are positioned in percent of the track (no measuring), runs of buckets
 * share one element, and elements are reused between draws.
 */
export class ScrollOverview {
  private readonly layer: HTMLElement;
  private readonly marks: HTMLElement[] = [];
  private latest: readonly number[] | undefined;
  private readonly redraw = new ThrottledDraw(() => this.draw(), THROTTLE_MS);

  constructor(scrollbar: HTMLElement) {
    this.layer = document.createElement('div');
    this.layer.className = 'find-overview';
    this.layer.setAttribute('aria-hidden', 'true');
    scrollbar.insertBefore(this.layer, scrollbar.firstChild);
  }

  show(buckets: readonly number[]): void {
    this.latest = buckets;
    this.redraw.request();
  }

  clear(): void {
    this.redraw.cancel();
    this.latest = undefined;
    for (const mark of this.marks) mark.hidden = true;
  }

  private draw(): void {
    const runs = this.latest ? overviewRuns(this.latest) : [];
    while (this.marks.length < runs.length) {
      const mark = document.createElement('div');
      mark.className = 'mark';
      this.marks.push(this.layer.appendChild(mark));
    }
    for (let i = 0; i < this.marks.length; i++) {
      const mark = this.marks[i];
      const run = runs[i];
      mark.hidden = run === undefined;
      if (!run) continue;
      mark.style.top = `${(run.top * 100).toFixed(3)}%`;
      mark.style.height = `${(run.height * 100).toFixed(3)}%`;
    }
  }
}
