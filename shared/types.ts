/**
 * The unions both sides name, each declared once beside its guard, and the
 * limits both sides enforce.
 */

/** The view a HugeView editor shows. */
export type ViewMode = 'hex' | 'text';
export function isViewMode(value: unknown): value is ViewMode {
  return value === 'hex' || value === 'text';
}

/** Which implementation serves the bytes: the native mapping or pread. */
export type Backend = 'mmap' | 'pread';
export const BACKENDS: readonly Backend[] = ['mmap', 'pread'];
export function isBackend(value: unknown): value is Backend {
  return value === 'mmap' || value === 'pread';
}

/** Text encodings the text view decodes (WHATWG names, as TextDecoder takes them). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export const TEXT_ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];
export function isEncoding(value: unknown): value is TextEncodingName {
  return typeof value === 'string' && (TEXT_ENCODINGS as readonly string[]).includes(value);
}

/** What the line index counts as a newline: a 0x0A byte, or a UTF-16 LE/BE code unit 0x000A. */
export type NewlineUnit = 'byte' | 'utf16le' | 'utf16be';
export function isNewlineUnit(value: unknown): value is NewlineUnit {
  return value === 'byte' || value === 'utf16le' || value === 'utf16be';
}

/** How long the benchmark runs: a quick pass or the full matrix. */
export type BenchMode = 'quick' | 'full';
export function isBenchMode(value: unknown): value is BenchMode {
  return value === 'quick' || value === 'full';
}

/** The largest selection a copy takes (Ctrl+C and Copy As). */
export const MAX_COPY_BYTES = 16 * 1024 * 1024;
