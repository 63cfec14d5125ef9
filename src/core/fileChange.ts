import * as fs from 'node:fs';

/**
 * What happened to a file since it was last looked at:
 * - `none`: same file, same size, same mtime;
 * - `append`: it grew and the bytes already seen are unchanged (tail -f's case: keep the line index, read on);
 * - `rewrite`: same file (inode) but other bytes: it shrank, or kept its size with a new mtime, or grew
 *   with its first or last-seen bytes changed (O_TRUNC and a longer rewrite, copytruncate);
 * - `replaced`: the path now names another file (rename-and-create rotation, an editor's atomic save).
 */
export type ChangeKind = 'none' | 'append' | 'rewrite' | 'replaced';

/** What is remembered of a file to tell an append from a rewrite: identity, size, mtime and the bytes at both ends. */
export interface FileMark {
  dev: bigint;
  ino: bigint;
  mtimeNs: bigint;
  size: number;
  /** The first EDGE bytes (fewer in a smaller file). */
  head: Uint8Array;
  /** The last EDGE bytes before `size`. */
  tail: Uint8Array;
}

/** The identity and mtime of what a path names now; undefined when nothing is there (mid-rotation). */
export type PathStat = Pick<fs.BigIntStats, 'dev' | 'ino' | 'mtimeNs'> | undefined;

/** Bytes compared at each end: one page, a read of a few microseconds. */
export const EDGE = 4096;

export type ReadBytes = (offset: number, length: number) => Uint8Array;

export function statPath(path: string): PathStat {
  try {
    return fs.statSync(path, { bigint: true });
  } catch {
    return undefined;
  }
}

/** Marks the file as it is now (`size` bytes, read through `read`). */
export function markFile(stat: PathStat, size: number, read: ReadBytes, previous?: FileMark): FileMark {
  const headLength = Math.min(EDGE, size);
  const tailStart = Math.max(0, size - EDGE);
  const safely = (offset: number, length: number) => {
    try {
      return read(offset, length);
    } catch {
      return new Uint8Array(0); // shrank meanwhile: the next look sees a smaller size, a rewrite
    }
  };
  return {
    dev: stat?.dev ?? previous?.dev ?? 0n,
    ino: stat?.ino ?? previous?.ino ?? 0n,
    mtimeNs: stat?.mtimeNs ?? previous?.mtimeNs ?? 0n,
    size,
    head: headLength > 0 ? safely(0, headLength) : new Uint8Array(0),
    tail: size > tailStart ? safely(tailStart, size - tailStart) : new Uint8Array(0),
  };
}

/**
 * Classifies the change from `mark` to the file as it is now: `stat` is what
 * the path names (undefined if nothing), `size` the open file's size, `read`
 * reads the open file. A read that fails (the file shrank meanwhile) counts as
 * a rewrite.
 */
export function classifyChange(mark: FileMark, stat: PathStat, size: number, read: ReadBytes): ChangeKind {
  if (stat && (stat.dev !== mark.dev || stat.ino !== mark.ino)) return 'replaced';
  if (size < mark.size) return 'rewrite';
  const touched = stat !== undefined && stat.mtimeNs !== mark.mtimeNs;
  if (size === mark.size) return touched ? 'rewrite' : 'none';
  try {
    if (!sameBytes(read(0, mark.head.length), mark.head)) return 'rewrite';
    if (!sameBytes(read(mark.size - mark.tail.length, mark.tail.length), mark.tail)) return 'rewrite';
  } catch {
    return 'rewrite';
  }
  return 'append';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
