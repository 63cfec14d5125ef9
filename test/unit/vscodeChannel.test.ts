import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { Messenger, notification, request } from '../../shared/rpc';
import { vscodeChannel } from '../../webview/core/vscodeChannel';

// The webview's globals, as VS Code gives them: a window that receives 'message' events, acquireVsCodeApi().
const page = globalThis as unknown as { window: EventTarget; acquireVsCodeApi(): { postMessage(m: unknown): void } };
const sent: unknown[] = [];
page.window = new EventTarget();
page.acquireVsCodeApi = () => ({ postMessage: (m) => sent.push(m) });
const fromHost = (data: unknown) => page.window.dispatchEvent(new MessageEvent('message', { data }));
const Shown = notification<{ n: number }>('test/shown', (p): p is { n: number } => typeof (p as { n?: unknown })?.n === 'number');

describe('the webview channel held until the features are wired', () => {
  it('keeps the host notifications that come before release(), in order, and delivers them to handlers registered meanwhile', () => {
    const channel = vscodeChannel({ held: true });
    const messenger = new Messenger(channel);
    fromHost({ method: 'test/shown', params: { n: 1 } }); // before any handler: a channel that did not hold would drop it
    fromHost({ method: 'test/shown', params: { n: 2 } });
    const seen: number[] = [];
    messenger.onNotification(Shown, ({ n }) => seen.push(n));
    assert.deepEqual(seen, []);
    channel.release();
    assert.deepEqual(seen, [1, 2]);
    fromHost({ method: 'test/shown', params: { n: 3 } });
    assert.deepEqual(seen, [1, 2, 3]);
    messenger.dispose();
  });

  it('lets the replies to the webview own requests through while it holds (the first rows may ask for a page)', async () => {
    const channel = vscodeChannel({ held: true });
    const messenger = new Messenger(channel);
    const ReadIt = request<Record<string, never>, string>('test/read', (p): p is Record<string, never> => typeof p === 'object');
    const reply = messenger.request(ReadIt, {});
    const { id } = sent.at(-1) as { id: number };
    fromHost({ replyTo: id, result: 'page' });
    assert.equal(await reply, 'page');
    messenger.dispose();
  });

  it('holds nothing without held (the compare view)', () => {
    const messenger = new Messenger(vscodeChannel());
    const seen: number[] = [];
    messenger.onNotification(Shown, ({ n }) => seen.push(n));
    fromHost({ method: 'test/shown', params: { n: 7 } });
    assert.deepEqual(seen, [7]);
    messenger.dispose();
  });
});
