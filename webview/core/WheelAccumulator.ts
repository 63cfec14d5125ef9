/** DOM WheelEvent.deltaMode values. */
export const DELTA_PIXEL = 0;
export const DELTA_LINE = 1;
export const DELTA_PAGE = 2;

/**
 * Turns wheel deltas into whole rows. Pixel deltas (touchpads send many
 * small ones) accumulate until they make a row; the remainder is kept, and
 * dropped when the direction changes.
 */
export class WheelAccumulator {
  private pending = 0; // in rows, fractional

  /** Rows to move (negative = up) for one wheel event. */
  rows(deltaY: number, deltaMode: number, rowHeight: number, pageRows: number): number {
    let delta: number;
    if (deltaMode === DELTA_LINE) delta = deltaY;
    else if (deltaMode === DELTA_PAGE) delta = deltaY * Math.max(1, pageRows);
    else delta = deltaY / Math.max(1, rowHeight);
    if (delta !== 0 && Math.sign(delta) !== Math.sign(this.pending)) this.pending = 0;
    this.pending += delta;
    const whole = Math.trunc(this.pending + (this.pending > 0 ? 1e-9 : -1e-9));
    this.pending -= whole;
    return whole;
  }

  reset(): void {
    this.pending = 0;
  }
}
