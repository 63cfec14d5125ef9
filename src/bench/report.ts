import { formatBytes } from './engine';
import type { BenchReport, CaseResult, OpStats } from '../../shared/benchReport';

/** The report as text: the setting, one row per case, the scans, the guard cost and a conclusion. */
export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `HugeView benchmark — mmap vs pread (${report.mode}${report.partial ? ', PARTIAL' : ''})`,
    `file: ${report.file.path} (${formatBytes(report.file.size)}, ${report.file.size} bytes) on ${m.fsType}`,
    `machine: ${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB, ${m.os}, kernel ${m.kernel}, node ${m.node}`,
    `page-cache residency: before ${percent(report.residencyBefore)}, after ${percent(report.residencyAfter)}`,
    '',
    table(
      ['cache', 'pattern', 'block', 'mmap p50', 'mmap p99', 'mmap MB/s', 'pread p50', 'pread p99', 'pread MB/s', 'speed-up', 'winner'],
      report.cases.map(caseRow),
    ),
  ];
  const notes = [...new Set(report.cases.map((c) => c.note).filter((n): n is string => !!n))];
  for (const note of notes) lines.push(`note: ${note}`);
  if (report.scans.length) {
    lines.push('', 'full-file sequential scan, 1 MiB blocks:');
    for (const s of report.scans) {
      lines.push(`  ${s.backend.padEnd(5)} ${s.mbPerS.toLocaleString('en-US')} MB/s over ${formatBytes(s.bytes)}${s.complete ? '' : ' (time budget reached before the end)'}`);
    }
  }
  if (report.guard) {
    const g = report.guard;
    lines.push('', `fault guard cost at ${formatBytes(g.blockBytes)} hot reads: ${g.guardedNs} ns guarded vs ${g.unguardedNs} ns unguarded (${g.overheadPct >= 0 ? '+' : ''}${g.overheadPct}%)`);
  }
  if (report.error) lines.push('', `ended early: ${report.error.message}`);
  lines.push('', `conclusion: ${conclusion(report)}`);
  return lines.join('\n');
}

export function caseRow(c: CaseResult): string[] {
  const side = (s: OpStats | null) => (s ? [ns(s.p50Ns), ns(s.p99Ns), s.mbPerS.toLocaleString('en-US')] : ['—', '—', '—']);
  return [c.cache, c.pattern, formatBytes(c.blockBytes), ...side(c.mmap), ...side(c.pread), c.speedup === null ? '—' : `${c.speedup}×`, c.winner ?? '—'];
}

/** A conclusion written from the numbers: where each backend wins and by how much. */
export function conclusion(report: BenchReport): string {
  const measured = report.cases.filter((c) => c.speedup !== null && c.cache === 'warm');
  if (measured.length === 0) return 'no case measured both backends, so there is nothing to compare.';
  const best = measured.reduce((a, b) => (b.speedup! > a.speedup! ? b : a));
  const worst = measured.reduce((a, b) => (b.speedup! < a.speedup! ? b : a));
  const parts = [`mmap is ${best.speedup}× faster for ${label(best)} reads (warm cache)`];
  if (worst.speedup! < 1) parts.push(`pread is ${(1 / worst.speedup!).toFixed(1)}× faster for ${label(worst)} reads`);
  else parts.push(`mmap is never slower on a warm cache (smallest gap: ${worst.speedup}× for ${label(worst)})`);
  const cold = report.cases.filter((c) => c.cache === 'cold' && c.speedup !== null);
  if (cold.length) {
    const ratio = cold.map((c) => c.speedup!).sort((a, b) => a - b)[Math.floor(cold.length / 2)];
    parts.push(`on a cold cache the median speed-up is ${ratio}×: both mostly wait for the disk`);
  }
  const [mm, pr] = [report.scans.find((s) => s.backend === 'mmap'), report.scans.find((s) => s.backend === 'pread')];
  if (mm && pr) {
    const faster = mm.mbPerS >= pr.mbPerS ? mm : pr;
    const slower = faster === mm ? pr : mm;
    parts.push(`a full sequential scan runs at ${faster.mbPerS.toLocaleString('en-US')} MB/s through ${faster.backend} vs ${slower.mbPerS.toLocaleString('en-US')} MB/s through ${slower.backend}`);
  }
  return parts.join('; ') + '.';
}

function label(c: CaseResult): string {
  return `${c.pattern} ${formatBytes(c.blockBytes)}`;
}

function ns(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} µs` : `${value} ns`;
}

function percent(value: number | null): string {
  return value === null ? 'unknown' : `${(value * 100).toFixed(1)}%`;
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const HEADER = ['cache', 'pattern', 'block', 'mmap p50 ns', 'mmap p99 ns', 'mmap MB/s', 'pread p50 ns', 'pread p99 ns', 'pread MB/s', 'speed-up', 'winner'];

function numericRow(c: CaseResult): Array<string | number> {
  const side = (s: OpStats | null) => (s ? [s.p50Ns, s.p99Ns, s.mbPerS] : ['', '', '']);
  return [c.cache, c.pattern, c.blockBytes, ...side(c.mmap), ...side(c.pread), c.speedup ?? '', c.winner ?? ''];
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
    `### HugeView benchmark: mmap vs pread${report.partial ? ' (partial)' : ''}`,
    '',
    `- file: \`${report.file.path}\` — ${formatBytes(report.file.size)} on ${m.fsType}`,
    `- machine: ${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB, ${m.os}, kernel ${m.kernel}, Node ${m.node}`,
    `- mode: ${report.mode}, ${new Date(report.startedAt).toISOString()}, ${(report.durationMs / 1000).toFixed(1)} s; page-cache residency ${percent(report.residencyBefore)} before, ${percent(report.residencyAfter)} after`,
    '',
    `| ${['cache', 'pattern', 'block', 'mmap p50', 'mmap p99', 'mmap MB/s', 'pread p50', 'pread p99', 'pread MB/s', 'speed-up', 'winner'].join(' | ')} |`,
    `|${' --- |'.repeat(3)}${' ---: |'.repeat(8)}`,
    ...rows,
  ];
  const notes = [...new Set(report.cases.map((c) => c.note).filter((n): n is string => !!n))];
  if (notes.length) lines.push('', ...notes.map((n) => `> ${n}`));
  if (report.scans.length) lines.push('', ...report.scans.map((s) => `- full scan through ${s.backend}: ${s.mbPerS.toLocaleString('en-US')} MB/s over ${formatBytes(s.bytes)}${s.complete ? '' : ' (stopped at the time budget)'}`));
  if (report.guard) lines.push(`- fault guard at 4 KiB: ${report.guard.guardedNs} ns vs ${report.guard.unguardedNs} ns unguarded (${report.guard.overheadPct}%)`);
  if (report.error) lines.push('', `**Ended early:** ${report.error.message}`);
  lines.push('', `**Conclusion:** ${conclusion(report)}`);
  return lines.join('\n') + '\n';
}

/** One row per case, numbers unformatted (ns, MB/s), for spreadsheets. */
export function toCsv(report: BenchReport): string {
  const quote = (v: string | number) => (typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [[...HEADER, 'note'].join(',')];
  for (const c of report.cases) lines.push([...numericRow(c), c.note ?? ''].map(quote).join(','));
  for (const s of report.scans) lines.push(['warm', 'full-scan', 1 << 20, ...(s.backend === 'mmap' ? ['', '', s.mbPerS, '', '', ''] : ['', '', '', '', '', s.mbPerS]), '', '', s.complete ? '' : 'stopped at the time budget'].map(quote).join(','));
  return lines.join('\n') + '\n';
}
