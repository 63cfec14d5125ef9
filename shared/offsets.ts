/** Page math and offset parsing shared by the host and the webview. */

/** The webview asks for pages of this size. */
export const PAGE_SIZE = 64 * 1024;

export function pageStart(offset: number): number {
  return Math.floor(offset / PAGE_SIZE) * PAGE_SIZE;
}

/** Hex digits needed to show any offset in a file of `size` bytes (at least 8). */
export function offsetDigits(size: number): number {
  return Math.max(8, Math.max(1, size - 1).toString(16).length);
}

export function formatHexOffset(offset: number, digits: number): string {
  return offset.toString(16).toUpperCase().padStart(digits, '0');
}

export type ParsedOffset = { ok: true; offset: number } | { ok: false; error: string };

/**
 * Parses what a person types into Go to Offset: `0x1F00`, `1F00h`, `8000`,
 * `+4096` / `-0x10` (relative to `current`), `50%` (of the file). The result
 * is clamped to [0, size - 1] (0 for an empty file).
 */
export function parseOffset(input: string, current: number, size: number): ParsedOffset {
  const text = input.trim().replace(/[_,\s]/g, '');
  if (text === '') return { ok: false, error: 'Type an offset: 0x1F00, 8000, +4096, -0x10 or 50%' };
  const last = Math.max(0, size - 1);
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) {
    const value = Number(percent[1]);
    if (value > 100) return { ok: false, error: `${percent[1]}% is past the end of the file` };
    return { ok: true, offset: Math.min(last, Math.floor((size * value) / 100)) };
  }
  const match = /^([+-]?)(0x[0-9a-f]+|[0-9a-f]+h|\d+)$/i.exec(text);
  if (!match) return { ok: false, error: `'${input.trim()}' is not an offset: use 0x1F00, 8000, +4096, -0x10 or 50%` };
  const [, sign, digits] = match;
  const value = /^0x/i.test(digits) ? parseInt(digits.slice(2), 16) : /h$/i.test(digits) ? parseInt(digits.slice(0, -1), 16) : Number(digits);
  if (!Number.isSafeInteger(value)) return { ok: false, error: `'${input.trim()}' is too large` };
  const target = sign === '+' ? current + value : sign === '-' ? current - value : value;
  if (!sign && target > last && size > 0) return { ok: false, error: `0x${target.toString(16).toUpperCase()} is past the end of the file (last byte 0x${last.toString(16).toUpperCase()})` };
  return { ok: true, offset: Math.min(last, Math.max(0, target)) };
}

export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** True when the bytes are valid UTF-8 with no NUL (a trailing cut-off sequence is allowed). */
export function looksLikeText(bytes: Uint8Array): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (need < 0 || b > 0xf4) return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return true; // cut off at the end of the sample
      if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}

/** The index of the first of `sorted` (ascending) at or after `value`: sorted.length when none is. */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
