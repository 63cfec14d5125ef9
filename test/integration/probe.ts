// The suite's side of test/harness/probe.mjs: look into HugeView's webviews.
import type { MarkerKey } from '../../webview/core/testMarkers';

function probeUrl(): string {
  const url = process.env.HUGEVIEW_PROBE_URL;
  if (!url) throw new Error('HUGEVIEW_PROBE_URL is not set: run the integration tests with `npm test` (test/run-all.mjs), which starts the webview probe');
  return url;
}

async function call<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(probeUrl() + path, { method: 'POST', body: JSON.stringify(body) });
  const json = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`probe ${path}: ${json.error}`);
  return json;
}

/** Runs `fn` in every HugeView webview frame (focused first) and returns what each returned. */
export async function inWebviews<A, R>(fn: (arg: A) => R, arg?: A): Promise<R[]> {
  return (await call<{ results: R[] }>('/eval', { fn: fn.toString(), arg })).results;
}

/** A test marker (webview/core/testMarkers.ts: pass `Marker.ready`, …) in the focused HugeView webview. */
export async function marker(key: MarkerKey): Promise<string | undefined> {
  return (await inWebviews((name) => document.body.dataset[name], key))[0];
}

/** Runs `fn` in every benchmark report webview frame (visible first). */
export async function inReportWebviews<A, R>(fn: (arg: A) => R, arg?: A): Promise<R[]> {
  return (await call<{ results: R[] }>('/eval-report', { fn: fn.toString(), arg })).results;
}

/** Resizes the browser window the workbench runs in (the harness starts at 1280×800). */
export async function setViewport(width: number, height: number): Promise<void> {
  await call('/viewport', { width, height });
}

/** Presses a key (Playwright names: 'Control+End', 'PageDown') in the focused HugeView webview. */
export async function press(key: string): Promise<void> {
  await call('/press', { key });
}

/**
 * Types as a person would: `press` keys (Playwright names) then `type` text, into whatever has the focus now.
 * Unlike press(), nothing is focused first, so a test sees where the focus really is.
 */
export async function keyboard(keys: { press?: string[]; type?: string }): Promise<void> {
  await call('/keyboard', keys);
}

/** Runs `fn` in the workbench page (outside the webviews): notifications, the quick input, the status bar. */
export async function inWorkbench<A, R>(fn: (arg: A) => R, arg?: A): Promise<R> {
  return (await call<{ result: R }>('/workbench', { fn: fn.toString(), arg })).result;
}

/** Clicks the workbench element `selector` (Playwright selector) with the mouse. */
export async function click(selector: string): Promise<void> {
  await call('/click', { selector });
}

/** Clicks `selector` in the focused HugeView webview with the mouse (`right` opens the context menu). */
export async function clickViewer(selector: string, button: 'left' | 'right' = 'left'): Promise<void> {
  await call('/clickViewer', { selector, button });
}

export async function screenshot(path: string): Promise<void> {
  await call('/screenshot', { path });
}

/** Polls `check` until it returns a truthy value or the time runs out; the last value is in the error. */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await check();
      if (last) return last as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until VS Code's quick input is on screen and holding the keyboard (its title ending in `titleEnd` when
 * given; its input empty unless `prefilled` — a prompt that offers a value selects it, so typing replaces it): the widget shows a moment before the focus moves into its input, and keys pressed in between go
 * to whatever had the focus — for a person too, who types once the caret is in the box.
 */
export async function quickInputReady(titleEnd?: string, prefilled = false): Promise<void> {
  type Seen = { ok: boolean; title?: string; value?: string; focused?: string; visible: boolean };
  let seen: Seen | undefined;
  await waitFor(`a prompt${titleEnd ? ` titled …${titleEnd}` : ''} with the keyboard in its input`, async () => {
    seen = await inWorkbench<{ end?: string; prefilled: boolean }, Seen>(({ end, prefilled }) => {
      const widget = document.querySelector<HTMLElement>('.quick-input-widget');
      const input = widget?.querySelector<HTMLInputElement>('input');
      const visible = !!widget && widget.style.display !== 'none' && widget.offsetHeight > 0 && !!input;
      const title = widget?.querySelector('.quick-input-title')?.textContent ?? '';
      const active = document.activeElement;
      const focused = active ? `${active.tagName}.${active.className}` : 'none';
      const ok = visible && (!end || title.endsWith(end)) && (prefilled || input!.value === '') && active === input;
      return { ok, title, value: input?.value, focused, visible };
    }, { end: titleEnd, prefilled });
    return seen.ok;
  }).catch((error: Error) => {
    throw new Error(`${error.message}; on screen: ${JSON.stringify(seen)}`);
  });
}

/** The text view's visible rows in the focused HugeView editor: offset, gutter label, text. */
export function textRows(): Promise<Array<{ offset: number; gutter: string; text: string }>> {
  return inWebviews(() =>
    [...document.querySelectorAll<HTMLElement>('.text-view .row[data-offset]')].filter((r) => !r.hidden).map((r) => ({
      offset: Number(r.dataset.offset),
      gutter: (r.querySelector('.gutter')?.textContent ?? '').trim(),
      text: r.querySelector('.text')?.textContent ?? '',
    })),
  ).then((all) => all[0] ?? []);
}
