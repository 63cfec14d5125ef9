// The pure parts of levels and Go to Time's display: scrollbar runs, UTF-8 offsets for user regexes,
// several highlight sets drawn as one, and how times are written back to the person.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { RangeHighlightList, type RangeHighlights } from '../../webview/core/decorations';
import { decodeWithOffsets } from '../../webview/levels/LevelHighlights';
import { levelRuns } from '../../webview/levels/LevelOverview';
import { formatTime } from '../../src/time/timeText';
import { isColor, isLevelSettings } from '../../shared/protocol/levels';

class Fixed implements RangeHighlights {
  version = 0;
  constructor(private readonly start: number, private readonly end: number, private readonly cls: string) {}
  stateOf(start: number, end: number): number {
    return start < this.end && end > this.start ? 1 : 0;
  }
  classOf(start: number, end: number): string {
    return this.stateOf(start, end) ? this.cls : '';
  }
}

describe('levels: scrollbar runs', () => {
  it('each run of non-empty buckets is one mark, placed by its bytes out of the file size (the last bucket may be short)', () => {
    const runs = levelRuns([0, 2, 1, 0, 0, 3], 10, 55).map((r) => [r.top * 55, r.height * 55].map((x) => Math.round(x * 1e9) / 1e9));
    assert.deepEqual(runs, [[10, 20], [50, 5]]);
    assert.deepEqual(levelRuns([1, 1], 10, 0), []);
  });
});

describe('levels: UTF-8 offsets for the user regexes', () => {
  it('maps every UTF-16 index to the byte its character starts at, bad bytes as U+FFFD', () => {
    const { text, offsets } = decodeWithOffsets(new Uint8Array([0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0x62]));
    assert.equal(text, 'aé😀\uFFFDb');
    assert.deepEqual(offsets, [0, 1, 3, 3, 7, 8, 9]);
  });
});

describe('levels: several highlight sets on the text rows', () => {
  it('a cell gets every member\'s class, and the version moves when a member\'s does or the list changes', () => {
    const list = new RangeHighlightList();
    const find = new Fixed(0, 4, ' match');
    const level = new Fixed(2, 6, ' lvl-error');
    assert.equal(list.with(undefined), undefined, 'nothing to draw');
    const added = list.add(level);
    const drawn = list.with(find)!;
    const v1 = drawn.version;
    assert.equal(drawn.classOf(2, 3), ' match lvl-error');
    assert.equal(drawn.stateOf(5, 6), 1);
    assert.equal(drawn.stateOf(7, 9), 0);
    level.version++;
    const v2 = drawn.version;
    assert.ok(v2 > v1);
    assert.equal(drawn.version, v2, 'unchanged when nothing changed');
    list.with(undefined);
    assert.ok(drawn.version > v2, 'find\'s matches gone');
    added.dispose();
    assert.equal(list.with(undefined), undefined);
  });
});

describe('Go to Time: times written back', () => {
  it('zone-less formats as written (no zero fraction), zoned ones in UTC with Z', () => {
    const t = Date.UTC(2026, 10, 30, 1, 2, 3);
    assert.equal(formatTime(t, 'datetime'), '2026-11-30 01:02:03');
    assert.equal(formatTime(t + 250, 'iso8601'), '2026-11-30 01:02:03.250');
    assert.equal(formatTime(t, 'clf'), '2026-11-30T01:02:03Z');
    assert.equal(formatTime(t, 'epoch-ms'), '2026-11-30T01:02:03Z');
  });
});

describe('levels: colours and patterns the protocol accepts', () => {
  it('#hex and theme colour ids pass; CSS that could break out of a rule does not', () => {
    for (const good of ['#fff', '#ff000080', 'charts.red', 'editorError.foreground', 'terminal.ansiBrightBlue']) assert.ok(isColor(good), good);
    for (const bad of ['red', '#ggg', 'charts.red; } body { display: none', 'var(--x)', '.red', 'charts..red', '']) assert.ok(!isColor(bad), bad);
    assert.ok(isLevelSettings({ enabled: true, highlights: [{ pattern: 'a+', flags: 'u', color: '#123456' }] }));
    assert.ok(!isLevelSettings({ enabled: true, highlights: [{ pattern: 'a+', flags: 'gy', color: '#123456' }] }), 'flags the webview adds itself');
    assert.ok(!isLevelSettings({ enabled: true, highlights: [{ pattern: '', flags: '', color: '#123456' }] }));
  });
});
