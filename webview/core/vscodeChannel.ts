import type { Channel } from '../../shared/rpc';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview end of the host link: postMessage out, window 'message' events in. */
export function vscodeChannel(): Channel {
  const vscode = acquireVsCodeApi();
  return {
    post: (message) => vscode.postMessage(message),
    listen: (receiver) => {
      const handler = (event: MessageEvent) => receiver(event.data);
      window.addEventListener('message', handler);
      return () => window.removeEventListener('message', handler);
    },
  };
}
