/**
 * Printable runs in JavaScript, the same rules as native/printable_runs.cc
 * (binutils `strings -n N`: `-e s` tab and 0x20..0x7E, `-e S` those and
 * 0x80..0xFF, `-e l` 16-bit little-endian units 0x0009 and 0x0020..0x007E at
 * any byte offset). Bytes stream through in chunks that may split anywhere.
 * The pread backend's worker uses it.
 */
export const ENCODING_BIT = { ascii: 1, latin1: 2, utf16le: 4 } as const;

interface Found {
  offset: number;
  length: number;
  encoding: number;
}

export class StringRuns {
  private readonly graphic = new Uint8Array(256);
  private readonly ascii = new Uint8Array(256);
  private readonly min: number;
  private readonly single: number;
  private readonly utf16: boolean;
  private run = 0;
  private even = 0;
  private odd = 0;
  private prev = -1;
  private pending: Found[] = [];
  count = 0;

  constructor(minLength: number, encodings: number, public position: number) {
    this.min = Math.max(1, minLength);
    this.single = encodings & ENCODING_BIT.latin1 ? ENCODING_BIT.latin1 : encodings & ENCODING_BIT.ascii ? ENCODING_BIT.ascii : 0;
    this.utf16 = (encodings & ENCODING_BIT.utf16le) !== 0;
    for (let c = 0; c < 256; c++) {
      this.ascii[c] = c === 9 || (c >= 0x20 && c <= 0x7e) ? 1 : 0;
      this.graphic[c] = this.ascii[c] || (this.single === ENCODING_BIT.latin1 && c >= 0x80) ? 1 : 0;
    }
  }

  private emit(offset: number, length: number, encoding: number): void {
    this.pending.push({ offset, length, encoding });
    this.count++;
  }

  /** Bytes data[start, end), continuing at this.position. */
  feed(data: Uint8Array, start: number, end: number): void {
    const { graphic, ascii, min, single, utf16 } = this;
    let { run, even, odd, prev } = this;
    const base = this.position - start;
    for (let i = start; i < end; i++) {
      const c = data[i];
      const at = base + i;
      if (single) {
        if (graphic[c]) run++;
        else {
          if (run >= min) this.emit(at - run, run, single);
          run = 0;
        }
      }
      if (utf16) {
        // The unit (prev, c) starting at at - 1.
        const g = prev >= 0 && ascii[prev] === 1 && c === 0;
        const parityOdd = ((at - 1) & 1) === 1;
        let units = parityOdd ? odd : even;
        if (!g && units >= min) this.emit(at - 1 - 2 * units, 2 * units, ENCODING_BIT.utf16le);
        units = g ? units + 1 : 0;
        if (parityOdd) odd = units;
        else even = units;
        prev = c;
      }
    }
    this.run = run;
    this.even = even;
    this.odd = odd;
    this.prev = prev;
    this.position = base + end;
  }

  /** Ends the input: the runs still open are complete. */
  finish(): void {
    if (this.single && this.run >= this.min) this.emit(this.position - this.run, this.run, this.single);
    if (this.utf16) {
      for (const back of [2, 3]) {
        if (this.position < back) continue;
        const last = this.position - back;
        const oddParity = (last & 1) === 1;
        const units = oddParity ? this.odd : this.even;
        if (units >= this.min) this.emit(last + 2 - 2 * units, 2 * units, ENCODING_BIT.utf16le);
        if (oddParity) this.odd = 0;
        else this.even = 0;
      }
    }
    this.run = 0;
  }

  /** Moves the strings no open run can precede into `out` ([offset, length, encoding, …]), by offset. */
  flush(out: number[], all: boolean): void {
    if (this.pending.length === 0) return;
    let cutoff = Infinity;
    if (!all) {
      if (this.single && this.run > 0) cutoff = Math.min(cutoff, this.position - this.run);
      if (this.utf16) {
        for (const back of [2, 3]) {
          if (this.position < back) continue;
          const units = ((this.position - back) & 1) === 1 ? this.odd : this.even;
          if (units > 0) cutoff = Math.min(cutoff, this.position - back + 2 - 2 * units);
        }
      }
    }
    this.pending.sort((a, b) => a.offset - b.offset); // stable: equal offsets keep their order
    let n = 0;
    while (n < this.pending.length && this.pending[n].offset < cutoff) {
      const f = this.pending[n++];
      out.push(f.offset, f.length, f.encoding);
    }
    this.pending = this.pending.slice(n);
  }
}
