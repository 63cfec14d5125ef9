import { MissingBytes } from './PagedBytes';

export interface PendingChangeEvents {
  /** True when the page cannot be read (give the change up). */
  isFailed(page: number): boolean;
  /** The change ran (or was given up): repaint. */
  onSettled(): void;
  /** The change needs pages it could not find (they are in `missing`). */
  onMissing(): void;
}

/**
 * A state change that reads bytes. It runs now if its bytes are loaded;
 * otherwise it waits and is retried when pages arrive. A newer change
 * replaces a waiting one, so a burst of jumps ends at the last target.
 * Changes must compute everything before assigning, so a MissingBytes
 * thrown half way leaves the state untouched.
 */
export class PendingChange {
  private change: (() => void) | undefined;
  readonly missing = new Set<number>();

  constructor(private readonly events: PendingChangeEvents) {}

  get waiting(): boolean {
    return this.change !== undefined;
  }

  run(change: () => void): void {
    this.change = change;
    this.missing.clear();
    this.retry();
  }

  retry(): void {
    const change = this.change;
    if (!change) return;
    try {
      change();
      this.change = undefined;
      this.events.onSettled();
    } catch (error) {
      if (!(error instanceof MissingBytes)) throw error;
      if (this.events.isFailed(error.page)) {
        this.change = undefined; // the bytes cannot be read: stay where we are
        this.events.onSettled();
        return;
      }
      this.missing.add(error.page);
      this.events.onMissing();
    }
  }
}
