// The benchmark report panel: renders reports from the host with DOM calls
// and textContent only, and asks the host to export them.
import './report.css';
import type { BenchReport, CaseResult, OpStats } from '../../shared/benchReport';
import { Messenger } from '../../shared/rpc';
import { ClearHistory, ExportReport, ReportReady, ShowReports, type ReportEntry } from '../../shared/protocol/bench';
import { ADAPTIVE_BAR, P99_MIN_OPS, SEED_GO_NS, formatNs, formatRate, formatSpeedup } from '../../shared/benchFormat';
import { speedupChart } from './chart';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };
const vscode = acquireVsCodeApi();
const messenger = new Messenger({
  post: (m) => vscode.postMessage(m),
  listen: (receiver) => {
    const handler = (event: MessageEvent) => receiver(event.data);
    window.addEventListener('message', handler);
    return () => window.removeEventListener('message', handler);
  },
});
const root = document.getElementById('report')!;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: { class?: string; text?: string } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const child of children) node.appendChild(child);
  return node;
}

const bytes = (n: number) => (n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(2)} GiB` : n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} B`);
const pct = (v: number | null) => (v === null ? 'unknown' : `${(v * 100).toFixed(1)}%`);
const num = (v: number) => v.toLocaleString('en-US');

function setting(report: BenchReport): HTMLElement {
  const m = report.machine;
  const list = h('dl', { class: 'setting' });
  const add = (term: string, value: string) => list.append(h('dt', { text: term }), h('dd', { text: value }));
  add('File', `${report.file.path} — ${bytes(report.file.size)} (${num(report.file.size)} bytes)`);
  add('File system', m.fsType);
  add('CPU', `${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB RAM`);
  add('OS', `${m.os}, kernel ${m.kernel}, Node ${m.node}`);
  add('Page cache', `${pct(report.residencyBefore)} of the file resident before, ${pct(report.residencyAfter)} after`);
  add('Run', `${report.mode}, ${new Date(report.startedAt).toLocaleString()}, ${(report.durationMs / 1000).toFixed(1)} s`);
  return list;
}

/**
 * One row per case. The case is one cell ("cold random 1 MiB"); the MB/s
 * columns give way first in a narrow pane, then the Adaptive column (the
 * conclusion above the table still names every case where it falls short)
 * (report.css); no cell wraps.
 * A p99 over fewer than P99_MIN_OPS reads is marked with its n.
 */
function table(cases: CaseResult[]): HTMLElement {
  const th = (text: string, cls = '', span?: { col?: number; row?: number }) => {
    const cell = h('th', { class: cls, text });
    if (span?.col) cell.colSpan = span.col;
    if (span?.row) cell.rowSpan = span.row;
    return cell;
  };
  const head = h('thead', {},
    h('tr', {}, th('Case', '', { row: 2 }), th('mmap', 'group', { col: 2 }), th('pread', 'group', { col: 2 }), th('Adaptive', 'num adaptive', { row: 2 }), th('Speed-up', 'num', { row: 2 }), th('Winner', '', { row: 2 }), th('mmap MB/s', 'num rate', { row: 2 }), th('pread MB/s', 'num rate', { row: 2 })),
    h('tr', {}, th('p50', 'num'), th('p99', 'num'), th('p50', 'num'), th('p99', 'num')));
  const body = h('tbody');
  let few = false;
  let cache = '';
  for (const c of cases) {
    if (c.cache !== cache) {
      cache = c.cache;
      // The Adaptive column's share of the span is a cell of its own, so the span shrinks with it in a narrow pane.
      body.appendChild(h('tr', { class: 'cache' }, th(`${cache === 'warm' ? 'Warm' : 'Cold'} cache`, '', { col: 9 }), h('td', { class: 'adaptive' })));
    }
    const times = (s: OpStats | null, wins: boolean) => {
      const p99 = h('td', { class: 'num', text: s ? formatNs(s.p99Ns) : '—' });
      if (s && s.ops < P99_MIN_OPS) {
        few = true;
        p99.appendChild(h('sup', { text: `n=${s.ops}` }));
        p99.title = `${s.ops} reads: too few for a 99th percentile (this is the slowest one)`;
      }
      return [h('td', { class: `num${wins ? ' winner' : ''}`, text: s ? formatNs(s.p50Ns) : '—' }), p99];
    };
    const rate = (s: OpStats | null) => h('td', { class: 'num rate', text: s ? formatRate(s.mbPerS) : '—' });
    // The viewer's own read: its p50, flagged when below ADAPTIVE_BAR × the faster way; the ratio in the tooltip.
    const adaptive = h('td', { class: `num adaptive${c.adaptiveVsBest != null && c.adaptiveVsBest < ADAPTIVE_BAR ? ' short' : ''}`, text: c.adaptive ? formatNs(c.adaptive.p50Ns) : '—' });
    if (c.adaptive) adaptive.title = `adaptive p99 ${formatNs(c.adaptive.p99Ns)}; ${c.adaptiveVsBest != null ? formatSpeedup(c.adaptiveVsBest) : '—'} the faster of mmap and pread; ${Math.round((c.adaptivePreadShare ?? 0) * 100)}% of its reads took pread`;
    const row = h('tr', {}, h('td', { text: `${c.pattern} ${bytes(c.blockBytes)}` }), ...times(c.mmap, c.winner === 'mmap'), ...times(c.pread, c.winner === 'pread'), adaptive,
      h('td', { class: 'num', text: c.speedup === null ? '—' : formatSpeedup(c.speedup) }), h('td', { class: c.winner ? `win-${c.winner}` : '', text: c.winner ?? (c.note ? 'not measured' : '—') }), rate(c.mmap), rate(c.pread));
    if (c.note) row.title = c.note;
    body.appendChild(row);
  }
  const wrap = h('div', { class: 'table-frame' }, h('table', { class: 'cases' }, head, body));
  if (few) wrap.appendChild(h('p', { class: 'footnote', text: `n = reads measured, where fewer than ${P99_MIN_OPS}: that p99 is the slowest read.` }));
  return wrap;
}

function history(entries: ReportEntry[]): HTMLElement {
  const reports = entries.map((e) => e.report);
  const head = h('tr', {}, h('th', { text: 'Case' }), ...reports.map((r, i) => h('th', { class: 'num', text: `${i === 0 ? 'this run' : new Date(r.startedAt).toLocaleString()} (${r.mode})` })));
  const body = h('tbody');
  for (const c of reports[0].cases) {
    const key = (x: CaseResult) => x.cache === c.cache && x.pattern === c.pattern && x.blockBytes === c.blockBytes;
    body.appendChild(h('tr', {}, h('td', { text: `${c.cache} ${c.pattern} ${bytes(c.blockBytes)}` }), ...reports.map((r) => {
      const match = r.cases.find(key);
      return h('td', { class: 'num', text: match?.speedup != null ? formatSpeedup(match.speedup) : '—' });
    })));
  }
  return h('div', { class: 'table-frame' }, h('table', { class: 'history' }, h('thead', {}, head), body));
}

const METHOD = [
  'mmap: the native addon maps the whole file read-only (MAP_SHARED) and copies each block out of the mapping into a JavaScript Uint8Array, under a fault guard that turns a vanished page into an error instead of a crash.',
  'pread: fs.readSync(fd, buffer, 0, length, position) into the same kind of Uint8Array — one system call per read.',
  'adaptive: the read the viewer uses. It copies out of the mapping when the pages are in the page cache (mincore, remembered per 64 pages for a second) and reads with one pread when they are not; its tooltip gives its ratio to the faster of mmap and pread (the bar is 0.95) and how many of its reads took pread.',
  'All three copy into JavaScript memory and fold one 32-bit word per 64-byte line of the copy into a checksum, so none can skip touching the data (returning a view of the mapping without copying would overstate mmap).',
  'hot: random 16-byte-aligned offsets inside a 64 KiB window; random: uniform over the whole file; sequential: consecutive blocks. Offsets come from a fixed-seed generator, so runs read the same offsets.',
  'warm: the file was read once through each backend first (the page cache and the mapping\'s page tables are filled). cold: the file\'s pages were dropped from the page cache (madvise DONTNEED + posix_fadvise DONTNEED, no root needed) before each backend\'s run; where that is impossible the row says why. The hot pattern re-reads its window, so only its first reads are cold.',
  'Warm cases run three alternating rounds per backend (mmap, pread, mmap, …) and keep each backend\'s least disturbed round (lowest p50): drift on a shared machine then cannot land on one backend only.',
  'Tiny reads are timed in batches of about 20 µs (the batch size is in the JSON) so the clock\'s own cost does not dominate; p50 and p99 are over batches. Speed-up = pread p50 / mmap p50; within 5% is a tie.',
];

function render(entries: ReportEntry[], running?: string): void {
  root.replaceChildren();
  if (running) root.appendChild(h('p', { class: 'running', text: `Running: ${running}` }));
  if (entries.length === 0) {
    root.appendChild(h('p', { text: 'No benchmark yet.' }));
    return;
  }
  const { report, conclusion } = entries[0];
  const title = h('h1', { text: `mmap vs pread — ${report.file.path.split(/[\\/]/).pop()}` });
  if (report.partial) title.appendChild(h('span', { class: 'badge', text: 'partial' }));
  const actions = h('div', { class: 'actions' });
  for (const [label, format] of [['Copy as Markdown', 'markdown'], ['Save as JSON', 'json'], ['Save as CSV', 'csv']] as const) {
    const button = h('button', { text: label });
    button.addEventListener('click', () => messenger.notify(ExportReport, { index: 0, format }));
    actions.appendChild(button);
  }
  root.append(title, actions);
  if (report.error) root.appendChild(h('p', { class: 'error', text: `Ended early: ${report.error.message}` }));
  root.append(h('p', { class: 'conclusion', text: conclusion }), setting(report), h('h2', { text: 'Speed-up per case' }), speedupChart(report.cases), h('h2', { text: 'Every case' }), table(report.cases));
  const extras = h('ul', { class: 'extras' });
  for (const s of report.scans) extras.appendChild(h('li', { text: `Full-file sequential scan through ${s.backend}: ${formatRate(s.mbPerS)} MB/s over ${bytes(s.bytes)}${s.complete ? '' : ' (stopped at the time budget)'}` }));
  for (const r of report.roundTrip ?? []) extras.appendChild(h('li', { text: `Viewer page round trip (webview asks → host reads → webview has 64 KiB) through ${r.backend}: p50 ${formatNs(r.p50Ms * 1e6)}, p99 ${formatNs(r.p99Ms * 1e6)} over ${r.pages} pages` }));
  if (!report.roundTrip?.length) extras.appendChild(h('li', { text: 'Viewer page round trip: not measured (open the file in HugeView and run the benchmark from its title bar).' }));
  for (const r of report.inPlace ?? []) {
    if (!r.inPlace || !r.pread) continue;
    extras.appendChild(h('li', { text: `In place (the seed's case), ${r.pattern} ${bytes(r.recordBytes)} records folded natively, nothing copied into JavaScript: ${formatNs(r.inPlace.p50Ns)} per record vs ${formatNs(r.pread.p50Ns)} by pread + the same fold (${r.speedup === null ? '—' : formatSpeedup(r.speedup)})` }));
  }
  if (report.inPlace?.length) extras.appendChild(h('li', { text: `The seed's Go benchmark: ${formatNs(SEED_GO_NS.slice)} per 16 B record from the mapped slice vs ${formatNs(SEED_GO_NS.readerAt)} through ReaderAt. JavaScript cannot read in place: Electron's V8 memory cage refuses external ArrayBuffers, so every read copies into JavaScript memory (the Adaptive column).` }));
  if (report.guard) extras.appendChild(h('li', { text: `Fault guard cost at 4 KiB: ${formatNs(report.guard.guardedNs)} guarded vs ${formatNs(report.guard.unguardedNs)} unguarded (${report.guard.overheadPct}%)` }));
  root.append(h('h2', { text: 'Also measured' }), extras);
  if (entries.length > 1) {
    const clear = h('button', { class: 'secondary', text: 'Forget Earlier Runs' });
    clear.addEventListener('click', () => messenger.notify(ClearHistory, {}));
    root.append(h('h2', { text: 'Earlier runs on this file (speed-up)' }), history(entries), clear);
  }
  const method = h('ul', { class: 'method' });
  for (const line of METHOD) method.appendChild(h('li', { text: line }));
  root.append(h('h2', { text: 'Methodology' }), method);
}

messenger.onNotification(ShowReports, ({ entries, running }) => render(entries, running));
messenger.notify(ReportReady, {});
