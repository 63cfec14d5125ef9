import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NewlineUnit } from '../../shared/types';

/** What a line index has counted: enough to answer at once, or to go on counting from `scannedTo`. */
export interface IndexSnapshot {
  /** Bytes [0, scannedTo) are counted. */
  scannedTo: number;
  /** Newlines in [0, scannedTo). */
  newlines: number;
  /** Flat pairs [newlinesBefore, offset, …] in offset order (LineIndex's checkpoints). */
  checkpoints: Float64Array;
}

/**
 * 'unchanged': the file is the one indexed (same device, inode, size, mtime,
 * first and last 64 KiB); 'appended': the same file grown by appends (its old
 * first and last 64 KiB still there, at the same offsets). Either way the
 * snapshot is a prefix of the file: count on from its scannedTo.
 */
export interface CachedIndex {
  kind: 'unchanged' | 'appended';
  snapshot: IndexSnapshot;
}

/** The edges of a file that are hashed: its first and last 64 KiB. */
const EDGE = 64 * 1024;
const MAGIC = 'HVIDX1\n\0';
const SUFFIX = '.hvidx';
/** Temp files older than this are a crashed writer's: removed when the folder is trimmed. */
const STALE_TEMP_MS = 60 * 60 * 1000;

interface Identity {
  dev: string;
  ino: string;
  size: number;
  mtimeNs: string;
  headLength: number;
  headHash: string;
  tailOffset: number;
  tailHash: string;
}

interface EntryHeader extends Identity {
  unit: NewlineUnit;
  scannedTo: number;
  newlines: number;
  pairs: number;
  checkpointsHash: string;
}

/**
 * Line index checkpoints kept on disk between sessions (the extension's global
 * storage), one file per (device, inode, newline unit), so reopening an
 * unchanged log has line numbers at once and an appended one counts only what
 * was added. Writes are atomic (temp file + rename); a file that does not read
 * back whole is removed and treated as absent; the folder is kept under
 * `maxBytes` by removing the least recently used entries (use touches an
 * entry's mtime). Several processes may share the folder.
 *
 * Not detected: a rewrite of the same size that restores the mtime and leaves
 * the first and last 64 KiB as they were.
 */
export class LineIndexCache {
  private lastStamp = 0;

  constructor(
    readonly folder: string,
    /** The bound on the folder's size, read at each use (a setting can change it); 0 turns the cache off. */
    private readonly bound: number | (() => number),
  ) {}

  get maxBytes(): number {
    const value = typeof this.bound === 'number' ? this.bound : this.bound();
    return Number.isFinite(value) && value > 0 ? value : 0;
  }

  /** Whether lookups and stores do anything (a bound of 0 turns the cache off). */
  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** Removes every entry (and temp file) in the folder; resolves with how many entries went. */
  async clear(): Promise<number> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.folder);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith(SUFFIX) && !name.endsWith('.tmp')) continue;
      await fs.promises.rm(path.join(this.folder, name), { force: true });
      if (name.endsWith(SUFFIX)) removed++;
    }
    return removed;
  }

  /** The cached index of the file open at `fd`, or undefined (a miss removes a stale entry). */
  async lookup(fd: number, unit: NewlineUnit = 'byte'): Promise<CachedIndex | undefined> {
    if (!this.enabled) return undefined;
    const stat = await fstat(fd);
    const file = this.entryPath(stat, unit);
    const entry = await readEntry(file);
    if (!entry) return undefined;
    const { header, checkpoints } = entry;
    const size = Number(stat.size);
    const snapshot = { scannedTo: header.scannedTo, newlines: header.newlines, checkpoints };
    let kind: CachedIndex['kind'] | undefined;
    if (header.unit === unit && size >= header.size) {
      const head = await hashRange(fd, 0, header.headLength);
      const oldTail = await hashRange(fd, header.tailOffset, header.size - header.tailOffset);
      if (head === header.headHash && oldTail === header.tailHash) {
        kind = size === header.size && String(stat.mtimeNs) === header.mtimeNs ? 'unchanged' : size > header.size ? 'appended' : undefined;
      }
    }
    if (!kind) {
      await fs.promises.rm(file, { force: true });
      return undefined;
    }
    await this.touch(file);
    return { kind, snapshot };
  }

  /** What the entry for the file at `file` says it holds, read without checking it against the file (tests, diagnostics). */
  async describe(file: string, unit: NewlineUnit = 'byte'): Promise<{ size: number; scannedTo: number; newlines: number } | undefined> {
    const stat = await fs.promises.stat(file, { bigint: true }).catch(() => undefined);
    const entry = stat && parseEntry(await fs.promises.readFile(this.entryPath(stat, unit)).catch(() => Buffer.alloc(0)));
    return entry && { size: entry.header.size, scannedTo: entry.header.scannedTo, newlines: entry.header.newlines };
  }

  /** Keeps `snapshot` (a prefix of the file open at `fd`) for the next session; trims the folder to maxBytes. */
  async store(fd: number, snapshot: IndexSnapshot, unit: NewlineUnit = 'byte'): Promise<void> {
    if (!this.enabled) return;
    const stat = await fstat(fd);
    const size = Number(stat.size);
    if (snapshot.scannedTo > size || snapshot.checkpoints.length % 2 !== 0) return;
    const headLength = Math.min(EDGE, size);
    const tailOffset = Math.max(0, size - EDGE);
    const checkpoints = Buffer.from(snapshot.checkpoints.buffer, snapshot.checkpoints.byteOffset, snapshot.checkpoints.byteLength);
    const header: EntryHeader = {
      dev: String(stat.dev),
      ino: String(stat.ino),
      size,
      mtimeNs: String(stat.mtimeNs),
      headLength,
      headHash: await hashRange(fd, 0, headLength),
      tailOffset,
      tailHash: await hashRange(fd, tailOffset, size - tailOffset),
      unit,
      scannedTo: snapshot.scannedTo,
      newlines: snapshot.newlines,
      pairs: snapshot.checkpoints.length / 2,
      checkpointsHash: sha256(checkpoints),
    };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length);
    const padding = Buffer.alloc((8 - ((MAGIC.length + 4 + json.length) % 8)) % 8, 0x20);
    const bytes = Buffer.concat([Buffer.from(MAGIC, 'latin1'), length, json, padding, checkpoints]);
    if (bytes.length > this.maxBytes) return;
    await fs.promises.mkdir(this.folder, { recursive: true });
    const file = this.entryPath(stat, unit);
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await fs.promises.writeFile(temp, bytes);
      await fs.promises.rename(temp, file);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    await this.touch(file);
    await this.trim(file);
  }

  /** Removes least recently used entries until the folder holds at most maxBytes; `keep` goes last. */
  async trim(keep?: string): Promise<void> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.folder);
    } catch {
      return;
    }
    const entries: Array<{ file: string; size: number; used: number }> = [];
    for (const name of names) {
      const file = path.join(this.folder, name);
      const stat = await fs.promises.stat(file).catch(() => undefined);
      if (!stat?.isFile()) continue;
      if (name.endsWith('.tmp')) {
        if (Date.now() - stat.mtimeMs > STALE_TEMP_MS) await fs.promises.rm(file, { force: true });
        continue;
      }
      if (name.endsWith(SUFFIX)) entries.push({ file, size: stat.size, used: file === keep ? Infinity : stat.mtimeMs });
    }
    entries.sort((a, b) => a.used - b.used);
    let total = entries.reduce((sum, e) => sum + e.size, 0);
    for (const entry of entries) {
      if (total <= this.maxBytes) break;
      await fs.promises.rm(entry.file, { force: true });
      total -= entry.size;
    }
  }

  private entryPath(stat: fs.BigIntStats, unit: NewlineUnit): string {
    return path.join(this.folder, sha256(Buffer.from(`${stat.dev}:${stat.ino}:${unit}`)).slice(0, 32) + SUFFIX);
  }

  /** Marks an entry used now (its mtime), strictly later than the last one this process marked. */
  private async touch(file: string): Promise<void> {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    const when = new Date(this.lastStamp);
    await fs.promises.utimes(file, when, when).catch(() => undefined);
  }
}

function fstat(fd: number): Promise<fs.BigIntStats> {
  return new Promise((resolve, reject) => fs.fstat(fd, { bigint: true }, (error, stat) => (error ? reject(error) : resolve(stat))));
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** sha256 of the file's bytes [offset, offset + length); a short read (the file shrank) hashes what is there. */
async function hashRange(fd: number, offset: number, length: number): Promise<string> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await new Promise<{ bytesRead: number }>((resolve, reject) =>
      fs.read(fd, buffer, done, length - done, offset + done, (error, bytesRead) => (error ? reject(error) : resolve({ bytesRead }))),
    );
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return `${done}:${sha256(buffer.subarray(0, done))}`;
}

/** An entry read back whole, or undefined (absent; or corrupt, and then removed). */
async function readEntry(file: string): Promise<{ header: EntryHeader; checkpoints: Float64Array } | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch {
    return undefined;
  }
  const entry = parseEntry(bytes);
  if (!entry) await fs.promises.rm(file, { force: true });
  return entry;
}

function parseEntry(bytes: Buffer): { header: EntryHeader; checkpoints: Float64Array } | undefined {
  try {
    if (bytes.length < MAGIC.length + 4 || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const jsonLength = bytes.readUInt32LE(MAGIC.length);
    const jsonEnd = MAGIC.length + 4 + jsonLength;
    if (jsonEnd > bytes.length) return undefined;
    const header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, jsonEnd)) as EntryHeader;
    const start = jsonEnd + ((8 - (jsonEnd % 8)) % 8);
    const numbers = [header.size, header.headLength, header.tailOffset, header.scannedTo, header.newlines, header.pairs];
    if (!numbers.every((n) => Number.isSafeInteger(n) && n >= 0) || bytes.length !== start + header.pairs * 16) return undefined;
    const body = bytes.subarray(start);
    if (sha256(body) !== header.checkpointsHash) return undefined;
    const checkpoints = new Float64Array(header.pairs * 2);
    new Uint8Array(checkpoints.buffer).set(body);
    if (header.scannedTo > header.size) return undefined;
    return { header, checkpoints };
  } catch {
    return undefined;
  }
}
