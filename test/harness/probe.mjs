// The webview probe: a small HTTP server in the test runner that lets a suite
// running inside the VS Code extension host look at what a person sees in
// HugeView's webviews (through Playwright's page.frames()) and type into them.
// The runner puts its URL in HUGEVIEW_PROBE_URL before the VS Code server
// starts, so the extension host inherits it.
//   POST /eval   { fn: "<function source>", arg }  → { results: [per HugeView frame] }
//   POST /press  { key: "Control+End" }             → { ok: true } (keys go to the active HugeView frame)
//   POST /keyboard { press: ["Control+l"], type: "12" } → { ok: true } (keys go where the focus is, as a person types:
//                                                    nothing is focused first; press runs before type)
//   POST /workbench { fn, arg }                     → { result } (runs in the workbench page: notifications, quick input)
//   POST /click { selector }                        → { ok: true } (a mouse click on a workbench element)
//   POST /clickViewer { selector, button }          → { ok: true } (a mouse click in the focused HugeView webview)
//   POST /screenshot { path }                       → { ok: true }
//   POST /viewport { width, height }                → { ok: true } (the browser window's size)
//   POST /eval-report { fn, arg }                   → { results: [per benchmark report frame] }
import http from 'node:http';

/** Frames that hold a HugeView webview (its #root; the report's #report), the visible one first. */
async function viewerFrames(page, kind = 'viewer') {
  const found = [];
  for (const frame of page.frames()) {
    try {
      const info = await frame.evaluate((kind) => {
        if (kind === 'report' ? !document.getElementById('report') : !document.getElementById('root') || !document.body.dataset.mode) return null;
        return { visible: document.visibilityState === 'visible' && window.innerHeight > 0, focused: document.hasFocus() };
      }, kind);
      if (info) found.push({ frame, ...info });
    } catch {
      // detached or cross-origin while loading: not ours
    }
  }
  found.sort((a, b) => Number(b.focused) - Number(a.focused) || Number(b.visible) - Number(a.visible));
  return found;
}

export async function startProbe() {
  let page;
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const reply = (status, value) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    try {
      if (!page) return reply(503, { error: 'the browser page is not ready' });
      const input = body ? JSON.parse(body) : {};
      if (req.url === '/eval' || req.url === '/eval-report') {
        const frames = await viewerFrames(page, req.url === '/eval' ? 'viewer' : 'report');
        const results = [];
        for (const { frame } of frames) {
          // The function runs in the webview's frame; its source comes from the suite.
          results.push(await frame.evaluate(({ fn, arg }) => (0, eval)(`(${fn})`)(arg), { fn: input.fn, arg: input.arg }));
        }
        return reply(200, { results });
      }
      if (req.url === '/press') {
        const [first] = await viewerFrames(page);
        if (!first) return reply(404, { error: 'no HugeView webview is open' });
        await first.frame.focus('#root');
        await page.keyboard.press(input.key);
        return reply(200, { ok: true });
      }
      if (req.url === '/keyboard') {
        for (const key of input.press ?? []) await page.keyboard.press(key);
        if (input.type) await page.keyboard.type(input.type);
        return reply(200, { ok: true });
      }
      if (req.url === '/workbench') {
        const result = await page.evaluate(({ fn, arg }) => (0, eval)(`(${fn})`)(arg), { fn: input.fn, arg: input.arg });
        return reply(200, { result });
      }
      if (req.url === '/click') {
        await page.click(input.selector, { timeout: 10_000 });
        return reply(200, { ok: true });
      }
      if (req.url === '/clickViewer') {
        const [first] = await viewerFrames(page);
        if (!first) return reply(404, { error: 'no HugeView webview is open' });
        await first.frame.click(input.selector, { button: input.button ?? 'left', timeout: 10_000 });
        return reply(200, { ok: true });
      }
      if (req.url === '/viewport') {
        await page.setViewportSize({ width: input.width, height: input.height });
        return reply(200, { ok: true });
      }
      if (req.url === '/screenshot') {
        await page.screenshot({ path: input.path });
        return reply(200, { ok: true });
      }
      reply(404, { error: `unknown probe call ${req.url}` });
    } catch (error) {
      reply(500, { error: String(error?.message ?? error) });
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    attach(p) {
      page = p;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
