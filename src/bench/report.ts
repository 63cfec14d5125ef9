import { formatBytes } from './engine';
import type { BenchReport, CaseResult, InPlaceResult, OpStats } from '../../shared/benchReport';
import { ADAPTIVE_BAR, P99_MIN_OPS, SEED_GO_NS, formatNs, formatRate, formatSpeedup } from '../../shared/benchFormat';

/** The report as text: the setting, one row per case, the scans, the guard cost and a conclusion. */
export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `HugeView benchmark — mmap vs pread vs adaptive (${report.mode}${report.partial ? ', PARTIAL' : ''})`,
    `file: ${report.file.path} (${formatBytes(report.file.size)}, ${report.file.size} bytes) on ${m.fsType}`,
    `machine: ${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB, ${m.os}, kernel ${m.kernel}, node ${m.node}`,
    `page-cache residency: before ${percent(report.residencyBefore)}, after ${percent(report.residencyAfter)}`,
    '',
    table(CASE_HEADER, report.cases.map(caseRow)),
  ];
  const notes = [...new Set(report.cases.map((c) => c.note).filter((n): n is string => !!n))];
  for (const note of notes) lines.push(`note: ${note}`);
  if (report.inPlace?.length) {
    lines.push('', `in place (the seed's case): ${report.inPlace[0].recordBytes} B records folded natively, nothing copied into JavaScript; per record:`);
    const rows = report.inPlace.map(inPlaceRow);
    rows.push(['seed (Go)', `${formatNs(SEED_GO_NS.slice)} (slice)`, '—', `${formatNs(SEED_GO_NS.readerAt)} (ReaderAt)`, '—', formatSpeedup(SEED_GO_NS.readerAt / SEED_GO_NS.slice)]);
    lines.push(table(IN_PLACE_HEADER, rows).replace(/^/gm, '  '));
  }
  if (report.scans.length) {
    lines.push('', 'full-file sequential scan, 1 MiB blocks:');
    for (const s of report.scans) {
      lines.push(`  ${s.backend.padEnd(5)} ${formatRate(s.mbPerS)} MB/s over ${formatBytes(s.bytes)}${s.complete ? '' : ' (time budget reached before the end)'}`);
    }
  }
  if (report.guard) {
    const g = report.guard;
    lines.push('', `fault guard cost at ${formatBytes(g.blockBytes)} hot reads: ${formatNs(g.guardedNs)} guarded vs ${formatNs(g.unguardedNs)} unguarded (${g.overheadPct >= 0 ? '+' : ''}${g.overheadPct}%)`);
  }
  if (report.error) lines.push('', `ended early: ${report.error.message}`);
  lines.push('', `conclusion: ${conclusion(report)}`);
  return lines.join('\n');
}

const CASE_HEADER = ['cache', 'pattern', 'block', 'mmap p50', 'mmap p99', 'mmap MB/s', 'pread p50', 'pread p99', 'pread MB/s', 'adaptive p50', 'adaptive p99', 'adaptive/best', 'speed-up', 'winner'];
const IN_PLACE_HEADER = ['pattern', 'in place p50', 'in place p99', 'pread + fold p50', 'pread + fold p99', 'speed-up'];

export function caseRow(c: CaseResult): string[] {
  const side = (s: OpStats | null) => (s ? [formatNs(s.p50Ns), p99(s), formatRate(s.mbPerS)] : ['—', '—', '—']);
  const adaptive = c.adaptive ? [formatNs(c.adaptive.p50Ns), p99(c.adaptive), c.adaptiveVsBest == null ? '—' : formatSpeedup(c.adaptiveVsBest)] : ['—', '—', '—'];
  return [c.cache, c.pattern, formatBytes(c.blockBytes), ...side(c.mmap), ...side(c.pread), ...adaptive, c.speedup === null ? '—' : formatSpeedup(c.speedup), c.winner ?? '—'];
}

export function inPlaceRow(r: InPlaceResult): string[] {
  const side = (s: OpStats | null) => (s ? [formatNs(s.p50Ns), p99(s)] : ['—', '—']);
  return [`${r.pattern} ${formatBytes(r.recordBytes)}`, ...side(r.inPlace), ...side(r.pread), r.speedup === null ? '—' : formatSpeedup(r.speedup)];
}

/** The p99, with the number of reads when there were too few for a real 99th percentile. */
export function p99(s: OpStats): string {
  return s.ops < P99_MIN_OPS ? `${formatNs(s.p99Ns)} (n=${s.ops})` : formatNs(s.p99Ns);
}

/** Why pread wins a case, by what the case does. */
function whyPreadWins(c: CaseResult): string {
  if (c.cache === 'cold' && c.pattern === 'random') return 'a mapping advised random faults its pages in one at a time, while pread asks the disk for the whole block in one request';
  if (c.cache === 'cold') return 'the mapping faults on the first touch of each page, while pread reads the block in one system call';
  return 'the copy dominates both at this size, and the mapping adds page-table work';
}

/** A conclusion written from the numbers: where each backend wins, by how much, and why pread wins where it does. */
export function conclusion(report: BenchReport): string {
  const measured = report.cases.filter((c) => c.speedup !== null);
  if (measured.length === 0) return 'no case measured both backends, so there is nothing to compare.';
  const parts: string[] = [];
  const warm = measured.filter((c) => c.cache === 'warm');
  if (warm.length) {
    const best = warm.reduce((a, b) => (b.speedup! > a.speedup! ? b : a));
    parts.push(best.speedup! > 1 ? `mmap is ${formatSpeedup(best.speedup!)} faster for ${label(best)} reads (warm cache)` : `mmap is never faster on a warm cache`);
  }
  const preadWins = measured.filter((c) => c.winner === 'pread').sort((a, b) => a.speedup! - b.speedup!);
  if (preadWins.length === 0) {
    parts.push(`pread wins no case${measured.some((c) => c.cache === 'cold') ? ', warm or cold' : ''}`);
  } else {
    const reasons = new Map<string, CaseResult[]>();
    for (const c of preadWins) reasons.set(whyPreadWins(c), [...(reasons.get(whyPreadWins(c)) ?? []), c]);
    const groups = [...reasons].map(([why, cases]) => `${cases.map((c) => `${c.cache} ${label(c)} (${formatSpeedup(1 / c.speedup!)})`).join(', ')}: ${why}`);
    parts.push(`pread is faster in ${preadWins.length === 1 ? '1 case' : `${preadWins.length} cases`}: ${groups.join('; ')}`);
  }
  const cold = measured.filter((c) => c.cache === 'cold');
  if (cold.length) parts.push(`on a cold cache mmap wins ${cold.filter((c) => c.winner === 'mmap').length} of ${cold.length} cases, pread ${cold.filter((c) => c.winner === 'pread').length}`);
  const adaptive = measured.filter((c) => c.adaptiveVsBest != null);
  if (adaptive.length) {
    const worst = adaptive.reduce((a, b) => (b.adaptiveVsBest! < a.adaptiveVsBest! ? b : a));
    const short = adaptive.filter((c) => c.adaptiveVsBest! < ADAPTIVE_BAR);
    parts.push(short.length === 0
      ? `the adaptive read (the viewer's: the mapping when the pages are resident, else one pread) is at least ${formatSpeedup(worst.adaptiveVsBest!)} the faster of the two in all ${adaptive.length} cases`
      : `the adaptive read falls below ${formatSpeedup(ADAPTIVE_BAR)} the faster of mmap and pread in ${short.length} of ${adaptive.length} cases: ${short.map((c) => `${c.cache} ${label(c)} (${formatSpeedup(c.adaptiveVsBest!)})`).join(', ')}`);
  }
  const inPlace = inPlaceSummary(report);
  if (inPlace) parts.push(inPlace);
  const [mm, pr] = [report.scans.find((s) => s.backend === 'mmap'), report.scans.find((s) => s.backend === 'pread')];
  if (mm && pr) {
    const faster = mm.mbPerS >= pr.mbPerS ? mm : pr;
    const slower = faster === mm ? pr : mm;
    parts.push(`a full sequential scan runs at ${formatRate(faster.mbPerS)} MB/s through ${faster.backend} vs ${formatRate(slower.mbPerS)} MB/s through ${slower.backend}`);
  }
  return parts.join('; ') + '.';
}

/** The in-place figures beside the seed's, and why JavaScript cannot have them. */
function inPlaceSummary(report: BenchReport): string | undefined {
  const random = report.inPlace?.find((r) => r.pattern === 'random' && r.inPlace && r.pread);
  if (!random) return undefined;
  const sequential = report.inPlace!.find((r) => r.pattern === 'sequential' && r.inPlace);
  const copy = report.cases.find((c) => c.cache === 'warm' && c.pattern === 'random' && c.blockBytes === random.recordBytes && c.adaptive && c.pread);
  const seq = sequential ? `, ${formatNs(sequential.inPlace!.p50Ns)} sequential` : '';
  const js = copy
    ? `: it gets a copy per read, ${formatNs(copy.adaptive!.p50Ns)} per random ${formatBytes(random.recordBytes)} read through the adaptive read (${formatSpeedup(copy.pread!.p50Ns / copy.adaptive!.p50Ns)} pread)`
    : ': it gets a copy per read (the mmap and adaptive columns)';
  return `read in place, a native fold costs ${formatNs(random.inPlace!.p50Ns)} per random ${formatBytes(random.recordBytes)} record${seq}, vs ${formatNs(random.pread!.p50Ns)} by pread (${formatSpeedup(random.speedup!)}; the seed's Go benchmark: ${formatNs(SEED_GO_NS.slice)} slice vs ${formatNs(SEED_GO_NS.readerAt)} ReaderAt); ` +
    `JavaScript cannot read in place, because Electron's V8 memory cage forbids external ArrayBuffers over the mapping${js}`;
}

function label(c: CaseResult): string {
  return `${c.pattern} ${formatBytes(c.blockBytes)}`;
}

function percent(value: number | null): string {
  return value === null ? 'unknown' : `${(value * 100).toFixed(1)}%`;
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const HEADER = ['cache', 'pattern', 'block', 'mmap p50 ns', 'mmap p99 ns', 'mmap MB/s', 'pread p50 ns', 'pread p99 ns', 'pread MB/s', 'speed-up', 'winner', 'adaptive p50 ns', 'adaptive p99 ns', 'adaptive MB/s', 'adaptive vs best'];

function numericRow(c: CaseResult): Array<string | number> {
  const side = (s: OpStats | null | undefined) => (s ? [s.p50Ns, s.p99Ns, s.mbPerS] : ['', '', '']);
  return [c.cache, c.pattern, c.blockBytes, ...side(c.mmap), ...side(c.pread), c.speedup ?? '', c.winner ?? '', ...side(c.adaptive), c.adaptiveVsBest ?? ''];
}

/** The report as Markdown: the setting, the table (winners in bold), scans, guard cost, conclusion. */
export function toMarkdown(report: BenchReport): string {
  const m = report.machine;
  const rows = report.cases.map((c) => {
    const cells = caseRow(c);
    const bold = (i: number) => (cells[i] = `**${cells[i]}**`);
    if (c.winner === 'mmap') bold(3);
    if (c.winner === 'pread') bold(6);
    return `| ${cells.join(' | ')} |`;
  });
  const lines = [
    `### HugeView benchmark: mmap vs pread vs adaptive${report.partial ? ' (partial)' : ''}`,
    '',
    `- file: \`${report.file.path}\` — ${formatBytes(report.file.size)} on ${m.fsType}`,
    `- machine: ${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB, ${m.os}, kernel ${m.kernel}, Node ${m.node}`,
    `- mode: ${report.mode}, ${new Date(report.startedAt).toISOString()}, ${(report.durationMs / 1000).toFixed(1)} s; page-cache residency ${percent(report.residencyBefore)} before, ${percent(report.residencyAfter)} after`,
    '',
    `| ${CASE_HEADER.join(' | ')} |`,
    `|${' --- |'.repeat(3)}${' ---: |'.repeat(CASE_HEADER.length - 4)} --- |`,
    ...rows,
  ];
  const notes = [...new Set(report.cases.map((c) => c.note).filter((n): n is string => !!n))];
  if (notes.length) lines.push('', ...notes.map((n) => `> ${n}`));
  if (report.inPlace?.length) {
    lines.push('', `In place (the seed's case): ${report.inPlace[0].recordBytes}-byte records folded natively, nothing copied into JavaScript; time per record.`, '');
    lines.push(`| ${IN_PLACE_HEADER.join(' | ')} |`, `| --- |${' ---: |'.repeat(IN_PLACE_HEADER.length - 1)}`);
    for (const r of report.inPlace) lines.push(`| ${inPlaceRow(r).join(' | ')} |`);
    lines.push(`| seed (Go) | ${formatNs(SEED_GO_NS.slice)} (slice) | — | ${formatNs(SEED_GO_NS.readerAt)} (ReaderAt) | — | ${formatSpeedup(SEED_GO_NS.readerAt / SEED_GO_NS.slice)} |`);
  }
  if (report.scans.length) lines.push('', ...report.scans.map((s) => `- full scan through ${s.backend}: ${formatRate(s.mbPerS)} MB/s over ${formatBytes(s.bytes)}${s.complete ? '' : ' (stopped at the time budget)'}`));
  if (report.guard) lines.push(`- fault guard at 4 KiB: ${formatNs(report.guard.guardedNs)} vs ${formatNs(report.guard.unguardedNs)} unguarded (${report.guard.overheadPct}%)`);
  if (report.error) lines.push('', `**Ended early:** ${report.error.message}`);
  lines.push('', `**Conclusion:** ${conclusion(report)}`);
  return lines.join('\n') + '\n';
}

/** One row per case, numbers unformatted (ns, MB/s), for spreadsheets. */
export function toCsv(report: BenchReport): string {
  const quote = (v: string | number) => (typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [[...HEADER, 'note'].join(',')];
  for (const c of report.cases) lines.push([...numericRow(c), c.note ?? ''].map(quote).join(','));
  for (const r of report.inPlace ?? []) {
    const side = (s: OpStats | null) => (s ? [s.p50Ns, s.p99Ns, s.mbPerS] : ['', '', '']);
    lines.push(['warm', `in-place-${r.pattern}`, r.recordBytes, ...side(r.inPlace), ...side(r.pread), r.speedup ?? '', '', '', '', '', '', 'mmap columns: native fold in place, no copy; pread columns: pread + the same fold'].map(quote).join(','));
  }
  for (const s of report.scans) lines.push(['warm', 'full-scan', 1 << 20, ...(s.backend === 'mmap' ? ['', '', s.mbPerS, '', '', ''] : ['', '', '', '', '', s.mbPerS]), '', '', '', '', '', '', s.complete ? '' : 'stopped at the time budget'].map(quote).join(','));
  return lines.join('\n') + '\n';
}
