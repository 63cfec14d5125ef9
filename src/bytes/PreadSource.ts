import * as fs from 'node:fs';
import { codedError, type ByteSource } from './ByteSource';

/**
 * Bytes through pread (fs.readSync at a position). Stands in where the addon
 * cannot load, and is the baseline the benchmark compares mmap against. It
 * refuses the same files the addon refuses, with the same codes.
 */
export class PreadSource implements ByteSource {
  readonly backend = 'pread' as const;
  private fd: number | undefined;
  private knownSize: number;

  constructor(
    readonly path: string,
    readonly fallbackReason?: string,
  ) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
    const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
    try {
      const stat = fs.fstatSync(fd);
      if (stat.isDirectory()) throw codedError('EISDIR', `Is a directory, open '${path}'`);
      if (!stat.isFile()) {
        throw codedError('ENOTREG', `'${path}' is ${fileKind(stat)}, not a regular file; only regular files can be viewed`);
      }
      this.knownSize = stat.size;
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
    this.fd = fd;
  }

  get size(): number {
    return this.knownSize;
  }

  read(offset: number, target: Uint8Array): number {
    const fd = this.openFd('read');
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new RangeError('Usage: source.read(offset: number, target: Uint8Array) — offset must be a non-negative safe integer');
    }
    if (offset >= this.knownSize || target.length === 0) return 0;
    const wanted = Math.min(target.length, this.knownSize - offset);
    let done = 0;
    while (done < wanted) {
      const n = fs.readSync(fd, target, done, wanted - done, offset + done);
      if (n === 0) {
        // The file is shorter than we knew: the same case the mapping reports
        // as a fault on a vanished page. Unless its size still says the bytes
        // are there: a pseudo-file (sysfs says 4096 bytes for 40 bytes of
        // text, and refuses mmap) ends where its content ends.
        if (fs.fstatSync(fd).size < offset + wanted) {
          throw codedError('ETRUNCATED', `'${this.path}' shrank while open; bytes at offset ${offset + done} are gone`);
        }
        return done;
      }
      done += n;
    }
    return done;
  }

  refresh(): number {
    this.knownSize = fs.fstatSync(this.openFd('refresh')).size;
    return this.knownSize;
  }

  close(): void {
    fs.closeSync(this.openFd('close'));
    this.fd = undefined;
  }

  private openFd(method: string): number {
    if (this.fd === undefined) throw codedError('ECLOSED', `source.${method}() after close() on '${this.path}'`);
    return this.fd;
  }
}

function fileKind(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}
