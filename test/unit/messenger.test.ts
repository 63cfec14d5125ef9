import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { Messenger, RequestError, type Channel } from '../../shared/rpc';
import { CursorChanged, GoTo, ReadPage } from '../../shared/protocol/editor';

/** Two channels wired to each other, delivering asynchronously like postMessage. */
function pair(): [Channel, Channel, { dropToB: boolean }] {
  const receivers: Array<((m: unknown) => void) | undefined> = [undefined, undefined];
  const flags = { dropToB: false };
  const make = (me: number): Channel => ({
    post: (message) => {
      if (me === 0 && flags.dropToB) return;
      const copy = structuredClone(message);
      setImmediate(() => receivers[1 - me]?.(copy));
    },
    listen: (receiver) => {
      receivers[me] = receiver;
      return () => (receivers[me] = undefined);
    },
  });
  return [make(0), make(1), flags];
}

describe('Messenger', () => {
  it('answers a request with its handler result', async () => {
    const [a, b] = pair();
    const client = new Messenger(a);
    const host = new Messenger(b);
    host.onRequest(ReadPage, ({ offset, length }) => ({ offset, data: new Uint8Array(length).fill(7).buffer, size: 100 }));
    const reply = await client.request(ReadPage, { offset: 10, length: 4 });
    assert.equal(reply.offset, 10);
    assert.deepEqual(Array.from(new Uint8Array(reply.data)), [7, 7, 7, 7]);
  });

  it('rejects with the handler error code', async () => {
    const [a, b] = pair();
    const client = new Messenger(a);
    const host = new Messenger(b);
    host.onRequest(ReadPage, () => {
      throw Object.assign(new Error('gone'), { code: 'ETRUNCATED' });
    });
    await assert.rejects(client.request(ReadPage, { offset: 0, length: 1 }), (e: RequestError) => e.code === 'ETRUNCATED' && e.message === 'gone');
  });

  it('answers invalid params with EINVAL without calling the handler', async () => {
    const [a, b] = pair();
    const client = new Messenger(a);
    const host = new Messenger(b);
    let called = false;
    host.onRequest(ReadPage, () => {
      called = true;
      return { offset: 0, data: new ArrayBuffer(0), size: 0 };
    });
    for (const params of [{ offset: -1, length: 1 }, { offset: 0, length: 0 }, { offset: 1.5, length: 1 }, { offset: 0, length: 2 ** 21 }, null]) {
      await assert.rejects(client.request(ReadPage, params as never), (e: RequestError) => e.code === 'EINVAL');
    }
    assert.equal(called, false);
  });

  it('answers an unknown method with EMETHOD', async () => {
    const [a, b] = pair();
    const client = new Messenger(a);
    new Messenger(b);
    await assert.rejects(client.request({ ...ReadPage, method: 'nope' }, { offset: 0, length: 1 }), (e: RequestError) => e.code === 'EMETHOD');
  });

  it('reports malformed messages and invalid notifications instead of throwing', async () => {
    const [a, b] = pair();
    const seen: string[] = [];
    const host = new Messenger(b, { onInvalid: (why) => seen.push(why) });
    let cursor = 0;
    host.onNotification(CursorChanged, (p) => (cursor = p.offset));
    for (const junk of ['text', 42, null, [], { id: 'x', method: ReadPage.method }, { method: 7 }, { method: CursorChanged.method, params: { offset: -3 } }, { method: 'unknown' }]) a.post(junk);
    a.post({ method: CursorChanged.method, params: { offset: 5, selectionStart: 5, selectionEnd: 5, mode: 'hex', topOffset: 0 } });
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(seen.length, 8);
    assert.equal(cursor, 5);
  });

  it('times out a request that gets no reply', async () => {
    const [a, b, flags] = pair();
    flags.dropToB = true;
    const client = new Messenger(a);
    new Messenger(b);
    await assert.rejects(client.request(ReadPage, { offset: 0, length: 1 }, 30), (e: RequestError) => e.code === 'ETIMEDOUT');
    assert.equal(client.pendingCount, 0);
  });

  it('dispose() rejects everything pending', async () => {
    const [a, b, flags] = pair();
    flags.dropToB = true;
    const client = new Messenger(a);
    new Messenger(b);
    const pending = [client.request(ReadPage, { offset: 0, length: 1 }), client.request(ReadPage, { offset: 1, length: 1 })];
    client.dispose();
    for (const p of pending) await assert.rejects(p, (e: RequestError) => e.code === 'EDISPOSED');
    await assert.rejects(client.request(ReadPage, { offset: 0, length: 1 }), (e: RequestError) => e.code === 'EDISPOSED');
  });
});

describe('GoTo with carried pages', () => {
  const page = (index: number, length = 65536) => ({ index, data: new ArrayBuffer(length) });

  it('accepts up to three pages of at most a page each', () => {
    assert.ok(GoTo.valid({ offset: 5, pages: [page(0), page(1, 10), page(2)] }));
    assert.ok(GoTo.valid({ offset: 5 }));
  });

  it('rejects more pages, larger or empty pages, non-buffers and bad indexes', () => {
    assert.ok(!GoTo.valid({ offset: 5, pages: [page(0), page(1), page(2), page(3)] }));
    assert.ok(!GoTo.valid({ offset: 5, pages: [page(0, 65537)] }));
    assert.ok(!GoTo.valid({ offset: 5, pages: [page(0, 0)] }));
    assert.ok(!GoTo.valid({ offset: 5, pages: [{ index: 0, data: new Uint8Array(4) }] }));
    assert.ok(!GoTo.valid({ offset: 5, pages: [{ index: -1, data: new ArrayBuffer(4) }] }));
    assert.ok(!GoTo.valid({ offset: 5, pages: { index: 0, data: new ArrayBuffer(4) } }));
  });
});
