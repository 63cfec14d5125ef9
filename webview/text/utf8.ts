/**
 * UTF-8 character stepping that agrees with TextDecoder('utf-8', { fatal: false }):
 * an invalid or cut-off sequence is one U+FFFD covering its maximal subpart
 * (the WHATWG rule), so counting characters here and decoding with
 * TextDecoder give the same characters.
 */
export type ByteAt = (offset: number) => number;

/** Length in bytes (1–4) of the character starting at `p`, never reaching `end`. */
export function charLength(byteAt: ByteAt, p: number, end: number): number {
  const lead = byteAt(p);
  if (lead < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    need = 1;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    need = 2;
    if (lead === 0xe0) lo = 0xa0;
    else if (lead === 0xed) hi = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    need = 3;
    if (lead === 0xf0) lo = 0x90;
    else if (lead === 0xf4) hi = 0x8f;
  } else {
    return 1;
  }
  let length = 1;
  while (need > 0) {
    if (p + length >= end) return length;
    const next = byteAt(p + length);
    if (next < lo || next > hi) return length;
    lo = 0x80;
    hi = 0xbf;
    length++;
    need--;
  }
  return length;
}

/** Byte offsets where each character of bytes[0, length) starts, plus `length` at the end. */
export function charStarts(bytes: Uint8Array): number[] {
  const byteAt = (i: number) => bytes[i];
  const starts: number[] = [];
  let p = 0;
  while (p < bytes.length) {
    starts.push(p);
    p += charLength(byteAt, p, bytes.length);
  }
  starts.push(bytes.length);
  return starts;
}

export function isContinuationByte(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}
