import type { LineFilter } from '../../shared/protocol/filter';
import type { SearchQuery } from '../../shared/protocol/search';
import type { NativeMappedFile } from '../bytes/nativeAddon';
import type { DescriptorLease } from '../bytes/SharedDescriptor';
import { compileQuery, isWordUnit, literalAsRegex, PatternError } from '../search/compileQuery';
import { prefilteredRegexScanner } from '../search/prefilteredScanner';
import { nativeRangeScanner, regexRangeScanner } from '../search/scanners';
import type { SearchEncoding } from '../search/textCoding';
import type { ScannedFilter } from './FilterScan';

/** What compiling filters needs of the document. */
export interface FilterEngines {
  native: NativeMappedFile | undefined;
  lend: () => DescriptorLease;
  encoding: SearchEncoding;
  /** One byte (whole word looks at the bytes either side of a native match). */
  byteAt(offset: number): number | undefined;
}

function queryOf(filter: LineFilter): SearchQuery {
  return { query: filter.pattern, mode: filter.mode, caseSensitive: filter.caseSensitive, wholeWord: filter.wholeWord };
}

/**
 * Each filter on the search engines Find uses (compileQuery): text through
 * the native kernel (or as a literal regex in the worker under pread),
 * regexes in the worker, with the native prefilter where it applies. Throws
 * PatternError (EPATTERN) with a readable message.
 */
export function compileFilters(filters: LineFilter[], engines: FilterEngines): ScannedFilter[] {
  if (engines.encoding === 'utf-16le' || engines.encoding === 'utf-16be') {
    throw new PatternError('The filtered view works on files shown as UTF-8 or Windows-1252, not UTF-16');
  }
  return filters.map((filter) => {
    const query = queryOf(filter);
    const compiled = compileQuery(query, engines.encoding);
    if (compiled.kind === 'regex') {
      const prefilter = compiled.prefilter;
      const scan = prefilter && engines.native ? prefilteredRegexScanner(engines.native, engines.lend, { ...compiled, prefilter }) : regexRangeScanner(engines.lend, compiled);
      return { scan, exclude: filter.exclude };
    }
    if (!engines.native) return { scan: regexRangeScanner(engines.lend, literalAsRegex(compiled, query)), exclude: filter.exclude };
    const isWholeWord = compiled.wholeWord
      ? (offset: number, length: number) => !isWordUnit(engines.byteAt(offset - 1)) && !isWordUnit(engines.byteAt(offset + length))
      : undefined;
    return { scan: nativeRangeScanner(engines.native, compiled), isWholeWord, exclude: filter.exclude };
  });
}

/** A RegExp per include filter, to highlight its matches in the rows on screen (the decoded text of a few lines). */
export function highlighters(filters: LineFilter[], encoding: SearchEncoding): RegExp[] {
  const out: RegExp[] = [];
  for (const filter of filters) {
    if (filter.exclude) continue;
    const query = queryOf(filter);
    const compiled = compileQuery(query, encoding);
    const regex = compiled.kind === 'regex' ? compiled : literalAsRegex(compiled, query);
    out.push(new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`));
  }
  return out;
}

/** [start, end, …] of every highlighter's matches in `text`, sorted and merged. */
export function highlightRanges(text: string, regexes: RegExp[]): number[] {
  const ranges: Array<[number, number]> = [];
  for (const regex of regexes) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m && ranges.length < 200; m = regex.exec(text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [s, e] of ranges) {
    if (merged.length && s <= merged[merged.length - 1]) merged[merged.length - 1] = Math.max(merged[merged.length - 1], e);
    else merged.push(s, e);
  }
  return merged;
}
