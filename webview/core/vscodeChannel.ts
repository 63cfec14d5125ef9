import type { Channel } from '../../shared/rpc';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** A channel whose incoming notifications and requests wait until release(). */
export interface HeldChannel extends Channel {
  /** Delivers what waited, in order, and everything after it at once. */
  release(): void;
}

/**
 * The webview end of the host link: postMessage out, window 'message' events
 * in. With `held`, the host's notifications and requests wait (in order)
 * until release(): the viewer paints its first rows before the features that
 * handle them are wired. Replies to the webview's own requests (a page it
 * asked for) are never held.
 */
export function vscodeChannel(options: { held: true }): HeldChannel;
export function vscodeChannel(options?: { held?: false }): Channel;
export function vscodeChannel(options: { held?: boolean } = {}): Channel | HeldChannel {
  const vscode = acquireVsCodeApi();
  let waiting: unknown[] | undefined = options.held ? [] : undefined;
  let receiver: ((message: unknown) => void) | undefined;
  const isReply = (message: unknown) => typeof message === 'object' && message !== null && 'replyTo' in message;
  const handler = (event: MessageEvent) => {
    if (waiting && !isReply(event.data)) waiting.push(event.data);
    else receiver?.(event.data);
  };
  // At once, not at listen(): a message that comes before anyone listens still waits.
  window.addEventListener('message', handler);
  return {
    post: (message) => vscode.postMessage(message),
    listen: (next) => {
      receiver = next;
      return () => {
        receiver = undefined;
        window.removeEventListener('message', handler);
      };
    },
    release: () => {
      const queue = waiting ?? [];
      waiting = undefined;
      for (const message of queue) receiver?.(message);
    },
  };
}
