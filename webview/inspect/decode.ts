/**
 * The data inspector's decoding: what the bytes at the cursor mean as each
 * type. Pure (no DOM), so the unit tests check every value against Node's
 * own readers. Input is a window of up to WINDOW bytes starting at the
 * cursor; `more` says whether bytes past the window exist but are not loaded
 * yet (a value that needs them shows PENDING, one that runs past the end of
 * the file shows UNAVAILABLE).
 */

export type Endianness = 'little' | 'big';

/** Bytes the inspector reads at the cursor. */
export const WINDOW = 16;
/** A value waiting for a page that is on its way. */
export const PENDING = '…';
/** A value that would need bytes past the end of the file. */
export const UNAVAILABLE = 'unavailable';

export interface Field {
  id: string;
  label: string;
}

export const FIELDS: readonly Field[] = [
  { id: 'binary', label: 'Binary' },
  { id: 'octal', label: 'Octal' },
  { id: 'uint8', label: 'uint8' },
  { id: 'int8', label: 'int8' },
  { id: 'uint16', label: 'uint16' },
  { id: 'int16', label: 'int16' },
  { id: 'uint32', label: 'uint32' },
  { id: 'int32', label: 'int32' },
  { id: 'uint64', label: 'uint64' },
  { id: 'int64', label: 'int64' },
  { id: 'float16', label: 'float16' },
  { id: 'bfloat16', label: 'bfloat16' },
  { id: 'float32', label: 'float32' },
  { id: 'float64', label: 'float64' },
  { id: 'uleb128', label: 'ULEB128' },
  { id: 'sleb128', label: 'SLEB128' },
  { id: 'utf8', label: 'UTF-8' },
  { id: 'utf16', label: 'UTF-16' },
  { id: 'unix32', label: 'Unix time 32' },
  { id: 'unix64', label: 'Unix time 64' },
  { id: 'filetime', label: 'FILETIME' },
  { id: 'guid', label: 'GUID' },
];

/** What a variable-length decoder says when the window ends before the value does. */
const SHORT = Symbol('short');
type Decoded = string | typeof SHORT;

/** Every field's text for the bytes in `window` (at most WINDOW of them, starting at the cursor). */
export function decodeAll(window: Uint8Array, endianness: Endianness, more: boolean): Map<string, string> {
  const le = endianness === 'little';
  const view = new DataView(window.buffer, window.byteOffset, window.byteLength);
  const n = window.length;
  const out = new Map<string, string>();
  const missing = more ? PENDING : UNAVAILABLE;
  const fixed = (id: string, size: number, decode: () => string) => out.set(id, n >= size ? decode() : missing);
  const variable = (id: string, decode: () => Decoded) => {
    const value = n === 0 ? SHORT : decode();
    out.set(id, value !== SHORT ? value : more ? PENDING : n >= WINDOW ? `longer than ${WINDOW} bytes` : UNAVAILABLE);
  };

  fixed('binary', 1, () => window[0].toString(2).padStart(8, '0'));
  fixed('octal', 1, () => window[0].toString(8).padStart(3, '0'));
  fixed('uint8', 1, () => String(view.getUint8(0)));
  fixed('int8', 1, () => String(view.getInt8(0)));
  fixed('uint16', 2, () => String(view.getUint16(0, le)));
  fixed('int16', 2, () => String(view.getInt16(0, le)));
  fixed('uint32', 4, () => String(view.getUint32(0, le)));
  fixed('int32', 4, () => String(view.getInt32(0, le)));
  fixed('uint64', 8, () => view.getBigUint64(0, le).toString());
  fixed('int64', 8, () => view.getBigInt64(0, le).toString());
  fixed('float16', 2, () => formatFloat(float16FromBits(view.getUint16(0, le)), float16Round, 5));
  fixed('bfloat16', 2, () => formatFloat(bfloat16FromBits(view.getUint16(0, le)), bfloat16Round, 4));
  fixed('float32', 4, () => formatFloat(view.getFloat32(0, le), Math.fround, 9));
  fixed('float64', 8, () => formatFloat(view.getFloat64(0, le), (x) => x, 17));
  variable('uleb128', () => uleb128(window));
  variable('sleb128', () => sleb128(window));
  variable('utf8', () => utf8Char(window));
  variable('utf16', () => utf16Char(view, le));
  fixed('unix32', 4, () => formatEpochSeconds(BigInt(view.getInt32(0, le))));
  fixed('unix64', 8, () => formatEpochSeconds(view.getBigInt64(0, le)));
  fixed('filetime', 8, () => formatFiletime(view.getBigUint64(0, le)));
  fixed('guid', 16, () => formatGuid(window, le));
  return out;
}

// ---- floats --------------------------------------------------------------------

/** IEEE 754 half precision: 1 sign bit, 5 exponent bits, 10 fraction bits. */
export function float16FromBits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** bfloat16: the top 16 bits of a float32. */
export function bfloat16FromBits(bits: number): number {
  const scratch = new DataView(new ArrayBuffer(4));
  scratch.setUint32(0, (bits & 0xffff) << 16);
  return scratch.getFloat32(0);
}

/**
 * Rounds to `fractionBits` bits after the leading one, with `minExponent`
 * the smallest normal exponent. An exact tie gives NaN: a decimal halfway
 * between two values is no way to show either of them.
 */
function roundTo(x: number, fractionBits: number, minExponent: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  const ulp = 2 ** (Math.max(e, minExponent) - fractionBits);
  const q = a / ulp;
  let r = Math.floor(q);
  const rest = q - r;
  if (rest === 0.5) return NaN;
  if (rest > 0.5) r++;
  return Math.sign(x) * r * ulp;
}

const float16Round = (x: number) => roundTo(x, 10, -14);
const bfloat16Round = (x: number) => roundTo(x, 7, -126);

/** The shortest decimal that reads back (through `round`) as the same value. */
export function formatFloat(value: number, round: (x: number) => number, maxDigits: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  if (Number.isInteger(value) && String(Math.abs(value)).length <= maxDigits) return plainOrExponent(value); // 65504, not 65500
  for (let digits = 1; digits < maxDigits; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (round(candidate) === value) return plainOrExponent(candidate);
  }
  return plainOrExponent(Number(value.toPrecision(maxDigits)));
}

/** Plain digits in the readable range, exponent form beyond ±1e15 and below 1e-6 (-6.2598534e+18, not 19 digits). */
function plainOrExponent(x: number): string {
  const magnitude = Math.abs(x);
  return magnitude >= 1e15 || magnitude < 1e-6 ? x.toExponential() : String(x);
}

// ---- LEB128 ----------------------------------------------------------------------

function leb128(bytes: Uint8Array, signed: boolean): Decoded {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) {
      if (signed && byte & 0x40) result -= 1n << shift;
      return `${result} (${i + 1} byte${i === 0 ? '' : 's'})`;
    }
  }
  return SHORT;
}

export const uleb128 = (bytes: Uint8Array): Decoded => leb128(bytes, false);
export const sleb128 = (bytes: Uint8Array): Decoded => leb128(bytes, true);

// ---- characters --------------------------------------------------------------------

/** "U+0041 'A'"; the character itself only when it is visible (no controls, format or bidi characters). */
export function describeCodePoint(code: number): string {
  const hex = 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
  const char = String.fromCodePoint(code);
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(char) ? `${hex} '${char}'` : hex;
}

/** The UTF-8 sequence starting at bytes[0]: a code point, or why it is not one. */
export function utf8Char(bytes: Uint8Array): Decoded {
  const lead = bytes[0];
  if (lead < 0x80) return describeCodePoint(lead);
  if (lead < 0xc2 || lead > 0xf4) return lead < 0xc0 ? 'invalid (continuation byte)' : 'invalid (lead byte)';
  const length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  let code = lead & (0xff >> (length + 1));
  for (let i = 1; i < length; i++) {
    if (i >= bytes.length) return SHORT;
    const byte = bytes[i];
    if ((byte & 0xc0) !== 0x80) return 'invalid (truncated sequence)';
    code = (code << 6) | (byte & 0x3f);
  }
  const min = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
  if (code < min) return 'invalid (overlong)';
  if (code > 0x10ffff) return 'invalid (past U+10FFFF)';
  if (code >= 0xd800 && code <= 0xdfff) return 'invalid (surrogate)';
  return describeCodePoint(code);
}

/** The UTF-16 code unit at 0 (with its pair when it is a high surrogate). */
function utf16Char(view: DataView, le: boolean): Decoded {
  if (view.byteLength < 2) return SHORT;
  const unit = view.getUint16(0, le);
  if (unit >= 0xdc00 && unit <= 0xdfff) return `U+${unit.toString(16).toUpperCase()} (lone low surrogate)`;
  if (unit < 0xd800 || unit > 0xdbff) return describeCodePoint(unit);
  if (view.byteLength < 4) return SHORT;
  const low = view.getUint16(2, le);
  if (low < 0xdc00 || low > 0xdfff) return `U+${unit.toString(16).toUpperCase()} (lone high surrogate)`;
  return describeCodePoint(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
}

// ---- times ------------------------------------------------------------------------------

const MAX_DATE_SECONDS = 8_640_000_000_000n; // what a JS Date can hold

/** "2024-01-02 03:04:05 UTC" (with `fraction` digits after the seconds when given). */
export function formatEpochSeconds(seconds: bigint, fraction = ''): string {
  if (seconds > MAX_DATE_SECONDS || seconds < -MAX_DATE_SECONDS) return 'out of range';
  const iso = new Date(Number(seconds) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z (±YYYYYY past 9999)
  const [date, time] = iso.slice(0, -5).split('T');
  return `${date} ${time}${fraction ? '.' + fraction : ''} UTC`;
}

/** 100-ns intervals since 1601-01-01 UTC. */
export function formatFiletime(ticks: bigint): string {
  const EPOCH_DIFFERENCE = 11_644_473_600n; // seconds from 1601-01-01 to 1970-01-01
  const seconds = ticks / 10_000_000n - EPOCH_DIFFERENCE;
  const rest = ticks % 10_000_000n;
  return formatEpochSeconds(seconds, rest === 0n ? '' : rest.toString().padStart(7, '0'));
}

// ---- GUID -----------------------------------------------------------------------------------

/**
 * {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}. Little-endian is the Windows
 * layout (Data1, Data2, Data3 stored little-endian, Data4 as bytes);
 * big-endian is RFC 4122's byte order.
 */
export function formatGuid(bytes: Uint8Array, le: boolean): string {
  const hex = (i: number) => bytes[i].toString(16).toUpperCase().padStart(2, '0');
  const run = (indexes: number[]) => indexes.map(hex).join('');
  const order = le ? [3, 2, 1, 0, 5, 4, 7, 6] : [0, 1, 2, 3, 4, 5, 6, 7];
  return `{${run(order.slice(0, 4))}-${run(order.slice(4, 6))}-${run(order.slice(6, 8))}-${run([8, 9])}-${run([10, 11, 12, 13, 14, 15])}}`;
}
