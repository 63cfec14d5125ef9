import type { SearchQuery } from '../../shared/searchProtocol';

/** One needle for the native kernel: bytes, an optional mask (0xFF exact, 0x00 wildcard), ASCII folding. */
export interface NativePattern {
  bytes: Uint8Array;
  mask?: Uint8Array;
  caseInsensitive: boolean;
}

export type CompiledQuery =
  | { kind: 'native'; patterns: NativePattern[]; lengths: number[]; wholeWord: boolean }
  | { kind: 'regex'; source: string; flags: string; encoding: 'utf8' | 'latin1' };

export class PatternError extends Error {
  readonly code = 'EPATTERN';
}

/** The most case variants of a non-ASCII needle searched as alternatives. */
const MAX_VARIANTS = 64;

/**
 * Turns what the find widget holds into a search: text (UTF-8 bytes, ASCII
 * folding in the kernel, simple Unicode folding as variants), hex bytes with
 * `??` wildcards, or a JavaScript RegExp over decoded text. Throws
 * PatternError with a message a person can act on.
 */
export function compileQuery(q: SearchQuery): CompiledQuery {
  if (q.mode === 'hex') return hexQuery(q.query);
  if (q.mode === 'regex') return regexQuery(q);
  return textQuery(q);
}

function textQuery(q: SearchQuery): CompiledQuery {
  const encoder = new TextEncoder();
  const text = q.query;
  if (q.caseSensitive || isAscii(text)) {
    const bytes = encoder.encode(text);
    return { kind: 'native', patterns: [{ bytes, caseInsensitive: !q.caseSensitive }], lengths: [bytes.length], wholeWord: q.wholeWord };
  }
  // Simple Unicode folding: each non-ASCII character as written, lower- and
  // upper-cased; ASCII letters fold in the kernel.
  let variants = [''];
  for (const ch of text) {
    const forms = /[\x00-\x7f]/.test(ch) ? [ch] : [...new Set([ch, ch.toLowerCase(), ch.toUpperCase()])].filter((f) => [...f].length === 1);
    if (variants.length * forms.length > MAX_VARIANTS) {
      throw new PatternError(`'${text}' has too many case variants to search without Match Case; turn on Match Case or use a regular expression with the i flag`);
    }
    variants = variants.flatMap((v) => forms.map((f) => v + f));
  }
  const patterns = variants.map((v) => ({ bytes: encoder.encode(v), caseInsensitive: true }));
  return { kind: 'native', patterns, lengths: patterns.map((p) => p.bytes.length), wholeWord: q.wholeWord };
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
  return { kind: 'native', patterns: [pattern], lengths: [bytes.length], wholeWord: false };
}

function regexQuery(q: SearchQuery): CompiledQuery {
  const source = q.wholeWord ? `\\b(?:${q.query})\\b` : q.query;
  const flags = `gm${q.caseSensitive ? '' : 'i'}`;
  try {
    new RegExp(source, flags);
  } catch (error) {
    throw new PatternError(`Invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  if (new RegExp(source, flags).test('')) throw new PatternError('This regular expression matches the empty string; it would match everywhere');
  return { kind: 'regex', source, flags, encoding: 'utf8' };
}

/** A literal as a regex (for the pread fallback, which has no native kernel). */
export function literalAsRegex(compiled: Extract<CompiledQuery, { kind: 'native' }>): CompiledQuery {
  const alternatives = compiled.patterns.map((p) =>
    Array.from(p.bytes, (b, i) => (p.mask && p.mask[i] === 0 ? '[\\s\\S]' : `\\x${b.toString(16).padStart(2, '0')}`)).join(''),
  );
  const body = alternatives.join('|');
  const source = compiled.wholeWord ? `(?<![A-Za-z0-9_\\x80-\\xff])(?:${body})(?![A-Za-z0-9_\\x80-\\xff])` : body;
  return { kind: 'regex', source, flags: `g${compiled.patterns[0].caseInsensitive ? 'i' : ''}`, encoding: 'latin1' };
}

function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}

/** Whole word: the bytes either side are not word characters (ASCII letters, digits, _, or any non-ASCII byte). */
export function isWordByte(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f || byte >= 0x80);
}
