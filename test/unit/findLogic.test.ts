import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CURRENT, FindHighlights, MATCHED, NOT_MATCHED } from '../../webview/find/FindHighlights';
import { escapeRegex, hexQuery, seedFromSelection, statusText } from '../../webview/find/findFormat';
import { findKeyAction } from '../../webview/find/findKeys';
import { answeredRange, covers, windowAround } from '../../webview/find/matchWindow';
import { MatchWindowFetcher } from '../../webview/find/MatchWindowFetcher';
import { overviewRuns } from '../../webview/find/overviewRuns';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean; code: string }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const bytes = (text: string) => new TextEncoder().encode(text);

describe('find status text', () => {
  it('shows progress while running, with grouped counts', () => {
    assert.equal(statusText({ state: 'running', scanned: 0.123, count: 3201, stored: 3201 }).text, '12% · 3,201 found');
  });
  it('shows "index of count" and the line once a match is selected', () => {
    assert.equal(statusText({ state: 'done', scanned: 1, count: 48201, stored: 48201, current: { index: 311, line: 1023 } }).text, '312 of 48,201 · Ln 1,024');
    assert.equal(statusText({ state: 'done', scanned: 1, count: 48201, stored: 48201, current: { index: 311, line: null } }).text, '312 of 48,201');
  });
  it('says nothing before a search has reported, and "Searching…" until its first progress (no "No results" flash)', () => {
    assert.equal(statusText({ state: 'done', scanned: 0, count: 0, stored: 0, searched: false }).text, '');
    assert.equal(statusText({ state: 'running', scanned: 0, count: 0, stored: 0, searched: false }).text, 'Searching…');
    assert.equal(statusText({ state: 'done', scanned: 1, count: 0, stored: 0, searched: true }).text, 'No results');
  });

  it('shows the result count without a selected match, and "No results" for none', () => {
    assert.equal(statusText({ state: 'done', scanned: 1, count: 48201, stored: 48201 }).text, '48,201 results');
    assert.equal(statusText({ state: 'done', scanned: 1, count: 1, stored: 1 }).text, '1 result');
    assert.equal(statusText({ state: 'done', scanned: 1, count: 0, stored: 0 }).text, 'No results');
  });
  it('says in the tooltip when only the first N matches are kept', () => {
    assert.match(statusText({ state: 'done', scanned: 1, count: 250000, stored: 100000 }).title, /first 100,000 of 250,000/);
    assert.equal(statusText({ state: 'done', scanned: 1, count: 5, stored: 5 }).title, '');
  });
});

describe('find seeding from the selection', () => {
  it('seeds hex bytes in the hex view', () => {
    assert.deepEqual(seedFromSelection(new Uint8Array([0xde, 0xad, 0x0f]), 'hex', false), { query: 'DE AD 0F', hex: true });
  });
  it('seeds the text in the text view, escaped when regex is on', () => {
    assert.deepEqual(seedFromSelection(bytes('a.b'), 'text', false), { query: 'a.b', hex: false });
    assert.deepEqual(seedFromSelection(bytes('a.b(c)'), 'text', true), { query: 'a\\.b\\(c\\)', hex: false });
  });
  it('seeds invalid UTF-8 or control bytes as hex, and nothing for a line break, an empty or a large selection', () => {
    assert.deepEqual(seedFromSelection(new Uint8Array([0x41, 0xff]), 'text', false), { query: '41 FF', hex: true });
    assert.deepEqual(seedFromSelection(new Uint8Array([0x41, 0x00]), 'text', false), { query: '41 00', hex: true });
    assert.equal(seedFromSelection(bytes('a\nb'), 'text', false), undefined);
    assert.equal(seedFromSelection(new Uint8Array(0), 'text', false), undefined);
    assert.equal(seedFromSelection(new Uint8Array(257), 'hex', false), undefined);
    assert.equal(seedFromSelection(undefined, 'hex', false), undefined);
  });
  it('formats hex and escapes regex characters', () => {
    assert.equal(hexQuery(new Uint8Array([0, 255])), '00 FF');
    assert.equal(new RegExp(escapeRegex('[x]+?{2}|^$\\/')).test('[x]+?{2}|^$\\/'), true);
  });
});

describe('find keys', () => {
  it('opens with Ctrl+F (Cmd+F on mac) anywhere', () => {
    assert.equal(findKeyAction(press('f', { ctrlKey: true }), false, 'viewer'), 'open');
    assert.equal(findKeyAction(press('f', { metaKey: true }), true, 'input'), 'open');
    assert.equal(findKeyAction(press('f', { metaKey: true }), false, 'viewer'), undefined);
  });
  it('goes next / previous with F3 anywhere and Enter only in the input', () => {
    assert.equal(findKeyAction(press('F3'), false, 'viewer'), 'next');
    assert.equal(findKeyAction(press('F3', { shiftKey: true }), false, 'viewer'), 'previous');
    assert.equal(findKeyAction(press('Enter'), false, 'input'), 'next');
    assert.equal(findKeyAction(press('Enter', { shiftKey: true }), false, 'input'), 'previous');
    assert.equal(findKeyAction(press('Enter'), false, 'widget'), undefined);
    assert.equal(findKeyAction(press('Enter'), false, 'viewer'), undefined);
  });
  it('toggles with Alt+C/W/R/X in the widget only, by key code on mac too', () => {
    assert.equal(findKeyAction(press('c', { altKey: true }), false, 'input'), 'toggleCase');
    assert.equal(findKeyAction(press('∑', { altKey: true, code: 'KeyW' }), true, 'input'), 'toggleWord');
    assert.equal(findKeyAction(press('r', { altKey: true }), false, 'widget'), 'toggleRegex');
    assert.equal(findKeyAction(press('x', { altKey: true }), false, 'input'), 'toggleHex');
    assert.equal(findKeyAction(press('c', { altKey: true }), false, 'viewer'), undefined);
  });
  it('leaves other keys alone (VS Code keybindings keep working)', () => {
    assert.equal(findKeyAction(press('g', { ctrlKey: true }), false, 'input'), undefined);
    assert.equal(findKeyAction(press('p', { ctrlKey: true, shiftKey: true }), false, 'input'), undefined);
    assert.equal(findKeyAction(press('a'), false, 'input'), undefined);
    assert.equal(findKeyAction(press('Escape'), false, 'input'), 'close');
  });
});

describe('find highlights', () => {
  it('marks bytes covered by a match, the current match above all', () => {
    const h = new FindHighlights();
    h.setMatches([10, 40], [3, 2]);
    assert.equal(h.stateOf(9, 10), NOT_MATCHED);
    assert.equal(h.stateOf(10, 11), MATCHED);
    assert.equal(h.stateOf(12, 13), MATCHED);
    assert.equal(h.stateOf(13, 14), NOT_MATCHED);
    assert.equal(h.stateOf(0, 100), MATCHED);
    h.setCurrent(40, 2);
    assert.equal(h.stateOf(41, 42), CURRENT);
    assert.equal(h.classOf(41, 42), ' match current');
    assert.equal(h.classOf(11, 12), ' match');
  });
  it('handles overlapping and unsorted matches', () => {
    const h = new FindHighlights();
    h.setMatches([20, 0, 5], [2, 30, 1]);
    assert.equal(h.stateOf(25, 26), MATCHED); // inside [0, 30) though after the match at 20 ends
    assert.equal(h.stateOf(30, 31), NOT_MATCHED);
  });
  it('changes its version whenever what is marked changes', () => {
    const h = new FindHighlights();
    const v0 = h.version;
    h.setCurrent(1, 1);
    const v1 = h.version;
    h.setCurrent(1, 1);
    assert.ok(v1 > v0);
    assert.equal(h.version, v1);
    h.clearCurrent();
    assert.ok(h.version > v1);
  });
});

describe('overview marks', () => {
  it('turns runs of non-empty buckets into one mark each', () => {
    const buckets = new Array(200).fill(0);
    buckets[0] = 0.5;
    buckets[1] = 1;
    buckets[100] = 0.01;
    assert.deepEqual(overviewRuns(buckets), [
      { top: 0, height: 2 / 200, density: 1 },
      { top: 0.5, height: 1 / 200, density: 0.01 },
    ]);
    assert.deepEqual(overviewRuns([]), []);
  });
});

describe('match window', () => {
  it('asks for the screen and as much again either side, clamped to the file', () => {
    assert.deepEqual(windowAround({ start: 1000, end: 2000 }, 10_000), { start: 0, end: 3000 });
    assert.deepEqual(windowAround({ start: 9000, end: 9900 }, 10_000), { start: 8100, end: 10_000 });
  });
  it('knows what an answer covers, even when it hit the cap', () => {
    assert.equal(covers({ start: 0, end: 100 }, { start: 10, end: 90 }), true);
    assert.equal(covers({ start: 0, end: 100 }, { start: 10, end: 101 }), false);
    assert.equal(covers(undefined, { start: 0, end: 1 }), false);
    assert.deepEqual(answeredRange({ start: 0, end: 100 }, [1, 2, 3], 3), { start: 0, end: 3 });
    assert.deepEqual(answeredRange({ start: 0, end: 100 }, [1, 2], 3), { start: 0, end: 100 });
  });
});

describe('match window fetcher', () => {
  function setup() {
    const asked: Array<{ searchId: number; start: number; end: number; resolve: (r: { offsets: number[]; lengths: number[] }) => void }> = [];
    const answers: number[][] = [];
    const fetcher = new MatchWindowFetcher(
      (searchId, start, end) => new Promise((resolve) => asked.push({ searchId, start, end, resolve })),
      (offsets) => answers.push(offsets),
    );
    return { asked, answers, fetcher };
  }
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('keeps one request in flight and serves small scrolls from the cached answer', async () => {
    const { asked, answers, fetcher } = setup();
    fetcher.reset(7);
    fetcher.setVisible(1000, 2000);
    assert.equal(asked.length, 0, 'nothing stored yet: nothing to ask');
    fetcher.setStored(5, 1_000_000);
    assert.deepEqual(asked.map(({ start, end }) => [start, end]), [[0, 3000]]);
    fetcher.setVisible(1100, 2100);
    assert.equal(asked.length, 1, 'one in flight');
    asked[0].resolve({ offsets: [1500], lengths: [2] });
    await tick();
    assert.deepEqual(answers, [[1500]]);
    assert.equal(asked.length, 1, 'the moved screen is inside the answer');
    fetcher.setVisible(5000, 6000);
    assert.deepEqual([asked[1].start, asked[1].end], [4000, 7000]);
  });

  it('asks again when the search stored more matches, and drops answers for an older search', async () => {
    const { asked, answers, fetcher } = setup();
    fetcher.reset(1);
    fetcher.setVisible(0, 100);
    fetcher.setStored(1, 1000);
    fetcher.reset(2);
    asked[0].resolve({ offsets: [5], lengths: [1] });
    await tick();
    assert.deepEqual(answers, []);
    fetcher.setStored(3, 1000);
    assert.equal(asked.at(-1)?.searchId, 2);
    asked.at(-1)?.resolve({ offsets: [1, 2, 3], lengths: [1, 1, 1] });
    await tick();
    const count = asked.length;
    fetcher.setStored(3, 1000);
    assert.equal(asked.length, count, 'same count, same screen: no request');
    fetcher.setStored(4, 1000);
    assert.equal(asked.length, count + 1);
  });
});
