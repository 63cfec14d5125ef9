/**
 * The algebra of literal sets behind regexLiterals.ts (Russ Cox's "exact,
 * prefix, suffix, match" sets from codesearch, with one best "must" set per
 * piece instead of an AND/OR tree): what is known about the strings a piece
 * of a pattern matches, and how concatenation, alternation and repetition
 * combine it. Every rule only ever loses knowledge, never invents it.
 */

/** Literal sets with more strings than this are shortened or dropped. */
export const MAX_SET = 16;
/** A set of literals is worth a prefilter from this score on (see setScore). */
export const MIN_SCORE = 2;

export type StrSet = Set<string>;

/** What is known about the strings a piece of the pattern matches. */
export interface Info {
  /** Exactly the strings it matches, when few; else null. */
  exact: StrSet | null;
  /** Every match starts with one of these ({''}: nothing known). */
  prefix: StrSet;
  /** Every match ends with one of these. */
  suffix: StrSet;
  /** Every match contains one of these. */
  must: StrSet;
}

export const NOTHING = (): StrSet => new Set(['']);
export const unknown = (): Info => ({ exact: null, prefix: NOTHING(), suffix: NOTHING(), must: NOTHING() });
export const exactly = (...strings: string[]): Info => ({ exact: new Set(strings), prefix: NOTHING(), suffix: NOTHING(), must: NOTHING() });

/** A rough rarity: lower-case letters, digits and spaces are common; the rest less so. */
function literalScore(s: string): number {
  let score = 0;
  for (const ch of s) score += /[a-z0-9 ]/.test(ch) ? 1 : ch < '\x80' ? 1.5 : 2;
  return score;
}

export function setScore(set: StrSet): number {
  let min = Infinity;
  for (const s of set) min = Math.min(min, literalScore(s));
  return min - Math.log2(set.size);
}

export function pick(...sets: StrSet[]): StrSet {
  let best = sets[0];
  for (const set of sets) if (setScore(set) > setScore(best)) best = set;
  return best;
}

/** A must set without redundancy: '' anywhere means nothing is known; a string containing another one adds nothing. */
function mustSet(set: StrSet): StrSet {
  if (set.has('')) return NOTHING();
  const sorted = [...set].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const s of sorted) if (!kept.some((k) => s.includes(k))) kept.push(s);
  return shorten(new Set(kept), 'start');
}

/** Keeps a set under MAX_SET by cutting its strings (a prefix of a prefix is a prefix; any piece of a must literal is a must literal). */
function shorten(set: StrSet, keep: 'start' | 'end'): StrSet {
  if (set.has('')) return NOTHING();
  let length = Math.max(...[...set].map((s) => Array.from(s).length));
  let out = set;
  while (out.size > MAX_SET && length > 0) {
    length--;
    // By code points: a cut never splits a surrogate pair.
    out = new Set([...set].map((s) => Array.from(s)).map((cs) => (keep === 'start' ? cs.slice(0, length) : cs.slice(Math.max(0, cs.length - length))).join('')));
  }
  return out.has('') ? NOTHING() : out;
}

function cross(a: StrSet, b: StrSet): StrSet | undefined {
  if (a.size * b.size > MAX_SET * 4) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

export function inexact(info: Info): Info {
  if (!info.exact) return info;
  const e = info.exact;
  const affix = e.has('') ? NOTHING() : e;
  return { exact: null, prefix: shorten(affix, 'start'), suffix: shorten(affix, 'end'), must: mustSet(e) };
}

export function concat(x: Info, y: Info): Info {
  if (x.exact && y.exact) {
    const both = cross(x.exact, y.exact);
    if (both && both.size <= MAX_SET) return { ...unknown(), exact: both };
  }
  const X = inexact(x);
  const Y = inexact(y);
  const prefix = x.exact ? shorten(cross(x.exact, Y.prefix) ?? NOTHING(), 'start') : X.prefix;
  const suffix = y.exact ? shorten(cross(X.suffix, y.exact) ?? NOTHING(), 'end') : Y.suffix;
  const middle = cross(X.suffix, Y.prefix);
  const must = pick(X.must, Y.must, middle ? mustSet(middle) : NOTHING(), prefix, suffix);
  return { exact: null, prefix, suffix, must };
}

export function alternate(x: Info, y: Info): Info {
  if (x.exact && y.exact) {
    const both = new Set([...x.exact, ...y.exact]);
    if (both.size <= MAX_SET) return { ...unknown(), exact: both };
  }
  const X = inexact(x);
  const Y = inexact(y);
  return {
    exact: null,
    prefix: shorten(new Set([...X.prefix, ...Y.prefix]), 'start'),
    suffix: shorten(new Set([...X.suffix, ...Y.suffix]), 'end'),
    must: mustSet(new Set([...X.must, ...Y.must])),
  };
}

export function repeat(x: Info, min: number, max: number): Info {
  if (min === 1 && max === 1) return x;
  if (min === 0) return max === 1 && x.exact ? alternate(x, exactly('')) : unknown();
  const X = inexact(x);
  return { exact: null, prefix: X.prefix, suffix: X.suffix, must: X.must };
}
