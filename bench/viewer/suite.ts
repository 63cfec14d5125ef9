// The viewer benchmark, run inside a real VS Code extension host by
// bench/viewer.mjs: open-to-first-rows, page round trips, go-to-offset jumps,
// and the extension host's anonymous memory while scrolling a 6 GiB file.
// Times are wall-clock ms: the host's clock before the command, the webview's
// clock when the rows went into its DOM (same machine, same clock).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HugeViewApi } from '../../src/testApi';
import { inWebviews, waitFor } from '../../test/integration/probe';
import { Marker } from '../../webview/core/testMarkers';

const GiB = 2 ** 30;
const now = () => performance.timeOrigin + performance.now();

interface Sample {
  p50: number;
  p99: number;
  min: number;
  max: number;
  n: number;
}

function summary(values: number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const round = (v: number) => Math.round(v * 10) / 10;
  return { p50: round(at(50)), p99: round(at(99)), min: round(sorted[0]), max: round(sorted[sorted.length - 1]), n: sorted.length };
}

function rssAnonKiB(): number {
  return Number(/RssAnon:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
}

async function view() {
  const [first] = await inWebviews((m) => ({
    ready: document.body.dataset[m.ready],
    firstPaintAt: Number(document.body.dataset[m.firstPaintAt]),
    navigationStart: Number(document.body.dataset[m.navigationStart]),
    scriptStart: Number(document.body.dataset[m.scriptStart]),
    initAt: Number(document.body.dataset[m.initAt]),
    cursorPaintedAt: Number(document.body.dataset[m.cursorPaintedAt]),
    cursor: Number(document.body.dataset[m.cursor]),
    // The script's own marks (webview/main.ts) and the frame's first contentful paint, as wall-clock ms.
    marks: Object.fromEntries(performance.getEntriesByType('mark').filter((e) => e.name.startsWith('hugeview:')).map((e) => [e.name.slice(9), performance.timeOrigin + e.startTime])),
    contentfulPaintAt: performance.getEntriesByName('first-contentful-paint').map((e) => performance.timeOrigin + e.startTime)[0],
    rows: [...document.querySelectorAll<HTMLElement>('.row[data-offset]')].map((r) => ({ offset: Number(r.dataset.offset), hex: (r.querySelector('.hex')?.textContent ?? r.querySelector('.text')?.textContent ?? '').replace(/\s+/g, '') })),
  }), Marker);
  return first;
}

function sparse(file: string, size: number): void {
  fs.writeFileSync(file, 'HEAD');
  fs.truncateSync(file, size);
}

export async function run(): Promise<void> {
  const out = process.env.HUGEVIEW_BENCH_OUT;
  if (!out) throw new Error('HUGEVIEW_BENCH_OUT is not set: run this through `npm run bench:viewer`');
  const rounds = Number(process.env.HUGEVIEW_BENCH_ROUNDS ?? 15);
  const jumps = Number(process.env.HUGEVIEW_BENCH_JUMPS ?? 200);
  const api = await vscode.extensions.getExtension<HugeViewApi>('hugeview.hugeview')!.activate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hugeview-viewer-bench-'));
  const files = { '1 MiB': path.join(dir, 'one.bin'), '10 GiB sparse': path.join(dir, 'ten.bin'), '6 GiB sparse': path.join(dir, 'six.bin') };
  fs.writeFileSync(files['1 MiB'], crypto.randomBytes(1 << 20)); // binary: opens in hex, like the sparse files
  sparse(files['10 GiB sparse'], 10 * GiB);
  sparse(files['6 GiB sparse'], 6 * GiB);
  const results: Record<string, unknown> = {};
  try {
    // 1. open → first rows in the DOM
    const open: Record<string, Sample> = {};
    const phases: Record<string, Record<string, Sample>> = {};
    for (const [label, file] of Object.entries(files).slice(0, 2)) {
      const samples: number[] = [];
      const frame: number[] = [];
      const script: number[] = [];
      const init: number[] = [];
      const paint: number[] = [];
      const scriptToRows: number[] = [];
      const scriptToPixels: number[] = [];
      const steps: Record<string, number[]> = {};
      const step = (name: string, from: number | undefined, to: number | undefined) => {
        if (from !== undefined && to !== undefined) (steps[name] ??= []).push(to - from);
      };
      for (let i = 0; i < rounds; i++) {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await new Promise((r) => setTimeout(r, 150));
        const t0 = now();
        await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'hugeview.viewer');
        const v = await waitFor('first rows', async () => {
          const s = await view();
          return s?.ready === '1' && s.rows.some((r) => r.offset === 0 && r.hex.length > 0) && s.contentfulPaintAt !== undefined ? s : undefined;
        });
        scriptToRows.push(v.firstPaintAt - v.scriptStart);
        scriptToPixels.push(v.contentfulPaintAt! - v.scriptStart);
        // The script's marks in the order they came, each step from the one before (script = line 1).
        const marks = Object.entries({ ...v.marks, 'first rows in the DOM': v.firstPaintAt, 'first contentful paint': v.contentfulPaintAt! }).sort((a, b) => a[1] - b[1]);
        marks.forEach(([name, at], i) => i > 0 && step(`  ${marks[i - 1][0]} → ${name}`, marks[i - 1][1], at));
        samples.push(v.firstPaintAt - t0);
        frame.push(v.navigationStart - t0);
        script.push(v.scriptStart - v.navigationStart);
        init.push(v.initAt - v.scriptStart);
        paint.push(v.firstPaintAt - v.initAt);
      }
      open[label] = summary(samples);
      phases[label] = {
        'command → webview frame starts': summary(frame),
        'frame start → our script runs': summary(script),
        'script → Init arrives': summary(init),
        'Init → first rows in the DOM': summary(paint),
        'our script → first rows in the DOM': summary(scriptToRows),
        ...Object.fromEntries(Object.entries(steps).map(([name, values]) => [name, summary(values)])),
        'our script → first rows painted (FCP)': summary(scriptToPixels),
      };
    }
    results.open = open;
    results.openPhases = phases;
    if (process.env.HUGEVIEW_BENCH_ONLY === 'open') return;

    // 2. page round trips (64 KiB) through the open editor, per backend
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(files['10 GiB sparse']), 'hugeview.viewer');
    await waitFor('editor', async () => (await view())?.ready === '1');
    const roundTrip: Record<string, Sample> = {};
    for (const backend of ['mmap', 'pread'] as const) {
      await api.measureRoundTrip(files['10 GiB sparse'], backend, 50); // warm-up
      roundTrip[backend] = summary(await api.measureRoundTrip(files['10 GiB sparse'], backend, 500));
    }
    results.pageRoundTrip = roundTrip;

    // 3. go-to-offset jumps to random offsets: the target row in the DOM, never a blank row
    const latencies: number[] = [];
    let blank = 0;
    let x = 0x1234567;
    const size = 10 * GiB;
    for (let i = 0; i < jumps; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const target = Math.floor(((x >>> 0) / 2 ** 32) * size);
      const t0 = now();
      await vscode.commands.executeCommand('hugeview.goToOffset', String(target));
      const v = await waitFor(`jump ${i}`, async () => {
        const s = await view();
        return s?.cursor === target ? s : undefined;
      });
      latencies.push(v.cursorPaintedAt - t0);
      if (v.rows.some((r) => r.offset < size && r.hex.length === 0)) blank++;
    }
    results.jumps = { ...summary(latencies), blankFrames: blank };

    // 4. extension host RssAnon while scrolling end to end through a 6 GiB file
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(files['6 GiB sparse']), 'hugeview.viewer');
    await waitFor('editor', async () => (await view())?.ready === '1');
    const before = rssAnonKiB();
    let peak = before;
    const steps = 1000;
    for (let i = 0; i <= steps; i++) {
      const target = Math.min(6 * GiB - 1, Math.floor((6 * GiB * i) / steps));
      await vscode.commands.executeCommand('hugeview.goToOffset', String(target));
      if (i % 20 === 0) {
        await waitFor(`scroll ${i}`, async () => (await view())?.cursor === target);
        peak = Math.max(peak, rssAnonKiB());
      }
    }
    const after = rssAnonKiB();
    results.memory = { rssAnonBeforeKiB: before, rssAnonAfterKiB: after, rssAnonPeakKiB: peak, growthMiB: Math.round(((peak - before) / 1024) * 10) / 10, steps };

    // 4b. follow mode: a log growing by 1,000-line batches every 100 ms (10,000 lines/s); from the
    // append to the batch's last line in the DOM (polled every 20 ms, so up to ~20 ms of the figure is the poll).
    {
      const log = path.join(dir, 'growing.log');
      fs.writeFileSync(log, 'start\n');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(log), 'hugeview.viewer');
      await waitFor('editor', async () => (await view())?.ready === '1');
      await vscode.commands.executeCommand('hugeview.follow', true);
      const written = new Map<number, number>();
      const seen = new Map<number, number>();
      let batch = 0;
      const writer = setInterval(() => {
        batch++;
        const lines: string[] = [];
        for (let i = 0; i < 1000; i++) lines.push(`batch ${batch} line ${i}${i === 999 ? ' END' : ''}`);
        fs.appendFileSync(log, lines.join('\n') + '\n');
        written.set(batch, now());
      }, 100);
      const lastRows = async () => (await inWebviews(() => [...document.querySelectorAll<HTMLElement>('.row')].map((r) => r.textContent ?? '')))[0] ?? [];
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline) {
        for (const text of await lastRows()) {
          const m = /batch (\d+) line 999 END/.exec(text);
          if (m && !seen.has(Number(m[1]))) seen.set(Number(m[1]), now());
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      clearInterval(writer);
      const latencies = [...written].filter(([b]) => seen.has(b)).map(([b, t]) => seen.get(b)! - t);
      results.follow = { ...summary(latencies), batches: written.size, seen: seen.size };
    }

    // 5. a big log: first rows before the index is done; Go to Line once it is
    const bigLog = process.env.HUGEVIEW_BENCH_LOG;
    if (bigLog) {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await new Promise((r) => setTimeout(r, 300));
      const t0 = now();
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(bigLog), 'hugeview.viewer');
      const first = await waitFor('first rows', async () => {
        const v = await view();
        return v?.ready === '1' && v.rows.length > 0 ? v : undefined;
      });
      const firstRowsMs = first.firstPaintAt - t0;
      const indexState = () => api.indexState(bigLog);
      const indexingWhenPainted = indexState() ? !indexState()!.done : true;
      await waitFor('the index', () => indexState()?.done, 10 * 60_000);
      const indexedMs = now() - t0;
      const total = indexState()!.newlines;
      const lineJumps: number[] = [];
      let y = 0x2468ace;
      for (let i = 0; i < 50; i++) {
        y ^= y << 13;
        y ^= y >>> 17;
        y ^= y << 5;
        const line = 1 + ((y >>> 0) % total);
        const before = (await view())?.cursorPaintedAt ?? 0;
        const j0 = now();
        await vscode.commands.executeCommand('hugeview.goToLine', String(line));
        const v = await waitFor(`line ${line}`, async () => {
          const s = await view();
          return s && s.cursorPaintedAt !== before && s.cursorPaintedAt >= j0 ? s : undefined;
        });
        lineJumps.push(v.cursorPaintedAt - j0);
      }
      const { size } = fs.statSync(bigLog);
      results.bigLog = { file: bigLog, size, lines: total, firstRowsMs: Math.round(firstRowsMs), indexingWhenPainted, indexedMs: Math.round(indexedMs), indexGBps: Math.round((size / (indexedMs / 1000) / 1e9) * 100) / 100, goToLine: summary(lineJumps), indexState: indexState() };
    }

    // 6. the benchmark command on a caller's file, to compare with `npm run bench` on the same file
    const compare = process.env.HUGEVIEW_BENCH_COMPARE_FILE;
    if (compare) {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(compare), 'hugeview.viewer');
      await waitFor('editor', async () => (await view())?.ready === '1');
      results.command = await vscode.commands.executeCommand('hugeview.benchmark', { uri: vscode.Uri.file(compare), mode: process.env.HUGEVIEW_BENCH_COMPARE_MODE ?? 'full', ifRunning: 'cancel' });
    }
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.writeFileSync(out, JSON.stringify(results, null, 2));
  }
}
