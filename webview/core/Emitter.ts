/** Something to undo: a listener to remove, a decoration to take away. */
export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener; the Disposable removes it (VS Code's `Event<T>` shape). */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/**
 * A typed event with a listener list: every plug-in adds its own listener,
 * none replaces another's, and the order they were wired in does not matter.
 * A listener that throws is reported and does not stop the others.
 */
export class Emitter<T> {
  private listeners: Array<(value: T) => void> = [];

  readonly event: Event<T> = (listener) => {
    this.listeners = [...this.listeners, listener];
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };

  get listenerCount(): number {
    return this.listeners.length;
  }

  fire(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (error) {
        console.error('HugeView webview: a listener failed', error);
      }
    }
  }
}
