/**
 * A redraw at most once per `everyMs` while updates stream in (a search's or
 * a count's progress): the first request draws at once, later ones within the
 * interval are folded into one draw when it ends.
 */
export class ThrottledDraw {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastDraw = 0;

  constructor(
    private readonly draw: () => void,
    private readonly everyMs: number,
  ) {}

  /** Draws now, or when the interval since the last draw ends; `urgent` skips the interval unless a draw is already due. */
  request(urgent = false): void {
    if (this.timer !== undefined) return;
    const wait = urgent ? 0 : this.lastDraw + this.everyMs - performance.now();
    if (wait <= 0) return this.run();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, wait);
  }

  /** Drops a draw that is due. */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Drops a due draw and draws now. */
  now(): void {
    this.cancel();
    this.run();
  }

  private run(): void {
    this.lastDraw = performance.now();
    this.draw();
  }
}
