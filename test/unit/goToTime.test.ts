// Go to Time on real generated files: format detection, the binary search over
// byte offsets (start, middle, end, before the first and after the last time,
// across stack traces), each timestamp format, non-monotonic files, and a
// sparse 8 GiB log whose search stays logarithmic in reads.
import { describe, it, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PreadSource } from '../../src/bytes/PreadSource';
import type { ByteSource } from '../../src/bytes/ByteSource';
import { TimedLog, type GoToTimeResult } from '../../src/time/TimedLog';
import { parseTimeQuery } from '../../src/time/timestampFormats';
import { GiB, sparseFile, tempDir } from '../helpers/files';

const { dir, cleanup } = tempDir('hugeview-time-');
after(cleanup);

interface Line {
  offset: number;
  time?: number;
}

/** Writes `texts` as lines (LF or CRLF) and returns each line's offset with its time. */
function writeLines(name: string, rows: Array<{ text: string; time?: number }>, eol = '\n'): { file: string; lines: Line[] } {
  const file = path.join(dir, name);
  const lines: Line[] = [];
  let offset = 0;
  const parts: string[] = [];
  for (const row of rows) {
    lines.push({ offset, time: row.time });
    const text = row.text + eol;
    parts.push(text);
    offset += Buffer.byteLength(text, 'latin1');
  }
  fs.writeFileSync(file, parts.join(''), 'latin1');
  return { file, lines };
}

/** The answer by reading every line: the first timed line at or after `time`, else the last timed line. */
function expected(lines: Line[], time: number): Line & { where: string } {
  const timed = lines.filter((l) => l.time !== undefined);
  const hit = timed.find((l) => l.time! >= time);
  if (!hit) return { ...timed[timed.length - 1], where: 'after-last' };
  return { ...hit, where: hit === timed[0] && hit.time! > time ? 'before-first' : 'at-or-after' };
}

function withSource<T>(file: string, f: (source: ByteSource) => T): T {
  const source = new PreadSource(file);
  try {
    return f(source);
  } finally {
    source.close();
  }
}

async function goTo(file: string, time: number, referenceTime?: number): Promise<GoToTimeResult> {
  const source = new PreadSource(file);
  try {
    const log = TimedLog.open(source, { referenceTime });
    assert.ok(log, `no timestamp format detected in ${file}`);
    return await log.goTo(time);
  } finally {
    source.close();
  }
}

async function assertLands(file: string, lines: Line[], time: number, label: string, referenceTime?: number): Promise<void> {
  const result = await goTo(file, time, referenceTime);
  const want = expected(lines, time);
  assert.equal(result.kind, 'found', label);
  if (result.kind !== 'found') return;
  assert.deepEqual({ offset: result.offset, time: result.time, where: result.where }, { offset: want.offset, time: want.time, where: want.where }, `${label} (time ${new Date(time).toISOString()})`);
}

const T0 = Date.UTC(2026, 10, 30, 1, 2, 3);
const iso = (ms: number) => new Date(ms).toISOString();

/** An application log: one line a second (some gaps), a 40-line stack trace every 500 lines. */
function appLog(count: number): Array<{ text: string; time?: number }> {
  const rows: Array<{ text: string; time?: number }> = [];
  let time = T0;
  for (let i = 0; i < count; i++) {
    time += i % 100 === 0 ? 60_000 : 1000;
    rows.push({ text: `${iso(time)} INFO [main] request ${i} served in ${i % 250} ms`, time });
    if (i % 500 === 250) {
      rows.push({ text: `java.lang.IllegalStateException: request ${i} failed` });
      for (let k = 0; k < 40; k++) rows.push({ text: `\tat com.example.Service.method${k}(Service.java:${100 + k})` });
    }
  }
  return rows;
}

describe('Go to Time', () => {
  const { file, lines } = writeLines('app.log', appLog(20_000));
  const timed = lines.filter((l) => l.time !== undefined);

  it('lands on the first line at or after the time at the start, middle and end of the file', async () => {
    for (const index of [0, 1, 2, 5000, 9999, 10_000, 15_001, timed.length - 2, timed.length - 1]) {
      await assertLands(file, lines, timed[index].time!, `exact time of timed line ${index}`);
      await assertLands(file, lines, timed[index].time! - 1, `just before timed line ${index}`);
    }
  });

  it('reads about one small block per probe (the lines around a probe come from the block already read)', async () => {
    for (const index of [10, 8000, 19_990]) {
      const result = await goTo(file, timed[index].time!);
      assert.ok(result.kind === 'found' && result.reads <= result.probes + 6, `line ${index}: ${JSON.stringify(result)}`);
    }
  });

  it('lands on the next line for a time inside a gap between two lines', async () => {
    // Every 100th line comes a minute after the one before it.
    for (const index of [100, 7000, 19_900]) await assertLands(file, lines, timed[index].time! - 30_000, `in the gap before ${index}`);
  });

  it('before the first time lands on the first line; after the last time on the last timed line', async () => {
    await assertLands(file, lines, T0 - 86_400_000, 'a day before');
    const last = await goTo(file, timed[timed.length - 1].time! + 1);
    assert.equal(last.kind === 'found' && last.where, 'after-last');
    await assertLands(file, lines, timed[timed.length - 1].time! + 86_400_000, 'a day after');
  });

  it('a time just after a line followed by a stack trace lands past the trace, on the next timed line', async () => {
    // Line 250 is followed by 41 untimed lines; probes can land inside them.
    for (const index of [250, 4750, 17_250]) {
      const result = await goTo(file, timed[index].time! + 1);
      assert.equal(result.kind === 'found' && result.offset, timed[index + 1].offset, `after the trace following line ${index}`);
    }
  });

  it('every 97th time in the file, and a random time between, lands where a full read says', async () => {
    for (let index = 3; index < timed.length; index += 97) await assertLands(file, lines, timed[index].time! - (index % 3) * 333, `time ${index}`);
  });

  it('the time of the top line: a stack trace line takes the time of the line above it', () => {
    withSource(file, (source) => {
      const log = TimedLog.open(source)!;
      const traceLine = lines.findIndex((l, i) => l.time === undefined && i > 300);
      const above = [...lines.slice(0, traceLine)].reverse().find((l) => l.time !== undefined)!;
      assert.equal(log.timeAt(lines[traceLine + 10].offset + 5), above.time);
      assert.equal(log.timeAt(timed[42].offset + 3), timed[42].time);
      assert.equal(log.timeAt(0), timed[0].time);
      assert.equal(log.timeAt(fs.statSync(file).size), timed[timed.length - 1].time);
    });
  });

  it('CRLF line ends: lands on the same lines', async () => {
    const crlf = writeLines('app-crlf.log', appLog(3000), '\r\n');
    const crlfTimed = crlf.lines.filter((l) => l.time !== undefined);
    for (const index of [0, 251, 1500, 2999]) await assertLands(crlf.file, crlf.lines, crlfTimed[index].time!, `CRLF line ${index}`);
  });
});

describe('Go to Time formats', () => {
  const formats: Array<{ name: string; line: (ms: number, i: number) => string; step?: number; referenceTime?: number }> = [
    { name: 'iso8601', line: (ms, i) => `${iso(ms)} WARN thread-${i % 4} something happened` },
    { name: 'iso8601', line: (ms, i) => `${iso(ms).replace('Z', '+00:00')} message ${i}` },
    { name: 'iso8601', line: (ms, i) => `${iso(ms).slice(0, 19)} no zone, no fraction ${i}`, step: 1000 },
    { name: 'iso8601', line: (ms, i) => `[${iso(ms + 2 * 3600_000).replace('Z', '+0200')}] bracketed with a zone ${i}` },
    { name: 'datetime', line: (ms, i) => `${iso(ms).slice(0, 19).replace('T', ' ')} INFO log4j style ${i}`, step: 1000 },
    { name: 'datetime', line: (ms, i) => `${iso(ms).slice(0, 23).replace('T', ' ').replace('.', ',')} INFO comma fraction ${i}` },
    { name: 'rfc5424', line: (ms, i) => `<34>1 ${iso(ms)} host app 123 ID47 - message ${i}` },
    { name: 'rfc3164', line: (ms, i) => `${syslogDate(ms)} host sshd[42]: message ${i}`, step: 1000, referenceTime: Date.UTC(2026, 11, 31) },
    { name: 'clf', line: (ms, i) => `127.0.0.1 - frank [${clfDate(ms)}] "GET /item/${i} HTTP/1.1" 200 2326`, step: 1000 },
    { name: 'epoch-ms', line: (ms, i) => `${ms} event ${i}` },
    { name: 'epoch-s', line: (ms, i) => `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')} event ${i}` },
  ];
  for (const [k, format] of formats.entries()) {
    it(`detects ${format.name} (${format.line(T0, 0).slice(0, 40)}…) and lands right`, async () => {
      const step = format.step ?? 137;
      const rows = Array.from({ length: 3000 }, (_, i) => ({ text: format.line(T0 + i * step, i), time: T0 + i * step }));
      const { file, lines } = writeLines(`format-${k}.log`, rows);
      withSource(file, (source) => assert.equal(TimedLog.open(source, { referenceTime: format.referenceTime })?.format.name, format.name));
      for (const i of [0, 1, 1499, 2998, 2999]) await assertLands(file, lines, T0 + i * step, `${format.name} line ${i}`, format.referenceTime);
      await assertLands(file, lines, T0 + 1500 * step - 1, `${format.name} between lines`, format.referenceTime);
    });
  }

  it('RFC 3164 infers the year: December lines before January ones in a log written across New Year', async () => {
    const start = Date.UTC(2025, 11, 31, 23, 0, 0);
    const rows = Array.from({ length: 7200 }, (_, i) => ({ text: `${syslogDate(start + i * 1000)} host cron[1]: tick ${i}`, time: start + i * 1000 }));
    const { file, lines } = writeLines('newyear.log', rows);
    const referenceTime = Date.UTC(2026, 0, 1, 1, 0, 0); // the file's mtime
    for (const i of [0, 3599, 3600, 3601, 7199]) await assertLands(file, lines, start + i * 1000, `syslog line ${i}`, referenceTime);
    const result = await goTo(file, Date.UTC(2026, 0, 1, 0, 30), referenceTime);
    assert.equal(result.kind === 'found' && result.nonMonotonic, false);
  });

  it('RFC 3164 lines that end in December, opened in January (the mtime), are from the year before', async () => {
    const start = Date.UTC(2025, 11, 30, 12, 0, 0);
    const rows = Array.from({ length: 2000 }, (_, i) => ({ text: `${syslogDate(start + i * 1000)} host app: event ${i}`, time: start + i * 1000 }));
    const { file, lines } = writeLines('december.log', rows);
    for (const i of [0, 1000, 1999]) await assertLands(file, lines, start + i * 1000, `December line ${i}`, Date.UTC(2026, 0, 3));
  });

  it('a query is read as ISO 8601, a date, epoch seconds or milliseconds', () => {
    assert.equal(parseTimeQuery('2026-11-30T01:02:03Z'), T0);
    assert.equal(parseTimeQuery('2026-11-30 01:02:03'), T0);
    assert.equal(parseTimeQuery('2026-11-30T03:02:03+02:00'), T0);
    assert.equal(parseTimeQuery('2026-11-30'), Date.UTC(2026, 10, 30));
    assert.equal(parseTimeQuery(String(T0 / 1000)), T0);
    assert.equal(parseTimeQuery(String(T0)), T0);
    assert.equal(parseTimeQuery('yesterday'), undefined);
  });
});

describe('Go to Time on files it cannot search by halves', () => {
  it('a non-monotonic file (two rotated logs concatenated out of order) is said to be so, and a forward scan finds the first line in file order', async () => {
    const later = Array.from({ length: 4000 }, (_, i) => ({ text: `${iso(T0 + 86_400_000 + i * 1000)} later ${i}`, time: T0 + 86_400_000 + i * 1000 }));
    const earlier = Array.from({ length: 4000 }, (_, i) => ({ text: `${iso(T0 + i * 1000)} earlier ${i}`, time: T0 + i * 1000 }));
    const { file, lines } = writeLines('rotated.log', [...later, ...earlier]);
    for (const time of [T0 + 1000 * 1000, T0 + 86_400_000 + 2000 * 1000]) {
      const result = await goTo(file, time);
      assert.equal(result.kind === 'found' && result.nonMonotonic, true);
      assert.equal(result.kind === 'found' && result.offset, lines.find((l) => l.time! >= time)!.offset);
    }
    const latest = await goTo(file, T0 + 10 * 86_400_000);
    assert.deepEqual(latest.kind === 'found' && [latest.where, latest.offset], ['after-last', lines[3999].offset]);
  });

  it('an empty file has nothing to detect and nothing to go to', () => {
    const file = path.join(dir, 'empty.log');
    fs.writeFileSync(file, '');
    withSource(file, (source) => assert.equal(TimedLog.open(source), undefined));
  });

  it('a file without timestamps is not a timed log', () => {
    const { file } = writeLines('plain.txt', Array.from({ length: 1000 }, (_, i) => ({ text: `just text ${i} with 12:34 and 2026 in it` })));
    withSource(file, (source) => assert.equal(TimedLog.open(source), undefined));
  });

  it('a sparse 8 GiB log (a timestamped line every MiB) is searched in a logarithmic number of reads', async () => {
    const file = path.join(dir, 'sparse-8g.log');
    const size = 8 * GiB;
    const every = 1 << 20;
    // Each record starts a line ("\n" + timestamp) whose tail is the hole up to the next record.
    const markers: Record<number, string> = {};
    for (let k = 0; k < size / every; k++) markers[k * every] = `${k === 0 ? '' : '\n'}${iso(T0 + k * 1000)} record ${k}`;
    sparseFile(file, size, markers);
    const startOf = (k: number) => (k === 0 ? 0 : k * every + 1);
    try {
      for (const k of [0, 1, 4096, 5000, 8190, 8191]) {
        const result = await goTo(file, T0 + k * 1000 - 500);
        assert.equal(result.kind, 'found');
        if (result.kind !== 'found') continue;
        assert.equal(result.offset, startOf(k), `record ${k}`);
        // log2(8 GiB / 16 KiB) = 19 probes; each reads a few blocks (a line here is 1 MiB long).
        assert.ok(result.probes <= 20, `probes: ${result.probes}`);
        assert.ok(result.reads <= 20 * 12, `reads: ${result.reads}`);
        assert.ok(result.bytesRead <= 64 * 2 ** 20, `bytes read: ${result.bytesRead} of ${size}`);
        console.log(`  sparse 8 GiB, record ${k}: ${result.probes} probes, ${result.reads} reads, ${(result.bytesRead / 2 ** 20).toFixed(1)} MiB read`);
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

function syslogDate(ms: number): string {
  const d = new Date(ms);
  const month = d.toUTCString().slice(8, 11);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function clfDate(ms: number): string {
  // Written in -0700, as a server in that zone writes it.
  const d = new Date(ms - 7 * 3600_000);
  const month = d.toUTCString().slice(8, 11);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} -0700`;
}
