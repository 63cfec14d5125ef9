// shared/ runs in both the extension host (Node) and the webview (browser):
// it may use only what both have. Timers are the one global it needs. The
// host and webview tsconfigs exclude this file; their libs declare the same.
declare function setTimeout(handler: () => void, ms?: number): number;
declare function clearTimeout(id: number | undefined): void;
