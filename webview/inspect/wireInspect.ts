import type { Messenger } from '../../shared/rpc';
import { GetInspectState, InspectStateChanged, SetInspectOption, type InspectState } from '../../shared/protocol/inspect';
import { PAGE_SIZE, formatHexOffset, offsetDigits } from '../../shared/offsets';
import { MissingBytes } from '../core/PagedBytes';
import type { Viewer } from '../core/Viewer';
import { BYTE_CLASS } from './byteMarks';
import { Marker, setMarker } from '../core/testMarkers';
import { FIELDS, PENDING, UNAVAILABLE, WINDOW, decodeAll } from './decode';
import { InspectorPanel } from './InspectorPanel';

/** performance.measure names the e2e test reads. */
export const UPDATE_MEASURE = 'hugeview:inspector-update';
export const KEY_MEASURE = 'hugeview:inspector-key-to-update';

/**
 * Puts hex inspection on the viewer: the data inspector panel (values of
 * the bytes at the cursor, or under the pointer in hover mode), byte-class
 * colours. The inspector reads the viewer's one page cache
 * (viewer.pages), asking for a page only when the view does not hold it
 * (the cursor scrolled away): a value crossing a page boundary shows "…"
 * until both pages are in, past the end of the file it shows "unavailable".
 * It updates after each of the viewer's paints (a page it asked for arriving
 * repaints too).
 */
export function wireInspect(viewer: Viewer, messenger: Messenger): void {
  let state: InspectState = { inspectorVisible: false, hover: false, endianness: 'little', colorize: false };
  let hoverOffset: number | undefined;
  let keyAt: number | undefined;
  let measures = 0;

  const pages = viewer.pages;

  const panel = new InspectorPanel({
    onClose: () => {
      apply({ ...state, inspectorVisible: false });
      messenger.notify(SetInspectOption, { inspectorVisible: false });
      viewer.element.focus();
    },
    onEndianness: (endianness) => {
      apply({ ...state, endianness });
      messenger.notify(SetInspectOption, { endianness });
    },
  });
  document.body.appendChild(panel.element);

  function apply(next: InspectState): void {
    state = next;
    panel.setEndianness(state.endianness);
    panel.setVisible(state.inspectorVisible);
    document.body.classList.toggle('hv-colorize', state.colorize);
    setMarker(Marker.endianness, state.endianness);
    if (!state.hover) hoverOffset = undefined;
    update();
  }

  viewer.addHexMarks({ byteClasses: BYTE_CLASS });

  /** The bytes at `offset` that are loaded: up to WINDOW, and whether more exist that are not loaded yet. */
  function windowAt(offset: number, size: number): { window: Uint8Array; more: boolean } {
    const end = Math.min(size, offset + WINDOW);
    const first = Math.floor(offset / PAGE_SIZE);
    const last = Math.floor((end - 1) / PAGE_SIZE);
    pages.want('inspect', first === last ? [first] : [first, last]);
    try {
      return { window: pages.bytes.slice(offset, end), more: false };
    } catch (error) {
      if (!(error instanceof MissingBytes)) throw error;
      if (error.page === first) return { window: new Uint8Array(0), more: true };
      return { window: pages.bytes.slice(offset, (first + 1) * PAGE_SIZE), more: true };
    }
  }

  function update(): void {
    if (!state.inspectorVisible) return pages.want('inspect', []);
    const began = performance.now();
    const size = viewer.fileSize;
    const offset = hoverOffset ?? viewer.selectionStart; // a selection is inspected from its first byte
    let values: Map<string, string>;
    if (offset >= size) {
      values = new Map(FIELDS.map((f) => [f.id, UNAVAILABLE]));
    } else {
      const { window, more } = windowAt(offset, size);
      const failed = window.length === 0 && pages.failure(Math.floor(offset / PAGE_SIZE));
      values = failed ? new Map(FIELDS.map((f) => [f.id, 'read error'])) : decodeAll(window, state.endianness, more);
    }
    const where = offset >= size ? 'end of file' : `0x${formatHexOffset(offset, offsetDigits(size))} (${offset.toLocaleString('en-US')})`;
    panel.show(`${hoverOffset !== undefined ? 'Pointer' : 'Cursor'} at ${where}`, values);
    setMarker(Marker.inspectorOffset, offset);
    setMarker(Marker.inspectorPending, [...values.values()].includes(PENDING) ? '1' : '0');
    const now = performance.now();
    if (measures++ > 1000) {
      performance.clearMeasures(UPDATE_MEASURE);
      performance.clearMeasures(KEY_MEASURE);
      measures = 0;
    }
    performance.measure(UPDATE_MEASURE, { start: began, end: now });
    if (keyAt !== undefined) {
      performance.measure(KEY_MEASURE, { start: keyAt, end: now });
      keyAt = undefined;
    }
  }

  viewer.onPainted(() => update());
  viewer.element.addEventListener('keydown', () => (keyAt = performance.now()), { capture: true });

  let hoverFrame = 0;
  viewer.rowsArea.addEventListener('pointermove', (event) => {
    if (!state.hover || !state.inspectorVisible || hoverFrame) return;
    const { clientX, clientY } = event;
    hoverFrame = requestAnimationFrame(() => {
      hoverFrame = 0;
      const offset = viewer.offsetAt(clientX, clientY);
      if (offset !== hoverOffset) {
        hoverOffset = offset;
        update();
      }
    });
  });
  viewer.rowsArea.addEventListener('pointerleave', () => {
    if (hoverOffset === undefined) return;
    hoverOffset = undefined;
    update();
  });

  messenger.onNotification(InspectStateChanged, (next) => apply(next));
  messenger.request(GetInspectState, {}).then(
    (next) => apply(next),
    (error: Error) => console.warn(`HugeView webview: no inspector state (${error.message})`),
  );
}
