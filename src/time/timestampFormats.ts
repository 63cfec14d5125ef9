/**
 * The timestamp notations Go to Time understands, each a parser of one line's
 * head (its first bytes, as Latin-1 text) to milliseconds since the epoch.
 *
 * Times without a zone (ISO 8601 without one, 'YYYY-MM-DD HH:MM:SS', RFC 3164)
 * are read as written, as if UTC; a query without a zone is read the same way
 * (parseTimeQuery), so both sides compare as wall-clock times.
 */

export type TimestampFormatName = 'rfc5424' | 'iso8601' | 'datetime' | 'rfc3164' | 'clf' | 'epoch-ms' | 'epoch-s';

export interface TimestampFormat {
  readonly name: TimestampFormatName;
  /** Milliseconds since the epoch (fractions kept), or undefined when the line has no timestamp of this format. */
  parse(head: string): number | undefined;
}

/** How many characters of a line the parsers look at. */
export const HEAD_CHARS = 256;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_INDEX = new Map(MONTHS.map((m, i) => [m, i]));

const ISO_BODY = String.raw`(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?`;
/** At the line start, or inside a leading '['. */
const ISO_LINE = new RegExp(String.raw`^\[?` + ISO_BODY);
/** '<PRI>VERSION ' then an ISO time (RFC 5424). */
const RFC5424_LINE = new RegExp(String.raw`^<\d{1,3}>\d{1,2} ` + ISO_BODY);
/** 'Nov 30 01:02:03' with an optional '<PRI>' (RFC 3164): no year. */
const RFC3164_LINE = /^(?:<\d{1,3}>)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \d]\d) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?![\d:])/;
/** '[10/Oct/2000:13:55:36 -0700]' anywhere in the head (Apache/nginx common and combined log). */
const CLF = /\[(\d{2})\/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\]/;
const EPOCH_MS = /^\[?(\d{13})(?:\.(\d{1,6}))?(?![\d])/;
const EPOCH_S = /^\[?(\d{10})(?:\.(\d{1,9}))?(?![\d])/;

/** A fraction of a second written as digits, in milliseconds. */
function fractionMs(digits: string | undefined): number {
  return digits ? Number(`0.${digits}`) * 1000 : 0;
}

function zoneMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
  return zone[0] === '-' ? -minutes : minutes;
}

function validParts(month: number, day: number, hour: number, minute: number, second: number): boolean {
  return month >= 0 && month < 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 61;
}

/** The groups of ISO_BODY starting at `at` in `m`, or undefined when the numbers are out of range. */
function isoTime(m: RegExpExecArray, at: number): number | undefined {
  const [year, month, day, , hour, minute, second] = [1, 2, 3, 4, 5, 6, 7].map((k) => Number(m[at + k - 1] ?? 0));
  if (!validParts(month - 1, day, hour, minute, second)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second) + fractionMs(m[at + 7]) - zoneMinutes(m[at + 8]) * 60_000;
}

const iso8601: TimestampFormat = {
  name: 'iso8601',
  parse(head) {
    const m = ISO_LINE.exec(head);
    return m && m[4] === 'T' ? isoTime(m, 1) : undefined;
  },
};

const datetime: TimestampFormat = {
  name: 'datetime',
  parse(head) {
    const m = ISO_LINE.exec(head);
    return m && m[4] === ' ' ? isoTime(m, 1) : undefined;
  },
};

const rfc5424: TimestampFormat = {
  name: 'rfc5424',
  parse(head) {
    const m = RFC5424_LINE.exec(head);
    return m ? isoTime(m, 1) : undefined;
  },
};

const clf: TimestampFormat = {
  name: 'clf',
  parse(head) {
    const m = CLF.exec(head);
    if (!m) return undefined;
    const [day, hour, minute, second] = [m[1], m[4], m[5], m[6]].map(Number);
    const month = MONTH_INDEX.get(m[2]) ?? -1;
    if (!validParts(month, day, hour, minute, second)) return undefined;
    const zone = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
    return Date.UTC(Number(m[3]), month, day, hour, minute, second) - zone * 60_000;
  },
};

const epochMs: TimestampFormat = {
  name: 'epoch-ms',
  parse(head) {
    const m = EPOCH_MS.exec(head);
    return m ? Number(m[1]) + fractionMs(m[2]) / 1000 : undefined;
  },
};

const epochS: TimestampFormat = {
  name: 'epoch-s',
  parse(head) {
    const m = EPOCH_S.exec(head);
    return m ? Number(m[1]) * 1000 + fractionMs(m[2]) : undefined;
  },
};

/**
 * RFC 3164 has no year. The year is inferred from a reference time (the
 * file's mtime): the file's last timestamp is taken to be in the reference
 * year, or the year before when its month is after the reference month; a
 * line whose month is after the last line's month is from the year before
 * that (one New Year inside the file, as logrotate keeps it).
 */
export function rfc3164(lastMonth: number, lastYear: number): TimestampFormat & { monthOf(head: string): number | undefined } {
  const fields = (head: string) => {
    const m = RFC3164_LINE.exec(head);
    if (!m) return undefined;
    const month = MONTH_INDEX.get(m[1]) ?? -1;
    const [day, hour, minute, second] = [m[2].trim(), m[3], m[4], m[5]].map(Number);
    return validParts(month, day, hour, minute, second) ? { month, day, hour, minute, second, fraction: fractionMs(m[6]) } : undefined;
  };
  return {
    name: 'rfc3164',
    monthOf: (head) => fields(head)?.month,
    parse(head) {
      const f = fields(head);
      if (!f) return undefined;
      const year = f.month > lastMonth ? lastYear - 1 : lastYear;
      return Date.UTC(year, f.month, f.day, f.hour, f.minute, f.second) + f.fraction;
    },
  };
}

/** The year and month the last RFC 3164 line belongs to, given the reference time (ms). */
export function rfc3164Year(lastMonth: number, referenceTime: number): number {
  const reference = new Date(referenceTime);
  return lastMonth > reference.getUTCMonth() ? reference.getUTCFullYear() - 1 : reference.getUTCFullYear();
}

/** Every format, most specific first (a tie in detection goes to the earlier one). */
export function candidateFormats(): TimestampFormat[] {
  return [rfc5424, iso8601, datetime, clf, rfc3164(11, new Date().getUTCFullYear()), epochMs, epochS];
}

/**
 * The format most of `heads` (the first lines) parse with, or undefined when
 * none parses a single line.
 */
export function detectFormat(heads: string[]): TimestampFormat | undefined {
  let best: TimestampFormat | undefined;
  let bestHits = 0;
  for (const format of candidateFormats()) {
    const hits = heads.reduce((n, head) => n + (format.parse(head) === undefined ? 0 : 1), 0);
    if (hits > bestHits) {
      best = format;
      bestHits = hits;
    }
  }
  return best;
}

/**
 * A time the user typed: ISO 8601 or 'YYYY-MM-DD HH:MM[:SS[.fff]]' (with or
 * without a zone; without one it is read as written, like the file's zone-less
 * times), epoch seconds (10 digits) or milliseconds (13 digits), or a line's
 * own timestamp in the file's format. Undefined when it is none of these.
 */
export function parseTimeQuery(text: string, format?: TimestampFormat): number | undefined {
  const trimmed = text.trim();
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (date) return iso8601.parse(`${trimmed}T00:00:00`);
  for (const f of [iso8601, datetime, epochMs, epochS, ...(format ? [format] : [])]) {
    const value = f.parse(trimmed);
    if (value !== undefined) return value;
  }
  return undefined;
}
