import { isLineFilter, MAX_CONTEXT, MAX_FILTERS, type FilterSpec, type LineFilter } from '../../shared/protocol/filter';
import { isRecord } from '../../shared/rpc';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? Math.min(value, MAX_CONTEXT) : undefined;
}

/**
 * hugeview.filter's argument: { filters: [{ pattern, mode, caseSensitive,
 * wholeWord, exclude }], combine: 'all' | 'any', context } (context: -C, or
 * before/after: -B/-A). Omitted fields take Find's defaults; undefined when
 * it is not a filter at all.
 */
export function parseFilterArgs(args: unknown): FilterSpec | undefined {
  if (!isRecord(args) || !Array.isArray(args.filters)) return undefined;
  const filters: LineFilter[] = [];
  for (const f of args.filters.slice(0, MAX_FILTERS)) {
    if (!isRecord(f)) return undefined;
    const filter = { pattern: f.pattern, mode: f.mode ?? 'text', caseSensitive: f.caseSensitive ?? false, wholeWord: f.wholeWord ?? false, exclude: f.exclude ?? false };
    if (!isLineFilter(filter)) return undefined;
    filters.push(filter);
  }
  const context = count(args.context) ?? 0;
  return { filters, combine: args.combine === 'any' ? 'any' : 'all', before: count(args.before) ?? context, after: count(args.after) ?? context };
}

