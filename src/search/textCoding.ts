import type { TextEncodingName } from '../../shared/types';

/**
 * How the search sees bytes as text: the view's encoding, or 'bytes' (each
 * byte one code unit, for hex patterns). Decoding keeps an exact map from
 * every code unit back to the byte it starts at, so a match's offsets are
 * byte offsets whatever the bytes are.
 */
export type SearchEncoding = TextEncodingName | 'bytes';

/** Windows-1252's 0x80..0x9F (the WHATWG table; the rest is Latin-1). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const CP1252 = Uint16Array.from({ length: 256 }, (_, b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b));
const CP1252_BYTE = new Map<number, number>(Array.from(CP1252, (unit, b) => [unit, b]));

/** Bytes per code unit's alignment: UTF-16 text starts at even offsets (the BOM, if any, is one unit). */
export function unitSize(encoding: SearchEncoding): 1 | 2 {
  return encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 1;
}

/** `text` in `encoding`, or undefined when a character cannot be written in it (Windows-1252). */
export function encodeText(text: string, encoding: SearchEncoding): Uint8Array | undefined {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const out = new Uint8Array(text.length * 2);
    const [lo, hi] = encoding === 'utf-16le' ? [0, 1] : [1, 0];
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      out[2 * i + lo] = unit & 0xff;
      out[2 * i + hi] = unit >> 8;
    }
    return out;
  }
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const byte = encoding === 'bytes' ? (unit < 256 ? unit : undefined) : CP1252_BYTE.get(unit);
    if (byte === undefined) return undefined;
    out[i] = byte;
  }
  return out;
}

/** A decoded chunk: `text`, and for each code unit index (and text.length) the byte offset it starts at. */
export interface DecodedChunk {
  text: string;
  byteAt(index: number): number;
  /** The first code unit index whose byte offset is at or after `byte`. */
  indexAt(byte: number): number;
}

/**
 * Decodes `bytes` as the view does, with an exact byte map. UTF-8: each
 * invalid byte is one U+FFFD at its own offset; UTF-16: `bytes` must start on
 * a code unit (a trailing odd byte is one U+FFFD).
 */
export function decodeChunk(bytes: Uint8Array, encoding: SearchEncoding): DecodedChunk {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return decodeUtf16(bytes, encoding === 'utf-16be');
  if (encoding === 'utf-8' && !isAscii(bytes)) return decodeUtf8(bytes);
  const units = encoding === 'windows-1252' ? Uint16Array.from(bytes, (b) => CP1252[b]) : undefined;
  const text = units ? unitsToString(units, units.length) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return { text, byteAt: (i) => i, indexAt: (b) => Math.min(b, text.length) };
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return false;
  return true;
}

function unitsToString(units: Uint16Array, length: number): string {
  return Buffer.from(units.buffer, units.byteOffset, length * 2).toString('utf16le');
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): DecodedChunk {
  const whole = bytes.length >> 1;
  const odd = bytes.length & 1;
  const units = new Uint16Array(whole + odd);
  for (let i = 0; i < whole; i++) units[i] = bigEndian ? (bytes[2 * i] << 8) | bytes[2 * i + 1] : bytes[2 * i] | (bytes[2 * i + 1] << 8);
  if (odd) units[whole] = 0xfffd;
  // Lone surrogates stay as they are: one code unit, two bytes, as the view's decoder sees them.
  const text = unitsToString(units, units.length);
  return {
    text,
    byteAt: (i) => Math.min(2 * i, bytes.length),
    indexAt: (b) => Math.min(Math.ceil(b / 2), text.length),
  };
}

function decodeUtf8(bytes: Uint8Array): DecodedChunk {
  const n = bytes.length;
  const units = new Uint16Array(n);
  const starts = new Int32Array(n + 1);
  let u = 0;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      starts[u] = i;
      units[u++] = b;
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = need > 0 && i + need < n;
    if (ok) {
      const b1 = bytes[i + 1];
      const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      ok = b1 >= lo && b1 <= hi;
      for (let k = 2; ok && k <= need; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    }
    if (!ok) {
      starts[u] = i;
      units[u++] = 0xfffd;
      i++;
      continue;
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) cp = (cp << 6) | (bytes[i + k] & 0x3f);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      starts[u] = i;
      units[u++] = 0xd800 | (cp >> 10);
      // The low surrogate maps to the same character: a match cannot start or end inside it.
      starts[u] = i;
      units[u++] = 0xdc00 | (cp & 0x3ff);
    } else {
      starts[u] = i;
      units[u++] = cp;
    }
    i += need + 1;
  }
  starts[u] = n;
  const text = unitsToString(units, u);
  const count = u;
  return {
    text,
    byteAt: (index) => {
      // The end of a match that stops after a high surrogate is the end of its character.
      if (index > 0 && index < count && starts[index] === starts[index - 1]) return starts[index + 1] ?? n;
      return starts[Math.min(index, count)];
    },
    indexAt: (byte) => {
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] < byte) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}
