// What the strings tests compare against: binutils `strings -a -t d`, and the generated binaries they run on.
import { execFileSync } from 'node:child_process';

/** binutils strings with decimal offsets; fails loudly, with the install hint, when it is missing. */
export function binutilsStrings(file: string, args: string[]): string {
  try {
    return execFileSync('strings', ['-a', '-t', 'd', ...args, file], { maxBuffer: 1 << 30 }).toString('latin1');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('binutils `strings` is missing: apt-get install binutils');
    throw e;
  }
}

/**
 * Text, UTF-16 LE words (at both alignments), tabs, high and control bytes and
 * noise, in short runs, from `seed`. With `brokenWide`, one UTF-16 high byte in
 * 40 is 0x01 rather than 0, so wide runs also end mid-word.
 */
export function stringsBinary(size: number, seed: number, brokenWide: boolean): Buffer {
  const out = Buffer.alloc(size);
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
  const printable = 'abcdefghijklmnopqrstuvwxyz ABC0123456789\t~!@#';
  for (let i = 0; i < size; ) {
    const kind = rand(10);
    const n = 1 + rand(24);
    for (let k = 0; k < n && i < size; k++) {
      if (kind < 3) out[i++] = printable.charCodeAt(rand(printable.length));
      else if (kind < 5) {
        out[i++] = printable.charCodeAt(rand(printable.length));
        if (i < size) out[i++] = brokenWide && rand(40) === 0 ? 1 : 0;
      } else if (kind === 5) out[i++] = 0x80 + rand(128);
      else if (kind === 6) out[i++] = [0, 10, 13, 0x7f, 1][rand(5)];
      else out[i++] = rand(256);
    }
  }
  return out;
}
