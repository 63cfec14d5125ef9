import { formatSpeedup } from '../../shared/benchFormat';
import type { CaseResult } from '../../shared/benchReport';

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function blockLabel(bytes: number): string {
  return bytes >= 1 << 20 ? `${bytes / (1 << 20)} MiB` : bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`;
}

/**
 * Speed-up per case on a log scale around a drawn 1× line: bars to the right
 * mean mmap is faster, to the left pread is faster.
 */
export function speedupChart(cases: CaseResult[]): SVGSVGElement {
  const rows = cases.filter((c) => c.speedup !== null);
  const rowHeight = 18;
  const labelWidth = 170; // "warm sequential 64 KiB" at 11px
  const plotWidth = 360;
  const valueWidth = 70; // the values sit in their own column at the right: never over a label or a bar
  const top = 26;
  const height = top + rows.length * rowHeight + 24;
  const width = labelWidth + plotWidth + valueWidth;
  const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart' });
  svg.appendChild(el('title', {}, 'Speed-up of mmap over pread per case (log scale)'));
  const maxAbs = Math.max(1, ...rows.map((c) => Math.abs(Math.log10(c.speedup!))));
  const span = Math.ceil(maxAbs * 2) / 2; // decades each side, in half-decade steps
  const x = (speedup: number) => labelWidth + plotWidth / 2 + (Math.log10(speedup) / span) * (plotWidth / 2);
  // decade grid lines and labels
  for (let d = -Math.floor(span); d <= Math.floor(span); d++) {
    const value = 10 ** d;
    const gx = x(value);
    svg.appendChild(el('line', { x1: gx, x2: gx, y1: top - 6, y2: height - 20, class: d === 0 ? 'one' : 'grid' }));
    svg.appendChild(el('text', { x: gx, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, d === 0 ? '1×' : value >= 1 ? `${value}×` : `1/${1 / value}×`));
  }
  svg.appendChild(el('text', { x: labelWidth + plotWidth / 2 + 6, y: 12, class: 'axis' }, 'mmap faster →'));
  svg.appendChild(el('text', { x: labelWidth + plotWidth / 2 - 6, y: 12, class: 'axis', 'text-anchor': 'end' }, '← pread faster'));
  rows.forEach((c, i) => {
    const y = top + i * rowHeight;
    const x0 = x(1);
    const x1 = x(c.speedup!);
    svg.appendChild(el('text', { x: labelWidth - 8, y: y + rowHeight * 0.7, class: 'label', 'text-anchor': 'end' }, `${c.cache} ${c.pattern} ${blockLabel(c.blockBytes)}`));
    svg.appendChild(el('rect', { x: Math.min(x0, x1), y: y + 3, width: Math.max(1, Math.abs(x1 - x0)), height: rowHeight - 6, class: c.speedup! >= 1 ? 'bar mmap' : 'bar pread' }));
    svg.appendChild(el('text', { x: width - 4, y: y + rowHeight * 0.7, class: `value ${c.speedup! >= 1 ? 'mmap' : 'pread'}`, 'text-anchor': 'end' }, formatSpeedup(c.speedup!)));
  });
  return svg;
}
