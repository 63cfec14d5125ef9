/**
 * "Copy as" formats. Each formatter takes the selection in chunks (so a big
 * selection is read and formatted a piece at a time) and gives back text
 * parts; joining them gives the same text whatever the chunk sizes were.
 * Pure: no vscode, no file access.
 */

export type CopyAsFormat = 'hex' | 'hexSpaced' | 'c' | 'go' | 'python' | 'json' | 'base64' | 'utf8' | 'offsetHex' | 'offsetDecimal';

export interface CopyAsInfo {
  format: CopyAsFormat;
  label: string;
  example: string;
  /** Output characters per input byte, at most (for the size cap); 0 for the offset formats. */
  charsPerByte: number;
}

export const COPY_AS_FORMATS: readonly CopyAsInfo[] = [
  { format: 'hex', label: 'Hex', example: 'DEADBEEF', charsPerByte: 2 },
  { format: 'hexSpaced', label: 'Hex with spaces', example: 'DE AD BE EF', charsPerByte: 3 },
  { format: 'c', label: 'C array', example: 'unsigned char data[4] = { 0xDE, 0xAD, … };', charsPerByte: 7 },
  { format: 'go', label: 'Go slice', example: '[]byte{0xDE, 0xAD, …}', charsPerByte: 7 },
  { format: 'python', label: 'Python bytes', example: "b'\\xde\\xad\\xbe\\xef'", charsPerByte: 4 },
  { format: 'json', label: 'JSON array', example: '[222, 173, 190, 239]', charsPerByte: 5 },
  { format: 'base64', label: 'Base64', example: '3q2+7w==', charsPerByte: 2 },
  { format: 'utf8', label: 'UTF-8 text', example: 'text as decoded', charsPerByte: 1 },
  { format: 'offsetHex', label: 'Offset (hex)', example: '0x1F00 or 0x1F00-0x1FFF', charsPerByte: 0 },
  { format: 'offsetDecimal', label: 'Offset (decimal)', example: '7936 or 7936-8191', charsPerByte: 0 },
];

export function isCopyAsFormat(value: unknown): value is CopyAsFormat {
  return COPY_AS_FORMATS.some((info) => info.format === value);
}

/** Bytes per line in the C and Go formats. */
export const ARRAY_LINE_BYTES = 12;

export interface ChunkFormatter {
  /** Text for the next chunk of the selection. */
  push(chunk: Uint8Array): string;
  /** The closing text. */
  end(): string;
}

const HEX_UPPER = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, '0'));
const HEX_LOWER = HEX_UPPER.map((h) => h.toLowerCase());

/** A formatter for the bytes of a selection of `total` bytes (the C format names its length up front). */
export function createFormatter(format: Exclude<CopyAsFormat, 'offsetHex' | 'offsetDecimal'>, total: number): ChunkFormatter {
  switch (format) {
    case 'hex':
      return perByte('', (b) => HEX_UPPER[b], '', '');
    case 'hexSpaced':
      return perByte('', (b) => HEX_UPPER[b], ' ', '');
    case 'json':
      return perByte('[', String, ', ', ']');
    case 'c':
      return arrayLines(`unsigned char data[${total}] = {`, '};', total);
    case 'go':
      return arrayLines('[]byte{', '}', total);
    case 'python':
      return python();
    case 'base64':
      return base64();
    case 'utf8':
      return utf8();
  }
}

/** The whole text for `bytes` in one go (tests, small selections). */
export function formatBytes(format: Exclude<CopyAsFormat, 'offsetHex' | 'offsetDecimal'>, bytes: Uint8Array): string {
  const formatter = createFormatter(format, bytes.length);
  return formatter.push(bytes) + formatter.end();
}

/** The cursor (empty selection) or the selection [start, end) as "start-last", last inclusive. */
export function formatOffsets(format: 'offsetHex' | 'offsetDecimal', start: number, end: number): string {
  const show = (n: number) => (format === 'offsetHex' ? '0x' + n.toString(16).toUpperCase() : String(n));
  return end > start ? `${show(start)}-${show(end - 1)}` : show(start);
}

function perByte(open: string, each: (byte: number) => string, separator: string, close: string): ChunkFormatter {
  let first = true;
  return {
    push(chunk) {
      if (chunk.length === 0) return '';
      const parts = new Array<string>(chunk.length);
      for (let i = 0; i < chunk.length; i++) parts[i] = each(chunk[i]);
      const text = (first ? open : separator) + parts.join(separator);
      first = false;
      return text;
    },
    end: () => (first ? open + close : close),
  };
}

/**
 * C and Go: ARRAY_LINE_BYTES per line, indented four spaces, a comma after
 * every byte but the last (C) or after every byte (Go, which needs one
 * before a closing brace on its own line).
 */
function arrayLines(open: string, close: string, total: number): ChunkFormatter {
  const goStyle = close === '}';
  let index = 0;
  return {
    push(chunk) {
      const parts: string[] = [];
      for (let i = 0; i < chunk.length; i++, index++) {
        const column = index % ARRAY_LINE_BYTES;
        const last = index === total - 1;
        parts.push((index === 0 ? open + '\n    ' : column === 0 ? '\n    ' : ' ') + '0x' + HEX_UPPER[chunk[i]] + (last && !goStyle ? '' : ','));
      }
      return parts.join('');
    },
    end: () => (index === 0 ? open + close : '\n' + close),
  };
}

/** b'…' as Python's repr() writes it: printable ASCII as itself, \\ \' \t \n \r escaped, the rest \xNN. */
function python(): ChunkFormatter {
  const table = Array.from({ length: 256 }, (_, b) => {
    if (b === 0x5c) return '\\\\';
    if (b === 0x27) return "\\'";
    if (b === 0x09) return '\\t';
    if (b === 0x0a) return '\\n';
    if (b === 0x0d) return '\\r';
    if (b >= 0x20 && b < 0x7f) return String.fromCharCode(b);
    return '\\x' + HEX_LOWER[b];
  });
  let first = true;
  return {
    push(chunk) {
      const parts = new Array<string>(chunk.length);
      for (let i = 0; i < chunk.length; i++) parts[i] = table[chunk[i]];
      const text = (first ? "b'" : '') + parts.join('');
      first = false;
      return text;
    },
    end: () => (first ? "b''" : "'"),
  };
}

/** Base64 in chunks: up to two bytes wait for the next chunk so every group of three encodes whole. */
function base64(): ChunkFormatter {
  let carry = new Uint8Array(0);
  return {
    push(chunk) {
      const joined = new Uint8Array(carry.length + chunk.length);
      joined.set(carry);
      joined.set(chunk, carry.length);
      const whole = joined.length - (joined.length % 3);
      carry = joined.slice(whole);
      return Buffer.from(joined.buffer, joined.byteOffset, whole).toString('base64');
    },
    end: () => Buffer.from(carry).toString('base64'),
  };
}

/** UTF-8 text; invalid sequences become U+FFFD, a sequence split between chunks decodes whole. */
function utf8(): ChunkFormatter {
  const decoder = new TextDecoder('utf-8');
  return {
    push: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}
