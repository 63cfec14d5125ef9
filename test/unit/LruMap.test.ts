import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LruMap } from '../../webview/core/LruMap';

describe('LruMap', () => {
  it('evicts the least recently used entry past its capacity', () => {
    const lru = new LruMap<number, string>(2);
    lru.set(1, 'a');
    lru.set(2, 'b');
    lru.get(1);
    assert.deepEqual(lru.set(3, 'c'), [2]);
    assert.deepEqual(lru.keys(), [1, 3]);
  });

  it('peek does not make an entry younger', () => {
    const lru = new LruMap<number, string>(2);
    lru.set(1, 'a');
    lru.set(2, 'b');
    lru.peek(1);
    assert.deepEqual(lru.set(3, 'c'), [1]);
  });

  it('deleteWhere removes the matching entries', () => {
    const lru = new LruMap<number, number>(10);
    for (let i = 0; i < 6; i++) lru.set(i, i);
    lru.deleteWhere((key) => key >= 3);
    assert.deepEqual(lru.keys(), [0, 1, 2]);
  });
});
