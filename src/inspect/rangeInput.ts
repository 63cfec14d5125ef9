/**
 * What Select Range accepts: "START-END" (END is the last byte, included),
 * "START+LENGTH" (also "START,LENGTH" or "START LENGTH"), each number hex (0x1F00, 1F00h) or
 * decimal. Pure, for the unit tests.
 */
export type ParsedRange = { ok: true; start: number; length: number } | { ok: false; error: string };

const HELP = 'Type START-END (END included) or START+LENGTH, in hex (0x1F00, 1F00h) or decimal: 0x100-0x1FF, 256+256';

export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/_/g, '');
  let value: number;
  if (/^0x[0-9a-f]+$/i.test(t)) value = parseInt(t.slice(2), 16);
  else if (/^[0-9a-f]+h$/i.test(t)) value = parseInt(t.slice(0, -1), 16);
  else if (/^\d+$/.test(t)) value = Number(t);
  else return undefined;
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Parses a range of a file of `size` bytes; the range must lie inside the file and hold at least one byte. */
export function parseRange(input: string, size: number): ParsedRange {
  const text = input.trim();
  const match = /^(\S+?)\s*(?:(-|\.\.|\+|,|\s)\s*)(\S+)$/.exec(text);
  if (!match) return { ok: false, error: HELP };
  const [, a, separator, b] = match;
  const start = parseNumber(a);
  const second = parseNumber(b);
  if (start === undefined || second === undefined) return { ok: false, error: HELP };
  const byLength = separator === '+' || separator === ',' || /^\s$/.test(separator);
  const length = byLength ? second : second - start + 1;
  if (length <= 0) return { ok: false, error: byLength ? 'The length must be at least 1' : 'END must not be before START' };
  if (start >= size) return { ok: false, error: `0x${start.toString(16).toUpperCase()} is past the end of the file (${size.toLocaleString('en-US')} bytes)` };
  if (start + length > size) return { ok: false, error: `The range ends past the end of the file (last byte 0x${Math.max(0, size - 1).toString(16).toUpperCase()})` };
  return { ok: true, start, length };
}
