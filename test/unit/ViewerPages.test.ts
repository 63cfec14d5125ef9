import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { PAGE_SIZE } from '../../shared/offsets';
import { HexMarkList } from '../../webview/core/decorations';
import type { PageReply } from '../../webview/core/PageCache';
import { MissingBytes } from '../../webview/core/PagedBytes';
import { ViewerPages } from '../../webview/core/ViewerPages';

const SIZE = 16 * PAGE_SIZE;
const settle = () => new Promise((r) => setImmediate(r));

function setup() {
  const asked: number[] = [];
  const arrivals: Array<[number, boolean]> = [];
  const pages = new ViewerPages(
    (offset) => {
      asked.push(offset / PAGE_SIZE);
      if (offset === 9 * PAGE_SIZE) return Promise.reject(Object.assign(new Error('I/O error'), { code: 'EIO' }));
      return Promise.resolve<PageReply>({ offset, data: new Uint8Array(PAGE_SIZE).fill(offset / PAGE_SIZE), size: SIZE });
    },
    () => SIZE,
    { onPage: (index, wanted) => arrivals.push([index, wanted]), onSize: () => undefined, onError: () => undefined },
  );
  return { pages, asked, arrivals };
}

describe('the viewer\'s one page cache (ViewerPages)', () => {
  it('a plug-in reads the pages the view holds without asking the host again', async () => {
    const { pages, asked } = setup();
    pages.wantForView([0, 1]);
    await settle();
    pages.want('inspect', [0]);
    pages.want('inspect', [0, 1]);
    await settle();
    assert.deepEqual(asked, [0, 1]);
    assert.equal(pages.bytes.byteAt(PAGE_SIZE + 5), 1);
  });

  it('a page only a plug-in wants is asked once, arrives as wanted, and stays wanted when the view moves', async () => {
    const { pages, asked, arrivals } = setup();
    pages.wantForView([2, 3]);
    pages.want('inspect', [7]);
    pages.want('inspect', [7]);
    await settle();
    assert.deepEqual(asked, [2, 3, 7]);
    assert.ok(arrivals.some(([index, wanted]) => index === 7 && wanted), 'the plug-in\'s page arrives as wanted (the viewer repaints)');
    pages.wantForView([4]);
    await settle();
    assert.ok(pages.cache.isWanted(7), 'still wanted by the plug-in');
    assert.equal(pages.bytes.byteAt(7 * PAGE_SIZE), 7);
    pages.want('inspect', []);
    assert.equal(pages.cache.isWanted(7), false);
    assert.throws(() => pages.bytes.byteAt(12 * PAGE_SIZE), MissingBytes);
  });

  it('a plug-in\'s unreadable page is its own error, not the view\'s notice', async () => {
    const { pages } = setup();
    pages.wantForView([0]);
    pages.want('inspect', [9]);
    await settle();
    assert.equal((pages.failure(9) as { code?: string } | undefined)?.code, 'EIO');
    assert.equal(pages.viewFailure(), undefined);
    pages.wantForView([8, 9]);
    assert.equal(pages.viewFailure()?.offset, 9 * PAGE_SIZE);
  });
});

describe('hex marks from several plug-ins (HexMarkList)', () => {
  it('joins their byte classes and takes the first row mark; removing one leaves the other', () => {
    const list = new HexMarkList();
    assert.equal(list.byteClasses[0], '');
    const a = list.add({ byteClasses: Array.from({ length: 256 }, (_, b) => (b === 0 ? ' bz' : ' bp')) });
    list.add({ byteClasses: Array.from({ length: 256 }, () => ' x'), rowMark: (start) => (start === 16 ? 'here' : undefined) });
    assert.equal(list.byteClasses[0], ' bz x');
    assert.equal(list.rowMark(16, 32), 'here');
    assert.equal(list.rowMark(0, 16), undefined);
    a.dispose();
    assert.equal(list.byteClasses[0], ' x');
  });
});
