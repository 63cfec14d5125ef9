import type { TextEncodingName } from '../../shared/types';
import { looksLikeText } from '../../shared/offsets';
import type { NewlineUnit } from '../../shared/types';

export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Western (Windows 1252)',
};

/** What the line index counts as a newline in this encoding. */
export function newlineUnit(encoding: TextEncodingName): NewlineUnit {
  return encoding === 'utf-16le' ? 'utf16le' : encoding === 'utf-16be' ? 'utf16be' : 'byte';
}

export interface Detected {
  encoding: TextEncodingName;
  /** Text, or binary (shown in hex by default). */
  text: boolean;
  reason: string;
}

/**
 * Guesses the encoding from the first bytes: a BOM says so; UTF-16 without a
 * BOM shows as a NUL in every other byte of ASCII text; valid UTF-8 without
 * NUL is UTF-8; otherwise binary (the hex view), decoded as UTF-8 if switched
 * to text (Windows-1252 is offered by the picker and `hugeview.encoding`).
 */
export function detectEncoding(head: Uint8Array): Detected {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', text: true, reason: 'UTF-8 byte order mark' };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', text: true, reason: 'UTF-16 LE byte order mark' };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', text: true, reason: 'UTF-16 BE byte order mark' };
  if (head.length >= 16) {
    let evenZero = 0;
    let oddZero = 0;
    const pairs = Math.floor(Math.min(head.length, 4096) / 2);
    for (let i = 0; i < pairs; i++) {
      if (head[2 * i] === 0) evenZero++;
      if (head[2 * i + 1] === 0) oddZero++;
    }
    if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return { encoding: 'utf-16le', text: true, reason: 'every other byte is NUL (UTF-16 LE without a BOM)' };
    if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return { encoding: 'utf-16be', text: true, reason: 'every other byte is NUL (UTF-16 BE without a BOM)' };
  }
  if (head.length === 0 || looksLikeText(head)) return { encoding: 'utf-8', text: true, reason: 'valid UTF-8 without NUL bytes' };
  return { encoding: 'utf-8', text: false, reason: 'binary: NUL bytes or invalid UTF-8' };
}
