// The compare panel's entry point: two viewers side by side (the editor's own
// Viewer, so the hex rows, page cache and keys are the same), kept at the same
// offset, differing bytes marked, the summary above and the ranges below.
import { offsetDigits } from '../../shared/offsets';
import { Messenger } from '../../shared/rpc';
import {
  CancelCompare, CompareInit, CompareReadPage, CompareReady, GetRanges, RevealDifference, SelectDifference, SummaryChanged,
  type CompareFileInfo, type CompareInitParams, type CompareSide,
} from '../../shared/protocol/compare';
import type { ViewSettings } from '../../shared/protocol/editor';
import { element } from '../core/dom';
import { Viewer } from '../core/Viewer';
import { wireViewerInput } from '../core/ViewerInput';
import { vscodeChannel } from '../core/vscodeChannel';
import { DiffHighlights } from './DiffHighlights';
import { RangeList } from './RangeList';
import { SummaryBar } from './SummaryBar';
import './compare.css';

const messenger = new Messenger(vscodeChannel(), {
  timeoutMs: 30_000,
  onInvalid: (why) => console.warn(`HugeView compare: ignored a message (${why})`),
});
const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
let mode: 'hex' | 'text' = 'hex';
let bothText = false;
const summary = new SummaryBar(
  () => messenger.notify(CancelCompare, {}),
  () => {
    mode = mode === 'hex' ? 'text' : 'hex';
    for (const pane of [left, right]) pane.viewer.setMode(mode);
    summary.showMode(mode, bothText);
    root.dataset.viewMode = mode;
  },
);
const panes = element('div', 'compare-panes');
const list = new RangeList(
  (start, count) => messenger.request(GetRanges, { start, count }),
  (index) => messenger.notify(SelectDifference, { index }),
);
root.append(summary.element, panes, list.element);

interface Pane {
  side: CompareSide;
  title: HTMLElement;
  viewer: Viewer;
  /** The last cursor and top this viewer reported. */
  top: number;
  cursor: string;
}

function makePane(side: CompareSide): Pane {
  const box = element('div', `compare-pane ${side}`, panes);
  const title = element('div', 'pane-title', box);
  const body = element('div', 'pane-body', box);
  const viewer = new Viewer(body, {
    readPage: (offset, length) => messenger.request(CompareReadPage, { side, offset, length }),
    copyRange: () => Promise.reject(new Error('copy is not available in the compare view')),
    showMessage: () => undefined,
    lineAt: () => Promise.resolve({ line: null }),
    followChanged: () => undefined,
  });
  wireViewerInput(viewer);
  // The pane the user works in leads; the other follows it.
  for (const type of ['pointerdown', 'wheel', 'keydown', 'focusin'] as const) box.addEventListener(type, () => (leader = side), { capture: true, passive: true });
  return { side, title, viewer, top: 0, cursor: '' };
}

const left = makePane('left');
const right = makePane('right');
let leader: CompareSide = 'left';
left.viewer.setHighlights(new DiffHighlights(left.viewer, right.viewer, ' diff-removed'));
right.viewer.setHighlights(new DiffHighlights(right.viewer, left.viewer, ' diff-inserted'));

for (const [pane, other] of [[left, right], [right, left]] as const) {
  pane.viewer.onCursorChanged((p) => {
    const cursor = `${p.selectionStart}:${p.selectionEnd}:${p.offset}`;
    const moved = cursor !== pane.cursor;
    pane.top = p.topOffset;
    pane.cursor = cursor;
    root.dataset[`${pane.side}Top`] = String(p.topOffset);
    if (leader !== pane.side) return;
    if (moved) other.viewer.goTo(p.selectionStart, p.selectionEnd - p.selectionStart);
    if (other.top !== p.topOffset) other.viewer.scrollToOffset(p.topOffset);
  });
}

let digits = 8;
function showTitle(pane: Pane, file: CompareFileInfo): void {
  pane.title.textContent = `${pane.side === 'left' ? 'Left' : 'Right'}: ${file.fileName} — ${file.size.toLocaleString('en-US')} bytes`;
  pane.title.title = file.path;
}

function init(params: CompareInitParams): void {
  digits = offsetDigits(Math.max(params.left.size, params.right.size));
  const settings: ViewSettings = params.settings;
  for (const [pane, file] of [[left, params.left], [right, params.right]] as const) {
    showTitle(pane, file);
    pane.viewer.init({ fileName: file.fileName, size: file.size, backend: 'mmap', mode: 'hex', encoding: 'utf-8', settings });
  }
  leader = 'left';
  mode = 'hex';
  bothText = params.bothText;
  summary.showMode(mode, bothText);
  root.dataset.viewMode = mode;
  left.viewer.element.focus();
}

// Focus given to the panel (a click on its tab, the test probe) goes on to the leading pane's viewer.
root.tabIndex = -1;
root.addEventListener('focus', () => (leader === 'left' ? left : right).viewer.element.focus());

messenger.onNotification(CompareInit, init);
messenger.onNotification(SummaryChanged, (s) => {
  summary.show(s);
  list.setTotal(s.listed, digits);
  root.dataset.state = s.error ? 'error' : s.done ? 'done' : s.cancelled ? 'cancelled' : 'running';
  root.dataset.ranges = String(s.listed);
});
messenger.onNotification(RevealDifference, ({ index, offset, length }) => {
  root.dataset.current = String(index);
  root.dataset.currentOffset = String(offset);
  list.setCurrent(index);
  for (const pane of [left, right]) pane.viewer.goTo(offset, length);
});
messenger.notify(CompareReady, {});
