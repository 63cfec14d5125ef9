/**
 * The markers the webview writes on document.body.dataset for the e2e tests,
 * the viewer benchmark and the screenshot script to read through the page.
 * Every writer goes through setMarker(); readers import `Marker` for the key
 * (the probe runs a function in the page, so pass the key in as its argument).
 * No DOM types in the keys: host-side test code imports this file too.
 * The stylesheets read two of them as well (body[data-mode], body[data-find-state]).
 */
export const Marker = {
  /** '1' once the viewer has painted rows (or an empty file). */
  ready: 'ready',
  /** 'hex' | 'text': the view on screen. */
  mode: 'mode',
  /** The offset of the top row, and the cursor's offset, after the last paint. */
  top: 'top',
  cursor: 'cursor',
  /** '1' while follow mode (tail -f) is on. */
  following: 'following',
  /** Wall-clock ms (performance.timeOrigin + now): the frame's start, the script's, Init's arrival, the first paint, the last paint that moved the cursor. */
  navigationStart: 'navigationStart',
  scriptStart: 'scriptStart',
  initAt: 'initAt',
  firstPaintAt: 'firstPaintAt',
  cursorPaintedAt: 'cursorPaintedAt',
  /** How many ReadPage requests this webview has sent the host, and the offsets of the first 64 (comma-separated). */
  readPages: 'readPages',
  readPageOffsets: 'readPageOffsets',
  /** The find widget's state: 'closed' | 'searching' | 'done' | 'error' … */
  findState: 'findState',
  /** The data inspector: byte order, the offset it shows, '1' while a value waits for bytes. */
  endianness: 'endianness',
  inspectorOffset: 'inspectorOffset',
  inspectorPending: 'inspectorPending',
} as const;

export type MarkerKey = (typeof Marker)[keyof typeof Marker];

interface MarkedPage {
  document?: { body: { dataset: Record<string, string | undefined> } };
}

/** Writes a marker (nothing outside a page, e.g. in a unit test without a DOM). */
export function setMarker(key: MarkerKey, value: string | number): void {
  const page = globalThis as MarkedPage;
  if (page.document) page.document.body.dataset[key] = String(value);
}

export function getMarker(key: MarkerKey): string | undefined {
  return (globalThis as MarkedPage).document?.body.dataset[key];
}
