import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { Emitter } from '../../webview/core/Emitter';

describe('viewer events (Emitter)', () => {
  it('calls every listener, in the order they subscribed: a second plug-in does not replace the first', () => {
    const painted = new Emitter<{ start: number; end: number }>();
    const calls: string[] = [];
    painted.event(({ start, end }) => calls.push(`find ${start}-${end}`));
    painted.event(({ start, end }) => calls.push(`inspect ${start}-${end}`));
    painted.fire({ start: 0, end: 16 });
    assert.deepEqual(calls, ['find 0-16', 'inspect 0-16']);
  });

  it('dispose removes only that listener, also while the event is firing', () => {
    const event = new Emitter<number>();
    const seen: string[] = [];
    const a = event.event((n) => {
      seen.push(`a${n}`);
      a.dispose();
    });
    event.event((n) => seen.push(`b${n}`));
    event.fire(1);
    event.fire(2);
    assert.deepEqual(seen, ['a1', 'b1', 'b2']);
    assert.equal(event.listenerCount, 1);
  });

  it('a listener that throws does not keep the others from running', () => {
    const event = new Emitter<void>();
    let reached = false;
    const original = console.error;
    console.error = () => undefined;
    try {
      event.event(() => {
        throw new Error('plug-in bug');
      });
      event.event(() => (reached = true));
      event.fire();
    } finally {
      console.error = original;
    }
    assert.equal(reached, true);
  });
});
