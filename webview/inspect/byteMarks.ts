/**
 * What hex inspection adds to the hex view's cells (the viewer's HexMarks,
 * registered by wireInspect): a byte class on every cell, coloured only
 * while body has .hv-colorize. Bookmark marks: webview/tags/.
 */

export type ByteClass = 'zero' | 'printable' | 'whitespace' | 'control' | 'high';

/** Like hexyl: NUL, printable ASCII, ASCII whitespace, other ASCII (controls, DEL), non-ASCII. */
export function byteClass(byte: number): ByteClass {
  if (byte === 0) return 'zero';
  if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) return 'whitespace';
  if (byte > 0x20 && byte < 0x7f) return 'printable';
  if (byte < 0x80) return 'control';
  return 'high';
}

const SHORT: Record<ByteClass, string> = { zero: ' bz', printable: ' bp', whitespace: ' bw', control: ' bc', high: ' bh' };

/** ' bz' | ' bp' | ' bw' | ' bc' | ' bh': appended to a cell's class. */
export const BYTE_CLASS: readonly string[] = Array.from({ length: 256 }, (_, b) => SHORT[byteClass(b)]);
