import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { TagsChanged, type Tag } from '../../shared/protocol/tags';
import { OLD_BOOKMARKS_KEY, TagStore, tagKey, type TagMemento } from '../../src/tags/TagStore';
import { exportTags, parseTags } from '../../src/tags/tagFile';
import { BookmarkMarks } from '../../webview/tags/BookmarkMarks';
import { TagHighlights } from '../../webview/tags/TagHighlights';

/** A memento over a Map that round-trips values through JSON, as VS Code's state storage does. */
function memento(initial: Record<string, unknown> = {}): TagMemento & { raw: Map<string, string> } {
  const raw = new Map(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  return {
    raw,
    get: <T>(key: string, fallback: T) => (raw.has(key) ? (JSON.parse(raw.get(key)!) as T) : fallback),
    update: async (key: string, value: unknown) => void (value === undefined ? raw.delete(key) : raw.set(key, JSON.stringify(value))),
  };
}

const tag = (start: number, length: number, color: Tag['color'] = 'red', name = ''): Tag => ({ id: `${start}/${length}`, start, length, name, color, note: '' });

describe('tag store', () => {
  it('keeps each file its own sorted list, and a new store over the same storage reads it back', async () => {
    const storage = memento();
    const store = new TagStore(storage);
    await store.add('/a.bin', [{ start: 100, length: 4, name: 'late', color: 'red', note: 'n' }]);
    await store.add('/a.bin', [{ start: 16, length: 8, name: 'early', color: 'blue', note: '' }, { start: 16, length: 0, name: 'mark', color: 'blue', note: '' }]);
    await store.add('/b.bin', [{ start: 1, length: 1, name: 'other', color: 'green', note: '' }]);
    const again = new TagStore(storage).list('/a.bin');
    assert.deepEqual(again.map((t) => t.name), ['mark', 'early', 'late']);
    assert.equal(new TagStore(storage).list('/b.bin').length, 1);
    const id = again[1].id;
    assert.equal((await store.update('/a.bin', id, { name: 'renamed', color: 'purple' }))?.color, 'purple');
    assert.equal(await store.remove('/a.bin', again[0].id), true);
    assert.deepEqual(new TagStore(storage).list('/a.bin').map((t) => `${t.name}:${t.color}`), ['renamed:purple', 'late:red']);
    assert.equal(await store.clear('/a.bin'), 2);
    assert.equal(storage.raw.has(tagKey('/a.bin')), false, 'an empty list leaves no key behind');
  });

  it('drops stored entries that are not tags instead of showing them', () => {
    const storage = memento({ [tagKey('/x')]: [tag(1, 2), { id: 'bad', start: -1, length: 2, name: '', color: 'red', note: '' }, { ...tag(3, 1), color: 'pink' }, 'junk'] });
    assert.deepEqual(new TagStore(storage).list('/x').map((t) => t.start), [1]);
  });

  it('moves old workspace bookmarks in as zero-length blue tags once, without doubling one already there', async () => {
    const global = memento();
    const workspace = memento({ [OLD_BOOKMARKS_KEY]: { '/f.bin': [{ offset: 64, name: 'header' }, { offset: 4608, name: 'table' }, { offset: -3, name: 'bad' }] } });
    const store = new TagStore(global);
    await store.add('/f.bin', [{ start: 64, length: 0, name: 'already', color: 'blue', note: '' }]);
    assert.equal(await store.migrateBookmarks(workspace), 1);
    assert.deepEqual(store.list('/f.bin').map((t) => [t.start, t.length, t.name, t.color]), [[64, 0, 'already', 'blue'], [4608, 0, 'table', 'blue']]);
    assert.equal(workspace.raw.has(OLD_BOOKMARKS_KEY), false, 'the old key is gone');
    assert.equal(await store.migrateBookmarks(workspace), 0, 'a second activation moves nothing');
  });

  it('next and previous wrap around and count ranges and bookmarks alike', async () => {
    const store = new TagStore(memento());
    await store.add('/f', [{ start: 10, length: 0, name: '', color: 'blue', note: '' }, { start: 50, length: 5, name: '', color: 'red', note: '' }]);
    assert.equal(store.neighbour('/f', 0, 1)?.start, 10);
    assert.equal(store.neighbour('/f', 10, 1)?.start, 50);
    assert.equal(store.neighbour('/f', 50, 1)?.start, 10);
    assert.equal(store.neighbour('/f', 10, -1)?.start, 50);
  });
});

describe('tags file', () => {
  it('round-trips an export through import', () => {
    const tags = [tag(0, 4, 'red', 'magic'), { ...tag(10, 0, 'blue', 'mark'), note: 'line 1\nline 2' }];
    const parsed = parseTags(exportTags(tags, 'f.bin', 100), 100);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.tags, tags.map(({ id: _, ...rest }) => rest));
    assert.deepEqual(parsed.skipped, []);
  });

  it('refuses what is not a tags file, naming why', () => {
    for (const [text, why] of [
      ['{"tags": [', /not JSON/],
      ['{"format": "other", "tags": []}', /"format" is "other"/],
      ['{"format": "hugeview-tags", "version": 9, "tags": []}', /"version" 9/],
      ['{"format": "hugeview-tags"}', /no "tags" list/],
      ['42', /no "tags" list/],
    ] as const) {
      const parsed = parseTags(text, 100);
      assert.equal(parsed.ok, false, text);
      if (!parsed.ok) assert.match(parsed.error, why);
    }
  });

  it('checks every field of every entry and says which it skipped', () => {
    const entries = [
      { start: 0, length: 1, name: 'ok', color: 'green' },
      { start: -1, length: 1, name: '', color: 'red' },
      { start: 1.5, length: 1, name: '', color: 'red' },
      { start: 0, length: '4', name: '', color: 'red' },
      { start: 90, length: 20, name: '', color: 'red' },
      { start: 0, length: 1, name: 5, color: 'red' },
      { start: 0, length: 1, name: 'x'.repeat(201), color: 'red' },
      { start: 0, length: 1, name: '', color: 'pink' },
      { start: 0, length: 1, name: '', color: 'red', note: {} },
      null,
    ];
    const parsed = parseTags(JSON.stringify({ tags: entries }), 100);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.tags, [{ start: 0, length: 1, name: 'ok', color: 'green', note: '' }]);
    assert.deepEqual(parsed.skipped.map((s) => s.index), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.match(parsed.skipped[3].reason, /past the end of the file \(100 bytes\)/);
    assert.match(parsed.skipped[6].reason, /"color" "pink" is not one of red, orange/);
  });
});

describe('tags in the webview', () => {
  it('marks each byte with its innermost tag, overlapping tags included, and bookmarks none', () => {
    const h = new TagHighlights();
    h.set([tag(0, 100, 'red'), tag(10, 0, 'blue'), tag(20, 5, 'green'), tag(200, 1, 'purple')]);
    assert.equal(h.classOf(5, 6), ' tag t-red');
    assert.equal(h.classOf(10, 11), ' tag t-red', 'a bookmark marks no byte');
    assert.equal(h.classOf(22, 23), ' tag t-green');
    assert.equal(h.classOf(25, 26), ' tag t-red', 'after the inner tag, the outer again');
    assert.equal(h.classOf(100, 101), '');
    assert.equal(h.stateOf(100, 200), 0);
    assert.equal(h.stateOf(100, 201), 1);
    const before = h.version;
    h.set([]);
    assert.ok(h.version > before, 'a new list is a new version');
    assert.equal(h.stateOf(0, 1000), 0);
  });

  it('finds the first bookmark in a row by binary search', () => {
    const marks = new BookmarkMarks();
    marks.set([{ ...tag(5, 0), name: 'five' }, tag(6, 10, 'red', 'a range'), tag(40, 0), { ...tag(1000, 0), name: 'far' }]);
    assert.equal(marks.rowMark(0, 16), 'five');
    assert.equal(marks.rowMark(16, 32), undefined);
    assert.equal(marks.rowMark(32, 48), '');
    assert.equal(marks.rowMark(992, 1008), 'far');
    assert.equal(marks.rowMark(1001, 2000), undefined);
  });

  it('the webview takes a tag list only when every field is valid', () => {
    assert.equal(TagsChanged.valid({ tags: [tag(1, 2)] }), true);
    assert.equal(TagsChanged.valid({ tags: [{ ...tag(1, 2), color: 'url(x)' }] }), false);
    assert.equal(TagsChanged.valid({ tags: [{ ...tag(1, 2), name: 7 }] }), false);
    assert.equal(TagsChanged.valid({ tags: [{ ...tag(1, 2), start: 2 ** 53 }] }), false);
  });
});

describe('range highlights of several plug-ins', () => {
  it('marks a range any of them marks, with each one\'s class, and changes version whenever one of them does', async () => {
    const { RangeHighlightList } = await import('../../webview/core/decorations');
    const list = new RangeHighlightList();
    const tags = new TagHighlights();
    tags.set([tag(0, 10, 'red')]);
    const find = { version: 1, stateOf: (s: number, e: number) => (s < 6 && e > 4 ? 1 : 0), classOf: (s: number, e: number) => (s < 6 && e > 4 ? ' match' : '') };
    assert.equal(list.with(find)!.classOf(4, 5), ' match', 'alone, find is drawn as it is');
    list.add(tags);
    assert.equal(list.with(undefined)!.classOf(4, 5), ' tag t-red', 'alone, the tags are drawn as they are');
    const both = list.with(find)!;
    assert.equal(both.classOf(4, 5), ' match tag t-red');
    assert.equal(both.classOf(8, 9), ' tag t-red');
    assert.equal(both.stateOf(20, 30), 0);
    const v1 = both.version;
    assert.equal(list.with(find)!.version, v1, 'nothing changed: the same version (rows keep their cache)');
    tags.set([tag(0, 10, 'blue')]);
    const v2 = list.with(find)!.version;
    assert.notEqual(v2, v1, 'a tag change is a new version');
    find.version++;
    assert.notEqual(list.with(find)!.version, v2, 'a find change is a new version');
  });
});
