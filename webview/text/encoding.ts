import type { TextEncodingName } from '../../shared/types';
import { charLength as utf8CharLength, isContinuationByte, type ByteAt } from './utf8';

/**
 * How the text view steps through characters and finds line ends in one
 * encoding. Offsets are file offsets; UTF-16 characters start at even
 * offsets (the BOM, if any, is a character of its own at 0).
 */
export interface TextRules {
  readonly name: TextEncodingName;
  /** Bytes per code unit: 1, or 2 for UTF-16. */
  readonly unit: 1 | 2;
  /** Length in bytes of the character starting at `p`, never reaching past `end`. */
  charLength(byteAt: ByteAt, p: number, end: number): number;
  /** True when no character can start at `p` (inside a multi-byte sequence). */
  isInside(byteAt: ByteAt, p: number): boolean;
  /**
   * True when the character at `p` ends a line: LF, or a CR not followed by
   * LF (classic Mac; the CR of a CRLF is not, its LF is), as VS Code and the
   * host's line index count lines. A CR as the last unit before `end` ends one.
   */
  isNewline(byteAt: ByteAt, p: number, end: number): boolean;
  decode(bytes: Uint8Array): string;
}

const NEWLINE = 0x0a;
const CR = 0x0d;

/** The byte rule (UTF-8, Windows-1252): LF, or a CR whose next byte is not LF. */
function byteEndsLine(byteAt: ByteAt, p: number, end: number): boolean {
  const b = byteAt(p);
  return b === NEWLINE || (b === CR && (p + 1 >= end || byteAt(p + 1) !== NEWLINE));
}

function decoder(label: string): TextDecoder {
  return new TextDecoder(label, { fatal: false, ignoreBOM: true });
}

const utf8: TextRules = (() => {
  const d = decoder('utf-8');
  return {
    name: 'utf-8',
    unit: 1,
    charLength: utf8CharLength,
    isInside: (byteAt, p) => isContinuationByte(byteAt(p)),
    isNewline: byteEndsLine,
    decode: (bytes) => d.decode(bytes),
  };
})();

/** 0x80–0x9F in Windows-1252 (WHATWG); the rest of the byte range is Latin-1. */
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

/** Decoded by table rather than TextDecoder: some runtimes decode the 'windows-1252' label as plain Latin-1. */
function decode1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    const codes = new Array<string>(chunk.length);
    for (let k = 0; k < chunk.length; k++) codes[k] = chunk[k] >= 0x80 && chunk[k] <= 0x9f ? CP1252_HIGH[chunk[k] - 0x80] : String.fromCharCode(chunk[k]);
    out += codes.join('');
  }
  return out;
}

const windows1252: TextRules = (() => {
  return {
    name: 'windows-1252',
    unit: 1,
    charLength: () => 1,
    isInside: () => false,
    isNewline: byteEndsLine,
    decode: decode1252,
  };
})();

function utf16(bigEndian: boolean): TextRules {
  const d = decoder(bigEndian ? 'utf-16be' : 'utf-16le');
  const unitAt = (byteAt: ByteAt, p: number) => (bigEndian ? (byteAt(p) << 8) | byteAt(p + 1) : byteAt(p) | (byteAt(p + 1) << 8));
  return {
    name: bigEndian ? 'utf-16be' : 'utf-16le',
    unit: 2,
    charLength(byteAt, p, end) {
      if (p % 2 === 1 || p + 1 >= end) return 1; // misaligned or a lone last byte
      const u = unitAt(byteAt, p);
      if (u >= 0xd800 && u <= 0xdbff && p + 3 < end) {
        const next = unitAt(byteAt, p + 2);
        if (next >= 0xdc00 && next <= 0xdfff) return 4;
      }
      return 2;
    },
    isInside(byteAt, p) {
      if (p % 2 === 1) return true;
      if (p < 2) return false;
      const u = unitAt(byteAt, p);
      if (u < 0xdc00 || u > 0xdfff) return false;
      const before = unitAt(byteAt, p - 2);
      return before >= 0xd800 && before <= 0xdbff;
    },
    isNewline(byteAt, p, end) {
      if (p % 2 === 1 || p + 1 >= end) return false;
      const u = unitAt(byteAt, p);
      return u === NEWLINE || (u === CR && (p + 3 >= end || unitAt(byteAt, p + 2) !== NEWLINE));
    },
    decode: (bytes) => d.decode(bytes),
  };
}

const RULES: Record<TextEncodingName, TextRules> = {
  'utf-8': utf8,
  'utf-16le': utf16(false),
  'utf-16be': utf16(true),
  'windows-1252': windows1252,
};

export function textRules(name: TextEncodingName): TextRules {
  return RULES[name];
}

/** Offsets (relative to bytes[0], which is at file offset `base`) where each character starts, plus the end. */
export function charStartsIn(rules: TextRules, bytes: Uint8Array, base: number): number[] {
  const byteAt = (i: number) => bytes[i - base];
  const starts: number[] = [];
  const end = base + bytes.length;
  for (let p = base; p < end; p += rules.charLength(byteAt, p, end)) starts.push(p - base);
  starts.push(bytes.length);
  return starts;
}
