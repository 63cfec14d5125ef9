import { alternate, concat, exactly, inexact, MIN_SCORE, pick, repeat, setScore, unknown, type Info } from './literalSets';

/**
 * What a JavaScript regular expression tells about its matches before it runs
 * (a pure module: no I/O, no encoding):
 *
 * - `literals`: a set of strings such that every match contains at least one
 *   of them ("must" literals, as ripgrep's literal extraction and grep's must
 *   set), or undefined when nothing can be proved. Concatenations give
 *   required literals (`ERROR.*timeout` → ERROR or timeout, the better one),
 *   alternations a set (`(ERROR|WARN) x` → {ERROR, WARN}). Under the `i` flag
 *   the strings hold ASCII letters in lower case (the search folds ASCII case);
 *   a character whose case-insensitive class is not known (a non-ASCII letter)
 *   breaks a literal. Under `iu` the letters k and s also match U+212A and
 *   U+017F: `caseVariants()` spells those out.
 * - `lineBound`: no part of the pattern (lookarounds included) can match a
 *   line feed or a carriage return, so every match lies inside one line and
 *   the pattern sees nothing across a line break: running it on the lines
 *   around the literals finds exactly what running it on the whole text finds.
 *
 * Anything the parser does not know for certain (inline modifiers, octal
 * escapes, `\p` without `u`…) gives no literals and lineBound false: the
 * caller scans everything.
 */
export interface RegexFacts {
  literals: string[] | undefined;
  lineBound: boolean;
}

class GiveUp extends Error {}

export function regexFacts(source: string, flags: string): RegexFacts {
  try {
    const parser = new PatternParser(source, flags);
    const info = inexact(parser.parse());
    const best = pick(info.must, info.prefix, info.suffix);
    const literals = setScore(best) >= MIN_SCORE ? [...best] : undefined;
    return { literals, lineBound: parser.lineBound };
  } catch {
    // GiveUp, or a piece the engine itself refuses on its own: nothing is proved
    return { literals: undefined, lineBound: false };
  }
}

/**
 * Under `iu`, `k` also matches the Kelvin sign U+212A and `s` the long s
 * U+017F (Unicode simple case folding); ASCII case is folded by the search.
 * Every spelling of `literal` (lower-case ASCII letters) that such a regex
 * matches, up to `max`; undefined when there are more.
 */
export function caseVariants(literal: string, flags: string, max: number): string[] | undefined {
  if (!flags.includes('i') || !flags.includes('u')) return [literal];
  let variants = [''];
  for (const ch of literal) {
    const forms = ch === 'k' ? ['k', '\u212a'] : ch === 's' ? ['s', '\u017f'] : [ch];
    if (variants.length * forms.length > max) return undefined;
    variants = variants.flatMap((v) => forms.map((f) => v + f));
  }
  return variants;
}

/** Non-ASCII characters with no case (CJK, kana, Hangul): safe in a literal under `i` (a unit test proves it). */
export const CASELESS_RANGES: Array<[number, number]> = [
  [0x3000, 0x303f],
  [0x3040, 0x30ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
];

function caseless(code: number): boolean {
  return CASELESS_RANGES.some(([lo, hi]) => code >= lo && code <= hi);
}

const HEX = /^[0-9a-fA-F]+$/;

/** Recursive descent over the RegExp grammar (ECMAScript + Annex B where it is unambiguous). */
class PatternParser {
  private i = 0;
  lineBound = true;
  private readonly unicode: boolean;
  private readonly ignoreCase: boolean;
  private readonly dotAll: boolean;
  private readonly atomFlags: string;
  private readonly groups: number;
  private readonly named: boolean;

  constructor(
    private readonly src: string,
    flags: string,
  ) {
    this.unicode = flags.includes('u') || flags.includes('v');
    if (flags.includes('v')) throw new GiveUp();
    this.ignoreCase = flags.includes('i');
    this.dotAll = flags.includes('s');
    this.atomFlags = flags.replace(/[gmyd]/g, '');
    // Capturing groups: `(` not followed by `?`, or `(?<name>`; outside classes and escapes.
    let groups = 0;
    let named = false;
    for (let k = 0, inClass = false; k < src.length; k++) {
      const c = src[k];
      if (c === '\\') k++;
      else if (inClass) inClass = c !== ']';
      else if (c === '[') inClass = true;
      else if (c === '(') {
        if (src[k + 1] !== '?') groups++;
        else if (src[k + 2] === '<' && src[k + 3] !== '=' && src[k + 3] !== '!') {
          groups++;
          named = true;
        }
      }
    }
    this.groups = groups;
    this.named = named;
  }

  parse(): Info {
    const info = this.disjunction();
    if (this.i !== this.src.length) throw new GiveUp();
    return info;
  }

  private disjunction(): Info {
    let info = this.alternative();
    while (this.src[this.i] === '|') {
      this.i++;
      info = alternate(info, this.alternative());
    }
    return info;
  }

  private alternative(): Info {
    let info = exactly('');
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') info = concat(info, this.term());
    return info;
  }

  private term(): Info {
    const atom = this.atom();
    const q = this.quantifier();
    return q ? repeat(atom, q.min, q.max) : atom;
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.src[this.i];
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return undefined;
      q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) };
      this.i += m[0].length - 1;
    }
    if (!q) return undefined;
    this.i++;
    if (this.src[this.i] === '?') this.i++;
    return q;
  }

  private atom(): Info {
    const src = this.src;
    const c = src[this.i];
    if (c === '^' || c === '$') {
      this.i++;
      return exactly('');
    }
    if (c === '(') return this.group();
    if (c === '.') {
      this.i++;
      if (this.dotAll) this.lineBound = false;
      return unknown();
    }
    if (c === '[') return this.characterClass();
    if (c === '\\') return this.escape();
    if (c === '*' || c === '+' || c === '?') throw new GiveUp();
    if (c === '{' && /^\{\d+(,\d*)?\}/.test(src.slice(this.i))) throw new GiveUp();
    const code = this.unicode ? src.codePointAt(this.i)! : src.charCodeAt(this.i);
    this.i += code > 0xffff ? 2 : 1;
    return this.char(code);
  }

  private group(): Info {
    const src = this.src;
    this.i++;
    let kind: 'capture' | 'look' = 'capture';
    if (src[this.i] === '?') {
      const next = src.slice(this.i, this.i + 3);
      if (next.startsWith('?:')) this.i += 2;
      else if (next === '?<=' || next === '?<!') {
        this.i += 3;
        kind = 'look';
      } else if (next.startsWith('?=') || next.startsWith('?!')) {
        this.i += 2;
        kind = 'look';
      } else if (next.startsWith('?<')) {
        const close = src.indexOf('>', this.i);
        if (close < 0) throw new GiveUp();
        this.i = close + 1;
      } else throw new GiveUp(); // inline modifiers (?i:…) and anything else
    }
    const inner = this.disjunction();
    if (src[this.i] !== ')') throw new GiveUp();
    this.i++;
    // A lookaround consumes nothing: it adds no literal, but its pattern still must not see a line break.
    return kind === 'look' ? exactly('') : inner;
  }

  /** `[…]`: one character of unknown kind; whether it can be a line break is asked of the engine itself. */
  private characterClass(): Info {
    const start = this.i;
    let k = this.i + 1;
    if (this.src[k] === '^') k++;
    for (; k < this.src.length && this.src[k] !== ']'; k++) if (this.src[k] === '\\') k++;
    if (k >= this.src.length) throw new GiveUp();
    this.i = k + 1;
    this.classAtom(this.src.slice(start, this.i));
    return unknown();
  }

  private classAtom(source: string): void {
    const re = new RegExp(`^(?:${source})$`, this.atomFlags);
    if (re.test('\n') || re.test('\r')) this.lineBound = false;
  }

  private escape(): Info {
    const src = this.src;
    const c = src[this.i + 1];
    if (c === undefined) throw new GiveUp();
    this.i += 2;
    if (c === 'b' || c === 'B') return exactly('');
    if ('dDwWsS'.includes(c)) {
      this.classAtom(`\\${c}`);
      return unknown();
    }
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, f: 12 };
    if (c in simple) return this.char(simple[c]);
    if (c === '0') {
      if (/[0-9]/.test(src[this.i] ?? '')) throw new GiveUp(); // octal (Annex B)
      return this.char(0);
    }
    if (/[1-9]/.test(c)) {
      const m = /^\d*/.exec(src.slice(this.i))!;
      const n = Number(c + m[0]);
      if (n > this.groups) throw new GiveUp(); // an octal escape or an identity escape (Annex B)
      this.i += m[0].length;
      return unknown(); // a backreference: the text its group matched
    }
    if (c === 'c') {
      const letter = src[this.i];
      if (!letter || !/[A-Za-z]/.test(letter)) throw new GiveUp();
      this.i++;
      return this.char(letter.charCodeAt(0) % 32);
    }
    if (c === 'x') {
      const hex = src.slice(this.i, this.i + 2);
      if (hex.length === 2 && HEX.test(hex)) {
        this.i += 2;
        return this.char(parseInt(hex, 16));
      }
      if (this.unicode) throw new GiveUp();
      return this.char('x'.charCodeAt(0));
    }
    if (c === 'u') return this.char(this.unicodeEscape());
    if (c === 'k') {
      if (!this.unicode && !this.named) throw new GiveUp();
      const close = src.indexOf('>', this.i);
      if (src[this.i] !== '<' || close < 0) throw new GiveUp();
      this.i = close + 1;
      return unknown();
    }
    if (c === 'p' || c === 'P') {
      if (!this.unicode) throw new GiveUp();
      const start = this.i - 2;
      const close = src.indexOf('}', this.i);
      if (src[this.i] !== '{' || close < 0) throw new GiveUp();
      this.i = close + 1;
      this.classAtom(src.slice(start, this.i));
      return unknown();
    }
    // An identity escape: the character itself (a surrogate pair as one under `u`).
    this.i -= 1;
    const code = this.unicode ? src.codePointAt(this.i)! : src.charCodeAt(this.i);
    this.i += code > 0xffff ? 2 : 1;
    return this.char(code);
  }

  /** After `\u`: `XXXX`, a `\uXXXX\uXXXX` surrogate pair or `{…}` under `u`. */
  private unicodeEscape(): number {
    const src = this.src;
    if (this.unicode && src[this.i] === '{') {
      const close = src.indexOf('}', this.i);
      const hex = src.slice(this.i + 1, close);
      if (close < 0 || !HEX.test(hex)) throw new GiveUp();
      this.i = close + 1;
      return parseInt(hex, 16);
    }
    const hex = src.slice(this.i, this.i + 4);
    if (hex.length !== 4 || !HEX.test(hex)) {
      if (this.unicode) throw new GiveUp();
      return 'u'.charCodeAt(0);
    }
    this.i += 4;
    const code = parseInt(hex, 16);
    const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(src.slice(this.i));
    if (this.unicode && code >= 0xd800 && code <= 0xdbff && low) {
      this.i += low[0].length;
      return 0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1], 16) - 0xdc00);
    }
    return code;
  }

  /** One literal character: a literal piece, or unknown when its case-insensitive class is not known for certain. */
  private char(code: number): Info {
    if (code === 10 || code === 13) {
      this.lineBound = false;
      return unknown();
    }
    // U+FFFD also stands for every invalid byte; a lone surrogate has no bytes of its own.
    if (code === 0xfffd || (code >= 0xd800 && code <= 0xdfff)) return unknown();
    const ch = String.fromCodePoint(code);
    if (!this.ignoreCase) return exactly(ch);
    if (code < 0x80) return exactly(ch.toLowerCase());
    return caseless(code) ? exactly(ch) : unknown();
  }
}
