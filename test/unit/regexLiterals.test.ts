import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CASELESS_RANGES, caseVariants, regexFacts } from '../../src/search/regexLiterals';

const facts = (source: string, flags = 'gmu') => regexFacts(source, flags);
const sorted = (literals: string[] | undefined) => literals && [...literals].sort();

describe('required literals of a regex', () => {
  it('a concatenation requires its literal pieces: the better one is taken', () => {
    assert.deepEqual(facts('ERROR.*timeout'), { literals: ['ERROR'], lineBound: true });
    assert.deepEqual(facts('user=\\d+ .*denied'), { literals: ['denied'], lineBound: true });
    assert.deepEqual(facts('\\bid=[0-9a-f]+ state=closed$'), { literals: [' state=closed'], lineBound: true });
  });

  it('an alternation gives a set of literals, joined with what follows when that is exact', () => {
    assert.deepEqual(sorted(facts('(ERROR|WARN) x').literals), ['ERROR x', 'WARN x']);
    assert.deepEqual(sorted(facts('\\bsession (?:closed|opened)\\b').literals), ['session closed', 'session opened']);
    assert.deepEqual(sorted(facts('(?:foo\\d+|bar)baz').literals), ['baz']);
  });

  it('optional, repeated and lookaround parts add no literal; a required repetition keeps its own', () => {
    assert.deepEqual(facts('(?<=ERROR )\\d+ms').literals, ['ms']);
    assert.deepEqual(facts('x(?=timeout)').literals, undefined);
    assert.deepEqual(facts('(timeout)+ reached').literals, ['timeout reached']);
    assert.deepEqual(facts('(timeout)+\\d x').literals, ['timeout']);
    assert.deepEqual(facts('(timeout)* reached').literals, [' reached']);
  });

  it('under i the literals are lower-case ASCII; a cased non-ASCII letter breaks a literal, CJK does not', () => {
    assert.deepEqual(facts('TIMEOUT after', 'gmiu').literals, ['timeout after']);
    assert.deepEqual(facts('étatfinal', 'gmiu').literals, ['tatfinal']);
    assert.deepEqual(facts('错误.*超时', 'gmiu').literals, ['错误']);
    assert.deepEqual(caseVariants('user', 'gmiu', 64), ['user', 'u\u017fer']);
    assert.deepEqual(caseVariants('kiss', 'gmi', 64), ['kiss']);
    assert.equal(caseVariants('ssssssss', 'gmiu', 64), undefined);
  });

  it('no literal worth a prefilter: none is given', () => {
    for (const source of ['[A-Z]+\\d', 'a|b', 'ab?', '.+', 'x\\1(a)']) assert.equal(facts(source).literals, undefined, source);
  });

  it('without u, \\u{2} is a u twice (Annex B), as the engine reads it', () => {
    assert.ok(new RegExp('\\u{2}ERROR', 'gm').test('uuERROR'));
    assert.deepEqual(regexFacts('\\u{2}ERROR', 'gm').literals, ['uERROR']);
  });

  it('anything that can match or look at a line feed or carriage return is not line-bound', () => {
    for (const source of ['ERROR\\s+timeout', 'ERROR[^x]timeout', 'ERROR\\ntimeout', 'a\\rb', 'ERROR\\Wtimeout', 'x\\Dy', '(?<=[\\s\\S])ERROR', '(?![^a])ERROR', '\\P{L}ERROR', '[\\n]ERROR']) {
      assert.equal(facts(source).lineBound, false, source);
    }
    assert.equal(regexFacts('ERROR.timeout', 'gmsu').lineBound, false);
    for (const source of ['ERROR.*timeout', '[^\\n\\r]ERROR', '\\p{L}+ERROR', '\\S+ERROR\\w', '^a$']) assert.equal(facts(source).lineBound, true, source);
  });

  it('what the parser cannot be sure of gives nothing (octal escapes, inline modifiers, \\p without u)', () => {
    for (const [source, flags] of [['\\12ERROR', 'gm'], ['(?i:ERROR)', 'gm'], ['\\p{L}ERROR', 'gm'], ['\\k<x>ERROR', 'gm']]) {
      assert.deepEqual(regexFacts(source, flags), { literals: undefined, lineBound: false }, source);
    }
  });

  it('every match of random patterns contains a literal and, when line-bound, no line break', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const pieces = ['ERROR', 'err', 'timeout', 'k', 's', 'Kelvin', '.', '.*', '\\d+', '[a-z]', '\\s', '[^x]', 'x?', '(ab|cd)', '(?:ERROR|WARN)', '(?<=e)', '\\b', '^', '$', '\\w+', ' ', 'ſ', '错误', 'a{2}', '(t)\\1'];
    const alphabet = ['a', 'b', 'c', 'd', 'e', 'ERROR', 'error', 'WARN', 'timeout', 'TIMEOUT', '\n', '\r', ' ', 'x', 'k', 'K', '\u212a', 's', '\u017f', 'Kelvin', '错误', '1', '23', 'tt'];
    let checked = 0;
    for (let round = 0; round < 3000; round++) {
      let source = '';
      for (let n = 1 + rand(4); n > 0; n--) source += pieces[rand(pieces.length)];
      if (rand(5) === 0) source = `(?:${source})|${pieces[rand(pieces.length)]}${pieces[rand(pieces.length)]}`;
      const flags = ['gm', 'gmi', 'gmu', 'gmiu'][rand(4)];
      const f = regexFacts(source, flags);
      const re = new RegExp(source, flags);
      let text = '';
      for (let n = 0; n < 60; n++) text += alphabet[rand(alphabet.length)];
      for (const m of text.matchAll(re)) {
        if (m[0] === '') continue;
        if (f.lineBound) assert.ok(!/[\n\r]/.test(m[0]), `/${source}/${flags} matched a line break in ${JSON.stringify(m[0])}`);
        if (f.literals) {
          const spellings = f.literals.flatMap((l) => caseVariants(l, flags, 64)!);
          const hay = flags.includes('i') ? m[0].replace(/[A-Z]/g, (c) => c.toLowerCase()) : m[0];
          assert.ok(spellings.some((l) => hay.includes(l)), `/${source}/${flags} matched ${JSON.stringify(m[0])} without any of ${JSON.stringify(f.literals)}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 500, `only ${checked} matches checked`);
  });

  it('case folding: an ASCII letter matches no other character but U+212A (k) and U+017F (s) under iu, none under i; the caseless ranges have no case partners', () => {
    const letters = { iu: /^[a-z]$/iu, i: /^[a-z]$/i };
    const ranges = CASELESS_RANGES.map(([lo, hi]) => `\\u{${lo.toString(16)}}-\\u{${hi.toString(16)}}`).join('');
    const inRanges = { iu: new RegExp(`^[${ranges}]$`, 'iu'), i: new RegExp(`^[${ranges.replace(/\\u\{(\w+)\}/g, (_, h: string) => `\\u${h.padStart(4, '0')}`)}]$`, 'i') };
    const partners: Record<string, number[]> = { iu: [], i: [] };
    for (let code = 0x80; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCodePoint(code);
      const caseless = CASELESS_RANGES.some(([lo, hi]) => code >= lo && code <= hi);
      for (const mode of ['iu', 'i'] as const) {
        if (letters[mode].test(ch)) partners[mode].push(code);
        if (!caseless) assert.equal(inRanges[mode].test(ch), false, `U+${code.toString(16)} folds into a caseless range (${mode})`);
      }
      if (caseless) assert.ok(ch.toLowerCase() === ch && ch.toUpperCase() === ch, `U+${code.toString(16)} has case`);
    }
    assert.deepEqual(partners, { iu: [0x17f, 0x212a], i: [] });
  });
});
