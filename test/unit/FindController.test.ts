import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { FindController } from '../../webview/find/FindController';
import type { FindView, FindViewer, SearchHost } from '../../webview/find/findPorts';
import type { FindHighlights } from '../../webview/find/FindHighlights';
import type { FindOptions } from '../../webview/find/FindWidget';
import { getMarker, Marker } from '../../webview/core/testMarkers';
import { RequestError } from '../../shared/rpc';
import type { MatchInfo, SearchProgressParams } from '../../shared/protocol/search';

// The controller publishes its state as a test marker on document.body.dataset (the e2e tests read it); Node has no DOM.
(globalThis as { document?: unknown }).document ??= { body: { dataset: {} } };

const tick = () => new Promise((resolve) => setImmediate(resolve));

function progress(searchId: number, extra: Partial<SearchProgressParams> = {}): SearchProgressParams {
  return { searchId, scanned: 0.5, count: 0, stored: 0, done: false, first: null, overview: [], ...extra };
}

class FakeViewer implements FindViewer {
  cursorOffset = 0;
  selectionStart = 0;
  settling = false;
  fileSize = 10_000;
  viewMode: 'hex' | 'text' = 'text';
  gone: Array<[number, number]> = [];
  highlights: FindHighlights | undefined;
  focused = 0;
  selection: Uint8Array | undefined;
  selectedBytes(): Uint8Array | undefined {
    return this.selection;
  }
  goTo(offset: number, length: number): void {
    this.gone.push([offset, length]);
    this.cursorOffset = this.selectionStart = offset;
  }
  setHighlights(h: FindHighlights | undefined): void {
    this.highlights = h;
  }
  focus(): void {
    this.focused++;
  }
}

class FakeView implements FindView {
  isOpen = false;
  query = '';
  status = '';
  title = '';
  error: string | undefined;
  constructor(private readonly options: FindOptions) {}
  open(): void {
    this.isOpen = true;
  }
  close(): void {
    this.isOpen = false;
  }
  getOptions(): FindOptions {
    return { ...this.options };
  }
  setOptions(o: Partial<FindOptions>): void {
    Object.assign(this.options, o);
  }
  setStatus(text: string, title: string): void {
    this.status = text;
    this.title = title;
  }
  setError(message: string | undefined): void {
    this.error = message;
  }
  setProgress(): void {}
  setCanNavigate(): void {}
}

function setup() {
  const sent: string[] = [];
  const starts: Array<{ resolve: (r: { searchId: number }) => void; reject: (e: Error) => void; query: string; from: number }> = [];
  const next: Array<{ from: number; direction: number; resolve: (m: MatchInfo | null) => void }> = [];
  const host: SearchHost = {
    startSearch: (p) => new Promise((resolve, reject) => starts.push({ resolve, reject, query: p.query, from: p.from })),
    cancelSearch: (id) => sent.push(`cancel ${id}`),
    matchesIn: () => new Promise(() => undefined),
    nextMatch: (_id, from, direction) => new Promise((resolve) => next.push({ from, direction, resolve })),
  };
  const viewer = new FakeViewer();
  const options: FindOptions = { caseSensitive: false, wholeWord: false, regex: false, hex: false };
  const view = new FakeView(options);
  const overview = { show: () => undefined, clear: () => undefined };
  const find = new FindController(view, viewer, host, overview);
  return { find, view, viewer, sent, starts, next, options };
}

describe('find controller', () => {
  it('selects the first match as soon as progress reports it, before the scan is done', async () => {
    const { find, view, viewer, starts } = setup();
    viewer.cursorOffset = viewer.selectionStart = 500;
    find.open({ query: 'ERROR', mode: 'text' });
    assert.equal(starts[0].from, 500);
    starts[0].resolve({ searchId: 3 });
    await tick();
    find.searchProgress(progress(3, { scanned: 0.12, count: 3201, stored: 3201, first: { index: 0, offset: 600, length: 5, line: 9 } }));
    assert.deepEqual(viewer.gone, [[600, 5]]);
    assert.equal(view.status, '12% · 3,201 found');
    find.searchProgress(progress(3, { scanned: 0.5, count: 4000, stored: 4000, first: { index: 0, offset: 600, length: 5, line: 9 } }));
    assert.equal(viewer.gone.length, 1, 'jumps once');
    find.searchProgress(progress(3, { scanned: 1, done: true, count: 48201, stored: 48201, first: { index: 0, offset: 600, length: 5, line: 9 } }));
    assert.equal(view.status, '1 of 48,201 · Ln 10');
  });

  it('ignores progress and replies of a replaced search', async () => {
    const { find, view, starts, sent } = setup();
    find.open({ query: 'a' });
    find.open({ query: 'ab' });
    starts[1].resolve({ searchId: 2 });
    starts[0].resolve({ searchId: 1 });
    await tick();
    assert.ok(sent.includes('cancel 1'), 'a late reply for a replaced search is cancelled');
    find.searchProgress(progress(1, { count: 99, stored: 99, done: true }));
    assert.notEqual(view.status, '99 results');
    find.searchProgress(progress(2, { count: 7, stored: 7, done: true }));
    assert.equal(view.status, '7 results');
  });

  it('keeps progress that arrives before the StartSearch reply', async () => {
    const { find, view, starts } = setup();
    find.open({ query: 'x' });
    find.searchProgress(progress(5, { count: 2, stored: 2, done: true }));
    starts[0].resolve({ searchId: 5 });
    await tick();
    assert.equal(view.status, '2 results');
  });

  it('shows a rejected pattern in the widget, without throwing', async () => {
    const { find, view, starts } = setup();
    find.open({ query: '(', mode: 'regex' });
    starts[0].reject(new RequestError('Invalid regular expression: missing )', 'EPATTERN'));
    await tick();
    assert.equal(view.error, 'Invalid regular expression: missing )');
    assert.equal(view.status, 'No results');
    assert.equal(getMarker(Marker.findState), 'error');
  });

  it('goes to the next match from the current one and shows its index', async () => {
    const { find, view, viewer, starts, next } = setup();
    find.open({ query: 'x' });
    starts[0].resolve({ searchId: 1 });
    await tick();
    find.searchProgress(progress(1, { done: true, scanned: 1, count: 10, stored: 10, first: { index: 0, offset: 0, length: 1, line: null } }));
    find.navigate(1);
    await tick();
    assert.deepEqual([next[0].from, next[0].direction], [0, 1]);
    next[0].resolve({ index: 4, offset: 50, length: 1, line: 2 });
    await tick();
    assert.deepEqual(viewer.gone.at(-1), [50, 1]);
    assert.equal(view.status, '5 of 10 · Ln 3');
    viewer.cursorOffset = 900; // the person clicked elsewhere
    find.cursorMoved();
    assert.equal(view.status, '10 results');
    find.navigate(-1);
    await tick();
    assert.deepEqual([next[1].from, next[1].direction], [900, -1]);
  });

  it('closing cancels the search, clears the highlights and gives the focus back', async () => {
    const { find, view, viewer, starts, sent } = setup();
    find.open({ query: 'x' });
    starts[0].resolve({ searchId: 9 });
    await tick();
    find.close();
    assert.deepEqual(sent, ['cancel 9']);
    assert.equal(viewer.highlights, undefined);
    assert.equal(view.isOpen, false);
    assert.equal(viewer.focused, 1);
    assert.equal(getMarker(Marker.findState), 'closed');
  });

  it('seeds the query from a small selection when opened', () => {
    const { find, view, viewer, starts, options } = setup();
    viewer.selection = new TextEncoder().encode('needle');
    find.open();
    assert.equal(view.query, 'needle');
    assert.equal(options.hex, false);
    assert.equal(starts[0].query, 'needle');
  });
});
