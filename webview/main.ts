// The webview's entry point: connects the viewer to the host. Nothing else lives here.
import { scriptStart } from './core/scriptClock'; // first: its line is our script's first
import { wireFind } from './find/findFeature';
import type { FindController } from './find/FindController';
import { Messenger } from '../shared/rpc';
import { MeasureRoundTrip } from '../shared/protocol/bench';
import { CursorChanged, FileChanged, SetEncoding, GoTo, Init, ReadPage, Ready, SetMode, SettingsChanged, ShowMessage } from '../shared/protocol/editor';
import { FollowChanged, SetFollow } from '../shared/protocol/follow';
import { CopyRange, RequestCopy } from '../shared/protocol/editor';
import { IndexProgress, LineAt } from '../shared/protocol/text';
import { wireInspect } from './inspect/wireInspect';
import { wireLevels } from './levels/wireLevels';
import { wireTags } from './tags/wireTags';
import { wireFileMap } from './filemap/wireFileMap';
import { wireStrings } from './strings/wireStrings';
import { wireFilter } from './filter/wireFilter';
import { measureRoundTrip } from './bench/roundTrip';
import { Viewer } from './core/Viewer';
import { wireViewerInput } from './core/ViewerInput';
import { vscodeChannel } from './core/vscodeChannel';
import { getMarker, Marker, setMarker } from './core/testMarkers';

performance.mark('hugeview:modules'); // every module above has run its top level
// The host's messages wait until the features are wired (below, after the first rows are painted).
const channel = vscodeChannel({ held: true });
const messenger = new Messenger(channel, {
  timeoutMs: 30_000,
  onInvalid: (why) => console.warn(`HugeView webview: ignored a message (${why})`),
});

const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
let readPages = 0;
const readPage = (offset: number, length: number) => {
  if (readPages < 64) setMarker(Marker.readPageOffsets, `${getMarker(Marker.readPageOffsets) ?? ''}${readPages ? ',' : ''}${offset}`);
  setMarker(Marker.readPages, ++readPages);
  return messenger.request(ReadPage, { offset, length });
};
const viewer = new Viewer(root, {
  readPage,
  copyRange: (start, end, format) => messenger.request(CopyRange, { start, end, format }, 60_000),
  showMessage: (level, text) => messenger.notify(ShowMessage, { level, text }),
  lineAt: (offset) => messenger.request(LineAt, { offset }),
  followChanged: (following) => messenger.notify(FollowChanged, { following }),
});
performance.mark('hugeview:viewer');
const releaseReady = viewer.holdReady(); // until the features below are wired
viewer.onCursorChanged((params) => messenger.notify(CursorChanged, params));
let find: FindController | undefined;

// Each notification's descriptor (shared/protocol.ts) checks its params before these run.
messenger.onNotification(Init, (params) => {
  // When this document first had its Init: a webview reloaded after being hidden starts from the HTML's copy, then
  // the host's fresh one arrives; what was drawn in between (the file map's first buckets) came after the first.
  if (getMarker(Marker.initAt) === undefined) setMarker(Marker.initAt, performance.timeOrigin + performance.now());
  viewer.init(params);
});
messenger.onNotification(FileChanged, ({ size, shrunk, rewritten, notice }) => {
  viewer.fileChanged(size, shrunk, rewritten === true, notice);
  if (rewritten && find?.isOpen) find.optionsChanged(); // the matches were of the old bytes: search again
});
messenger.onNotification(GoTo, ({ offset, selectLength, pages }) => viewer.goTo(offset, selectLength ?? 0, pages));
messenger.onNotification(SetMode, ({ mode }) => viewer.setMode(mode));
messenger.onNotification(SettingsChanged, (settings) => viewer.applySettings(settings));
messenger.onNotification(RequestCopy, () => void viewer.copy());
messenger.onNotification(SetEncoding, ({ encoding }) => viewer.setEncoding(encoding));
messenger.onNotification(SetFollow, ({ following }) => viewer.setFollowing(following));
messenger.onNotification(IndexProgress, (progress) => viewer.indexProgress(progress));
messenger.onRequest(MeasureRoundTrip, ({ backend, pages }) => measureRoundTrip(messenger, backend, pages, () => viewer.fileSize));

// Timings for the viewer benchmark (wall-clock ms): the frame's navigation start,
// this script's start, and Init's arrival; the first paint is Marker.firstPaintAt.
setMarker(Marker.navigationStart, performance.timeOrigin);
setMarker(Marker.scriptStart, scriptStart);
// The first rows: the first Init comes inside the HTML (base64 JSON), checked like a message, with the first page.
const embedded = root.dataset.init ? parseEmbedded(root.dataset.init) : undefined;
if (embedded) {
  setMarker(Marker.initAt, performance.timeOrigin + performance.now());
  const firstPage = root.dataset.firstPage ? fromBase64(root.dataset.firstPage) : undefined;
  performance.mark('hugeview:decoded');
  viewer.init(embedded, firstPage);
}

// Everything else once those rows are painted: building the features' DOM before them delayed
// the first frame by a third. Nothing is lost meanwhile: the host's messages wait in the channel,
// and the features see a paint when `ready` is released.
afterFirstPaint(() => {
  find = wireFind(viewer, messenger); // before the viewer's keys: Escape closes the find widget first
  wireInspect(viewer, messenger);
  wireLevels(viewer, messenger);
  wireTags(viewer, messenger);
  wireFileMap(viewer, messenger);
  wireStrings(viewer, messenger);
  wireFilter(viewer, messenger);
  wireViewerInput(viewer);
  performance.mark('hugeview:features');
  channel.release();
  releaseReady();
});
// Ready now, as before: it must reach the host before the first rows' cursor report does (a reloaded
// webview's host restores the cursor it last had); the host's answer waits in the channel for the features.
messenger.notify(Ready, {});

/**
 * Runs `then` once the first rows are on screen: after the frame's first
 * contentful paint (VS Code shows a webview's frame only once its document
 * has loaded, so the first frame rendered may still be hidden), or after
 * 150 ms if none comes (a webview rendered in the background, an empty page).
 */
function afterFirstPaint(then: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    observer?.disconnect();
    then();
  };
  const timer = setTimeout(once, 150);
  let observer: PerformanceObserver | undefined;
  try {
    observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length > 0) once();
    });
    observer.observe({ type: 'paint', buffered: true });
  } catch {
    requestAnimationFrame(() => setTimeout(once, 0)); // no paint timing: after the next frame
  }
}

/**
 * The first page's bytes. This runs once, cold, before the first paint: the
 * built-in decoder where the engine has it, else a plain loop — not
 * Uint8Array.from(…, mapFn), whose per-byte callback cost several ms here.
 */
function fromBase64(base64: string): Uint8Array | undefined {
  try {
    const decoder = Uint8Array as unknown as { fromBase64?(text: string): Uint8Array };
    if (typeof decoder.fromBase64 === 'function') return decoder.fromBase64(base64);
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

function parseEmbedded(base64: string) {
  try {
    const params: unknown = JSON.parse(new TextDecoder().decode(fromBase64(base64)));
    return Init.valid(params) ? params : undefined;
  } catch {
    return undefined;
  }
}
