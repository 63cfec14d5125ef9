import { textRules, type TextRules } from './encoding';

/**
 * Line numbers for the text view's gutter. The host's line index answers
 * "which line holds this offset?" for the part it has counted; the view asks
 * once per top row and counts newlines in the bytes it shows for the rest.
 * While the index has not reached the top row, the gutter shows byte offsets.
 */
export class LineNumbers {
  private readonly known = new Map<number, number | null>();
  private readonly asking = new Set<number>();
  private progress = { scannedTo: 0, newlines: 0, done: false, size: 0 };

  constructor(
    private readonly ask: (offset: number) => Promise<{ line: number | null }>,
    private readonly changed: () => void,
  ) {}

  /** The 0-based line holding `offset`, if known now; asks the host otherwise and calls changed() when it answers. */
  lineAt(offset: number): number | undefined {
    const line = this.known.get(offset);
    if (line !== undefined && line !== null) return line;
    if (line === null || this.asking.has(offset)) return undefined;
    this.asking.add(offset);
    this.ask(offset).then(
      ({ line: answer }) => {
        this.asking.delete(offset);
        if (this.known.size > 512) this.known.clear();
        this.known.set(offset, answer);
        if (answer !== null) this.changed();
      },
      () => this.asking.delete(offset),
    );
    return undefined;
  }

  /** The index moved on: offsets it had not reached may be answerable now. */
  indexProgress(progress: { scannedTo: number; newlines: number; done: boolean; size: number }): void {
    this.progress = progress;
    let retry = false;
    for (const [offset, line] of this.known) {
      if (line === null && offset <= progress.scannedTo) {
        this.known.delete(offset);
        retry = true;
      }
    }
    if (retry) this.changed();
  }

  /** The file changed under the index (shrank or was rewritten): forget everything. */
  reset(): void {
    this.known.clear();
  }

  /** 0..1 of the file counted, and whether counting is done. */
  get indexed(): { fraction: number; done: boolean } {
    return { fraction: this.progress.size ? this.progress.scannedTo / this.progress.size : 1, done: this.progress.done };
  }
}

/**
 * Gutter labels for rows that follow each other: the 1-based line number on
 * rows that start a line, '' on wrapped continuation rows; undefined for all
 * when the top row's line is unknown.
 */
export function rowLineNumbers(
  rows: { start: number; bytes: Uint8Array }[],
  topLine: number | undefined,
  unitBeforeTop: Uint8Array | undefined,
  rules: TextRules = textRules('utf-8'),
): Array<number | ''> | undefined {
  if (topLine === undefined || rows.length === 0) return undefined;
  const unit = rules.unit;
  const endsWithNewline = (bytes: Uint8Array, base: number) =>
    bytes.length >= unit && rules.isNewline((i) => bytes[i - base], base + bytes.length - unit, base + bytes.length);
  const labels: Array<number | ''> = [];
  let line = topLine;
  let startsLine = rows[0].start === 0 || (unitBeforeTop !== undefined && endsWithNewline(unitBeforeTop, rows[0].start - unit));
  for (const row of rows) {
    labels.push(startsLine ? line + 1 : '');
    const byteAt = (i: number) => row.bytes[i - row.start];
    const end = row.start + row.bytes.length;
    for (let p = row.start; p < end; p += unit) if (rules.isNewline(byteAt, p, end)) line++;
    startsLine = endsWithNewline(row.bytes, row.start);
  }
  return labels;
}
