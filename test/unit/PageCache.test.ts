import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { PAGE_SIZE } from '../../shared/offsets';
import { PageCache, type PageReply } from '../../webview/core/PageCache';
import { MissingBytes, PagedBytes } from '../../webview/core/PagedBytes';

interface Call {
  offset: number;
  resolve: (reply: PageReply) => void;
  reject: (error: Error) => void;
}

function setup(size: number, options: { maxPages?: number; maxInFlight?: number } = {}) {
  const calls: Call[] = [];
  const arrivals: Array<[number, boolean]> = [];
  const errors: number[] = [];
  const cache = new PageCache(
    (offset) => new Promise<PageReply>((resolve, reject) => calls.push({ offset, resolve, reject })),
    { onPage: (index, wanted) => arrivals.push([index, wanted]), onSize: () => {}, onError: (index) => errors.push(index) },
    options,
  );
  const answer = async (call: Call) => {
    const data = new Uint8Array(Math.min(PAGE_SIZE, size - call.offset)).fill(call.offset / PAGE_SIZE);
    call.resolve({ offset: call.offset, data: data.buffer, size });
    await new Promise((r) => setImmediate(r));
  };
  return { cache, calls, arrivals, errors, answer };
}

describe('PageCache', () => {
  it('asks for a wanted page once even when it is wanted again before the reply', () => {
    const { cache, calls } = setup(10 * PAGE_SIZE);
    cache.want([3]);
    cache.want([3]);
    cache.want([3, 3]);
    assert.deepEqual(calls.map((c) => c.offset), [3 * PAGE_SIZE]);
  });

  it('never asks for queued pages the view has moved past', async () => {
    const { cache, calls, answer } = setup(100 * PAGE_SIZE, { maxInFlight: 1 });
    cache.want([1, 2, 3]);
    cache.want([50, 51]);
    await answer(calls[0]);
    assert.deepEqual(calls.map((c) => c.offset / PAGE_SIZE), [1, 50]);
  });

  it('caches a reply for a page no longer wanted but reports it as unwanted', async () => {
    const { cache, calls, arrivals, answer } = setup(100 * PAGE_SIZE);
    cache.want([1]);
    cache.want([60]);
    await answer(calls[0]);
    assert.deepEqual(arrivals[0], [1, false]);
    assert.ok(cache.peek(1));
  });

  it('keeps at most maxPages pages', async () => {
    const { cache, calls, answer } = setup(100 * PAGE_SIZE, { maxPages: 4, maxInFlight: 10 });
    cache.want([0, 1, 2, 3, 4, 5]);
    for (const call of [...calls]) await answer(call);
    assert.equal([0, 1, 2, 3, 4, 5].filter((i) => cache.peek(i)).length, 4);
  });

  it('does not ask a failed page again until retryFailed', async () => {
    const { cache, calls, errors } = setup(10 * PAGE_SIZE);
    cache.want([2]);
    calls[0].reject(Object.assign(new Error('short'), { code: 'ETRUNCATED' }));
    await new Promise((r) => setImmediate(r));
    cache.want([2]);
    cache.want([2]);
    assert.equal(calls.length, 1);
    assert.deepEqual(errors, [2]);
    cache.retryFailed();
    assert.equal(calls.length, 2);
  });

  it('ignores a reply for a page invalidated while in flight and asks again', async () => {
    const { cache, calls, arrivals, answer } = setup(10 * PAGE_SIZE);
    cache.want([9]);
    cache.invalidate(9);
    cache.want([9]);
    await answer(calls[0]);
    assert.equal(arrivals.length, 0);
    assert.equal(calls.length, 2);
  });

  it('PagedBytes reads across page boundaries and throws MissingBytes for absent pages', async () => {
    const { cache, calls, answer } = setup(3 * PAGE_SIZE);
    const bytes = new PagedBytes(cache, () => 3 * PAGE_SIZE);
    assert.throws(() => bytes.byteAt(PAGE_SIZE), (e: unknown) => e instanceof MissingBytes && e.page === 1);
    cache.want([0, 1]);
    for (const call of [...calls]) await answer(call);
    assert.deepEqual([...bytes.slice(PAGE_SIZE - 2, PAGE_SIZE + 2)], [0, 0, 1, 1]);
  });
});
