import type { SearchQuery } from '../../shared/protocol/search';
import { caseVariants, regexFacts } from './regexLiterals';
import { encodeText, unitSize, type SearchEncoding } from './textCoding';

/** One needle for the native kernel: bytes, an optional mask (0xFF exact, 0x00 wildcard), ASCII folding. */
export interface NativePattern {
  bytes: Uint8Array;
  mask?: Uint8Array;
  caseInsensitive: boolean;
}

export type CompiledQuery =
  | { kind: 'native'; patterns: NativePattern[]; lengths: number[]; wholeWord: boolean; encoding: SearchEncoding; unit: 1 | 2 }
  | { kind: 'regex'; source: string; flags: string; encoding: SearchEncoding; prefilter?: RegexPrefilter };

/**
 * A regex whose every match lies inside one line and contains one of
 * `patterns` (its required literals in the view's encoding, for the native
 * kernel): only the lines around the kernel's finds need the regex.
 */
export interface RegexPrefilter {
  patterns: NativePattern[];
  lengths: number[];
}

export class PatternError extends Error {
  readonly code = 'EPATTERN';
}

/** The most case variants of a non-ASCII needle searched as alternatives. */
const MAX_VARIANTS = 64;

/**
 * Turns what the find widget holds into a search of the text as the view
 * decodes it (`encoding`): text (encoded in that encoding; ASCII letters fold
 * in the kernel, other characters as their simple lower/upper-case variants),
 * hex bytes with `??` wildcards (raw bytes, whatever the encoding), or a
 * JavaScript RegExp over the decoded text. Throws PatternError with a message
 * a person can act on.
 */
export function compileQuery(q: SearchQuery, encoding: SearchEncoding = 'utf-8'): CompiledQuery {
  if (q.mode === 'hex') return hexQuery(q.query);
  if (q.mode === 'regex') return regexQuery(q, encoding);
  return textQuery(q, encoding);
}

/**
 * A text needle in `encoding`. Case-insensitive: each ASCII letter folds with
 * its other case (in UTF-16 only as a whole code unit: the low byte folds and
 * the high byte must be 0); any other character is searched as written, lower-
 * and upper-cased (one code point each: no full folding such as ß → SS, no
 * title case, no Turkish dotless i).
 */
function textQuery(q: SearchQuery, encoding: SearchEncoding): CompiledQuery {
  const text = q.query;
  const unit = unitSize(encoding);
  const foldAscii = !q.caseSensitive;
  let variants = [''];
  if (q.caseSensitive || isAscii(text)) variants = [text];
  else {
    for (const ch of text) {
      const forms = /[\x00-\x7f]/.test(ch) ? [ch] : [...new Set([ch, ch.toLowerCase(), ch.toUpperCase()])].filter((f) => [...f].length === 1 && encodeText(f, encoding));
      if (variants.length * forms.length > MAX_VARIANTS) {
        throw new PatternError(`'${text}' has too many case variants to search without Match Case; turn on Match Case or use a regular expression with the i flag`);
      }
      variants = variants.flatMap((v) => forms.map((f) => v + f));
    }
  }
  const patterns: NativePattern[] = [];
  for (const variant of variants) {
    const bytes = encodeText(variant, encoding);
    if (!bytes) throw new PatternError(`'${text}' cannot be written in ${encodingLabel(encoding)}, the encoding this file is shown in, so it cannot occur in it`);
    patterns.push(unit === 2 && foldAscii ? utf16Folded(variant, bytes, encoding === 'utf-16le') : { bytes, caseInsensitive: foldAscii });
  }
  return { kind: 'native', patterns, lengths: patterns.map((p) => p.bytes.length), wholeWord: q.wholeWord, encoding, unit };
}

/** Mask 0xDF (match all bits but the case bit) on the low byte of each ASCII letter unit; every other byte exact. */
function utf16Folded(text: string, bytes: Uint8Array, littleEndian: boolean): NativePattern {
  const mask = new Uint8Array(bytes.length).fill(0xff);
  for (let i = 0; i < text.length; i++) {
    if (/[A-Za-z]/.test(text[i])) mask[2 * i + (littleEndian ? 0 : 1)] = FOLD;
  }
  return { bytes, mask, caseInsensitive: false };
}

/** A mask byte for an ASCII letter that matches either case (the kernel's per-byte folding). */
export const FOLD = 0xdf;

function encodingLabel(encoding: SearchEncoding): string {
  return { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', 'windows-1252': 'Windows-1252', bytes: 'bytes' }[encoding];
}

/** `DE AD ?? EF`, `deadbeef`, `DE-AD-BE-EF`, `0xDE 0xAD` → bytes and mask. */
export function hexQuery(input: string): CompiledQuery {
  const cleaned = input.replace(/0x/gi, ' ').replace(/[\s,:-]+/g, ' ').trim();
  const tokens = cleaned.includes(' ') ? cleaned.split(' ') : cleaned.match(/.{1,2}/g) ?? [];
  const bytes: number[] = [];
  const mask: number[] = [];
  for (const token of tokens) {
    if (token === '??' || token === '?') {
      bytes.push(0);
      mask.push(0);
    } else if (/^[0-9a-f]{1,2}$/i.test(token)) {
      bytes.push(parseInt(token, 16));
      mask.push(0xff);
    } else {
      throw new PatternError(`'${token}' is not a hex byte: use pairs of hex digits and ?? for any byte, e.g. DE AD ?? EF`);
    }
  }
  if (bytes.length === 0) throw new PatternError('Type hex bytes, e.g. DE AD ?? EF');
  if (!mask.includes(0xff)) throw new PatternError('At least one byte must be given: ?? alone matches everything');
  const pattern: NativePattern = { bytes: Uint8Array.from(bytes), caseInsensitive: false };
  if (mask.includes(0)) pattern.mask = Uint8Array.from(mask);
  return { kind: 'native', patterns: [pattern], lengths: [bytes.length], wholeWord: false, encoding: 'bytes', unit: 1 };
}

/**
 * A RegExp over the decoded text. `m` always: `^` and `$` match at line
 * starts and ends, as rg's do (JavaScript also counts \r, U+2028 and U+2029 as
 * line ends). `u` when the pattern is valid with it: `.` and classes take whole
 * characters and `i` folds case the Unicode way; a pattern only valid without
 * it runs without it.
 */
function regexQuery(q: SearchQuery, encoding: SearchEncoding): CompiledQuery {
  const source = q.wholeWord ? `\\b(?:${q.query})\\b` : q.query;
  const base = `gm${q.caseSensitive ? '' : 'i'}`;
  let flags = `${base}u`;
  try {
    new RegExp(source, flags);
  } catch {
    flags = base;
    try {
      new RegExp(source, flags);
    } catch (error) {
      throw new PatternError(`Invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
    }
  }
  if (new RegExp(source, flags).test('')) throw new PatternError('This regular expression matches the empty string; it would match everywhere');
  const prefilter = regexPrefilter(source, flags, encoding);
  return prefilter ? { kind: 'regex', source, flags, encoding, prefilter } : { kind: 'regex', source, flags, encoding };
}

/**
 * The kernel needles for a regex's required literals (regexLiterals.ts), or
 * undefined when the regex can reach across a line break or has no literal
 * worth it. Under `i` ASCII letters fold in the kernel (in UTF-16 through the
 * mask, only in whole ASCII units); a spelling that cannot be written in the
 * encoding cannot occur in the text and is left out.
 */
export function regexPrefilter(source: string, flags: string, encoding: SearchEncoding): RegexPrefilter | undefined {
  if (encoding === 'bytes') return undefined;
  const facts = regexFacts(source, flags);
  if (!facts.lineBound || !facts.literals) return undefined;
  const ignoreCase = flags.includes('i');
  const patterns: NativePattern[] = [];
  for (const literal of facts.literals) {
    const variants = caseVariants(literal, flags, MAX_VARIANTS);
    if (!variants) return undefined;
    for (const variant of variants) {
      const bytes = encodeText(variant, encoding);
      if (!bytes) continue;
      patterns.push(unitSize(encoding) === 2 && ignoreCase ? utf16Folded(variant, bytes, encoding === 'utf-16le') : { bytes, caseInsensitive: ignoreCase });
    }
  }
  if (patterns.length === 0 || patterns.length > MAX_VARIANTS) return undefined;
  return { patterns, lengths: patterns.map((p) => p.bytes.length) };
}

/** Characters that are word characters for whole word: ASCII letters, digits, _, and anything beyond ASCII. */
const WORD_CLASS = '[A-Za-z0-9_\\u0080-\\uffff]';

/**
 * A native query as a regex, where the addon is missing (the pread fallback).
 * Text becomes an escaped literal over the decoded text (`iu` folds case per
 * whole character, never a byte of one); hex stays bytes (each byte one code
 * unit, `[\s\S]` for `??`).
 */
export function literalAsRegex(compiled: Extract<CompiledQuery, { kind: 'native' }>, q?: SearchQuery): Extract<CompiledQuery, { kind: 'regex' }> {
  if (q && q.mode === 'text') {
    const body = q.query.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const source = q.wholeWord ? `(?<!${WORD_CLASS})(?:${body})(?!${WORD_CLASS})` : body;
    return { kind: 'regex', source, flags: `gu${q.caseSensitive ? '' : 'i'}`, encoding: compiled.encoding };
  }
  const alternatives = compiled.patterns.map((p) =>
    Array.from(p.bytes, (b, i) => (p.mask && p.mask[i] === 0 ? '[\\s\\S]' : `\\x${b.toString(16).padStart(2, '0')}`)).join(''),
  );
  return { kind: 'regex', source: alternatives.join('|'), flags: 'g', encoding: 'bytes' };
}

function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}

/**
 * Whole word: the characters either side are not word characters (ASCII
 * letters, digits, _, or anything beyond ASCII). `unit` is a byte, or a UTF-16
 * code unit in UTF-16 text.
 */
export function isWordUnit(unit: number | undefined): boolean {
  return unit !== undefined && ((unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a) || unit === 0x5f || unit >= 0x80);
}
