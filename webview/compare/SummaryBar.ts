import { formatHexOffset, offsetDigits } from '../../shared/offsets';
import type { CompareSummary } from '../../shared/protocol/compare';
import { element } from '../core/dom';

const count = (n: number) => n.toLocaleString('en-US');
const bytes = (n: number) => `${count(n)} byte${n === 1 ? '' : 's'}`;

/** The sentence the summary line shows for `s` (exported for the unit test). */
export function summaryText(s: CompareSummary): string {
  const digits = offsetDigits(Math.max(s.leftSize, s.rightSize));
  const hex = (offset: number) => `0x${formatHexOffset(offset, digits)}`;
  const parts: string[] = [];
  if (s.error) parts.push(`The compare failed: ${s.error}`);
  else if (!s.done) {
    const percent = s.common === 0 ? 100 : Math.floor((s.comparedTo / s.common) * 100);
    parts.push(`${s.cancelled ? 'Cancelled at' : 'Comparing…'} ${percent}% (${bytes(s.comparedTo)} of ${bytes(s.common)})`);
  }
  if (s.differingBytes === 0) {
    if (s.done) parts.push(s.leftSize === s.rightSize ? 'The files are identical.' : `Equal in the ${bytes(s.common)} both files have.`);
    else parts.push('no difference so far');
  } else {
    parts.push(`${bytes(s.differingBytes)} ${s.differingBytes === 1 ? 'differs' : 'differ'} in ${count(s.ranges)} range${s.ranges === 1 ? '' : 's'}${s.done ? '' : ' so far'}`);
    if (s.firstDifference >= 0) parts.push(`first at ${hex(s.firstDifference)}`);
  }
  if (s.leftSize !== s.rightSize) {
    const longer = s.leftSize > s.rightSize ? 'Left' : 'Right';
    const tail = Math.abs(s.leftSize - s.rightSize);
    parts.push(`${longer} is ${bytes(tail)} longer: its tail ${hex(s.common)}–${hex(Math.max(s.leftSize, s.rightSize))} has nothing to compare with`);
  }
  return parts.join(' · ');
}

/** The line above the panes: counts, progress and Cancel, and what "byte for byte" means. */
export class SummaryBar {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly cancel: HTMLButtonElement;
  /** Hex ↔ Text, shown when both files look like text. */
  readonly modeButton: HTMLButtonElement;

  constructor(onCancel: () => void, onToggleMode: () => void) {
    this.element = element('div', 'compare-summary');
    const line = element('div', 'summary-line', this.element);
    this.text = element('span', 'summary-text', line);
    this.text.setAttribute('role', 'status');
    this.cancel = element('button', 'summary-cancel', line);
    this.cancel.textContent = 'Cancel';
    this.cancel.title = 'Stop the compare (the differences found so far stay)';
    this.cancel.addEventListener('click', onCancel);
    this.modeButton = element('button', 'summary-mode', line);
    this.modeButton.hidden = true;
    this.modeButton.addEventListener('click', onToggleMode);
    const note = element('div', 'summary-note', this.element);
    note.textContent =
      'Byte for byte at the same offsets: an inserted or deleted byte shows as a shift (every byte after it differs), not as an insertion. F7 / Shift+F7: next / previous difference.';
  }

  /** The mode button offers the other view than `mode` (hidden unless both files are text). */
  showMode(mode: 'hex' | 'text', available: boolean): void {
    this.modeButton.hidden = !available;
    this.modeButton.textContent = mode === 'hex' ? 'Show as Text' : 'Show as Hex';
  }

  show(summary: CompareSummary): void {
    this.text.textContent = summaryText(summary);
    this.cancel.hidden = summary.done || summary.cancelled || summary.error !== undefined;
    this.element.dataset.state = summary.error ? 'error' : summary.done ? 'done' : summary.cancelled ? 'cancelled' : 'running';
  }
}
