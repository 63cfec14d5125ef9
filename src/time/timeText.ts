import type { TimestampFormatName } from './timestampFormats';

/** What the prompt and the status bar call each format. */
export const FORMAT_LABELS: Record<TimestampFormatName, string> = {
  rfc5424: 'RFC 5424 syslog',
  iso8601: 'ISO 8601',
  datetime: 'YYYY-MM-DD HH:MM:SS',
  rfc3164: 'RFC 3164 syslog (year from the file date)',
  clf: 'Apache/nginx common log',
  'epoch-ms': 'epoch milliseconds',
  'epoch-s': 'epoch seconds',
};

/** Formats that carry a zone (or are UTC by nature): their times are shown and typed as UTC, with 'Z'. */
const ZONED: ReadonlySet<TimestampFormatName> = new Set(['rfc5424', 'clf', 'epoch-ms', 'epoch-s']);

/**
 * A time as a person types it back into Go to Time: '2026-11-30 01:02:03.250'
 * for zone-less formats (read as written), '2026-11-30T01:02:03.250Z' for the
 * others. ISO 8601 lines may carry a zone or not: shown without one, as written.
 */
export function formatTime(ms: number, format: TimestampFormatName): string {
  const iso = new Date(ms).toISOString();
  const trimmed = iso.endsWith('.000Z') ? iso.slice(0, -5) : iso.slice(0, -1);
  return ZONED.has(format) ? `${trimmed}Z` : trimmed.replace('T', ' ');
}
