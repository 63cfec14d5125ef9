import type { CursorParams } from '../../shared/protocol/editor';

/** Sends the cursor state to the host at most once per animation frame, and only when it changed. */
export class CursorReporter {
  private latest: CursorParams | undefined;
  private sent = '';
  private scheduled = false;

  constructor(private readonly send: (params: CursorParams) => void) {}

  report(params: CursorParams): void {
    this.latest = params;
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      const latest = this.latest;
      if (!latest) return;
      const key = `${latest.offset}:${latest.selectionStart}:${latest.selectionEnd}:${latest.mode}:${latest.topOffset}`;
      if (key === this.sent) return;
      this.sent = key;
      this.send(latest);
    });
  }
}
