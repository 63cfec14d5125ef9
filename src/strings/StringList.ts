import type { StringEncodingName } from '../../shared/protocol/strings';
import { ENCODING_BIT } from './StringRuns';

/**
 * The strings of one scan, kept compactly on the host: offset (float64),
 * byte length (uint32) and encoding (uint8) per string, 13 bytes each, in
 * offset order, in arrays that double as they fill. The filter's result is
 * a list of indices (uint32) into them.
 */
export class StringList {
  private offsetArray = new Float64Array(1024);
  private lengthArray = new Uint32Array(1024);
  private encodingArray = new Uint8Array(1024);
  count = 0;

  /** Appends [offset, length, encoding bit, …]. */
  add(triples: Float64Array): void {
    const n = triples.length / 3;
    this.reserve(this.count + n);
    for (let i = 0; i < n; i++) {
      this.offsetArray[this.count] = triples[i * 3];
      this.lengthArray[this.count] = triples[i * 3 + 1];
      this.encodingArray[this.count] = triples[i * 3 + 2];
      this.count++;
    }
  }

  offset(i: number): number {
    return this.offsetArray[i];
  }

  length(i: number): number {
    return this.lengthArray[i];
  }

  encoding(i: number): StringEncodingName {
    const bit = this.encodingArray[i];
    return bit === ENCODING_BIT.utf16le ? 'utf16le' : bit === ENCODING_BIT.latin1 ? 'latin1' : 'ascii';
  }

  /** Bytes held. */
  get memoryBytes(): number {
    return this.offsetArray.byteLength + this.lengthArray.byteLength + this.encodingArray.byteLength;
  }

  private reserve(wanted: number): void {
    if (wanted <= this.offsetArray.length) return;
    let capacity = this.offsetArray.length;
    while (capacity < wanted) capacity *= 2;
    const grow = <T extends Float64Array | Uint32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old.subarray(0, this.count) as never);
      return next;
    };
    this.offsetArray = grow(this.offsetArray, (n) => new Float64Array(n));
    this.lengthArray = grow(this.lengthArray, (n) => new Uint32Array(n));
    this.encodingArray = grow(this.encodingArray, (n) => new Uint8Array(n));
  }
}

/** A string's characters from its bytes: one per byte (ASCII, Latin-1), or the low byte of each UTF-16 LE unit. */
export function decodeString(bytes: Uint8Array, encoding: StringEncodingName, maxChars: number): string {
  const step = encoding === 'utf16le' ? 2 : 1;
  const chars = Math.min(maxChars, Math.floor(bytes.length / step));
  let text = '';
  for (let i = 0; i < chars; i += 4096) {
    const part: number[] = [];
    for (let k = i; k < Math.min(chars, i + 4096); k++) part.push(bytes[k * step]);
    text += String.fromCharCode(...part);
  }
  return text;
}
