import { commandForKey } from './keyCommands';
import type { Viewer } from './Viewer';
import { WheelAccumulator } from './WheelAccumulator';

/** The viewer that last had the keyboard in this webview, and its key handler; the window's listeners, once. */
let lastFocused: { root: HTMLElement; onKey: (event: KeyboardEvent) => void } | undefined;
let windowWired = false;

/**
 * Keyboard, wheel and mouse on the viewer. Only keys the viewer handles are
 * prevented, so VS Code's own keybindings (Ctrl+G, Ctrl+P…) still work.
 */
export function wireViewerInput(viewer: Viewer): void {
  const root = viewer.element;
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
  const wheel = new WheelAccumulator();

  const onKey = (event: KeyboardEvent) => {
    if (event.isComposing) return;
    const command = commandForKey(event, isMac);
    if (command && viewer.command(command)) {
      event.preventDefault();
      event.stopPropagation();
    }
  };
  root.addEventListener('keydown', onKey);

  // When a prompt (Go to Line, Go to Offset, a bookmark name…) closes, with Enter or Esc, VS Code
  // focuses the webview's window again, but the focus inside it lands on <body>, where the
  // viewer's keys do not arrive. Give it back to the viewer that had it last (the compare view has
  // two), so the arrows work without a click.
  root.addEventListener('focusin', () => (lastFocused = { root, onKey }));
  lastFocused ??= { root, onKey };
  if (!windowWired) {
    windowWired = true;
    const focusLost = () => !document.activeElement || document.activeElement === document.body || document.activeElement === document.documentElement;
    window.addEventListener('focus', () => {
      if (focusLost()) lastFocused?.root.focus({ preventScroll: true });
    });
    document.addEventListener('keydown', (event) => {
      if (event.target !== document.body || !focusLost() || !lastFocused) return;
      lastFocused.root.focus({ preventScroll: true });
      lastFocused.onKey(event);
    });
  }

  root.addEventListener(
    'wheel',
    (event) => {
      if (event.ctrlKey) return; // zoom
      if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) return; // horizontal: native scrolling of long text rows
      event.preventDefault();
      const rows = wheel.rows(event.deltaY, event.deltaMode, viewer.rowHeight, viewer.pageRows);
      if (rows !== 0) viewer.scrollRows(rows);
    },
    { passive: false },
  );

  let drag: { pointerId: number; origin: number } | undefined;
  let autoScroll: ReturnType<typeof setInterval> | undefined;
  let lastPoint = { x: 0, y: 0 };

  const stopAutoScroll = () => {
    if (autoScroll !== undefined) clearInterval(autoScroll);
    autoScroll = undefined;
  };

  const dragToPoint = () => {
    if (!drag) return;
    const offset = viewer.offsetAt(lastPoint.x, lastPoint.y);
    if (offset !== undefined) viewer.dragTo(drag.origin, offset);
  };

  viewer.rowsArea.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    root.focus();
    const offset = viewer.offsetAt(event.clientX, event.clientY);
    if (offset === undefined) return;
    event.preventDefault();
    viewer.pressAt(offset, event.shiftKey);
    if (!event.shiftKey) {
      drag = { pointerId: event.pointerId, origin: offset };
      viewer.rowsArea.setPointerCapture(event.pointerId);
    }
  });

  viewer.rowsArea.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    lastPoint = { x: event.clientX, y: event.clientY };
    dragToPoint();
    const box = viewer.rowsArea.getBoundingClientRect();
    const direction = event.clientY < box.top ? -1 : event.clientY > box.bottom ? 1 : 0;
    stopAutoScroll();
    if (direction !== 0) {
      autoScroll = setInterval(() => {
        viewer.scrollRows(direction);
        requestAnimationFrame(dragToPoint);
      }, 50);
    }
  });

  const endDrag = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    drag = undefined;
    stopAutoScroll();
    if (viewer.rowsArea.hasPointerCapture(event.pointerId)) viewer.rowsArea.releasePointerCapture(event.pointerId);
  };
  viewer.rowsArea.addEventListener('pointerup', endDrag);
  viewer.rowsArea.addEventListener('pointercancel', endDrag);

  new ResizeObserver(() => viewer.resize()).observe(viewer.rowsArea);
}
