/** Which bytes to ask MatchesIn about, and which a cached answer covers. */
export interface ByteRange {
  start: number;
  end: number;
}

/** MatchesIn answers with at most this many matches. */
export const MATCHES_IN_CAP = 10_000;

/** The visible bytes and as many again either side (small scrolls then need no new request). */
export function windowAround(visible: ByteRange, size: number): ByteRange {
  const span = Math.max(256, visible.end - visible.start);
  return { start: Math.max(0, visible.start - span), end: Math.min(size, visible.end + span) };
}

export function covers(known: ByteRange | undefined, visible: ByteRange): boolean {
  return known !== undefined && known.start <= visible.start && known.end >= visible.end;
}

/**
 * The part of `asked` an answer is complete for: all of it, unless the
 * answer hit the cap; then only up to the last match returned (matches
 * come in file order, so everything starting before it is there).
 */
export function answeredRange(asked: ByteRange, offsets: readonly number[], cap = MATCHES_IN_CAP): ByteRange {
  if (offsets.length < cap) return asked;
  const last = offsets[offsets.length - 1];
  return { start: asked.start, end: Math.max(asked.start, Math.min(asked.end, last)) };
}
