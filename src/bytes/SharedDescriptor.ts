import * as fs from 'node:fs';
import { codedError } from './ByteSource';

/**
 * Opens `path` for reading without blocking (a FIFO put at the path must not
 * wait for a writer) and refuses anything but a regular file or a block
 * device (a disk image): ENOTREG, EISDIR.
 */
export function openRegularFile(path: string): number {
  return openRegularFileStat(path).fd;
}

/** openRegularFile(), with what fstat said of the open file (PreadSource needs its size and kind). */
export function openRegularFileStat(path: string): { fd: number; stat: fs.Stats } {
  const flags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);
  const fd = fs.openSync(path, flags);
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw codedError('EISDIR', `Is a directory, open '${path}'`);
    if (!stat.isFile() && !stat.isBlockDevice()) {
      throw codedError('ENOTREG', `'${path}' is ${fileKind(stat)}, not a regular file; only regular files and block devices can be viewed`);
    }
    return { fd, stat };
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

function fileKind(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** A lease on a shared descriptor: read with `fd` until `release()`. */
export interface DescriptorLease {
  readonly fd: number;
  /** The path it was opened from (for messages: it may name another file by now). */
  readonly path: string;
  release(): void;
}

/**
 * One file descriptor of a byte source (it lends it), that worker threads
 * (search, checksum) read with pread: descriptors are process-wide, so a
 * worker reads the very file the view shows, even after the path was renamed
 * over or replaced by a FIFO. Leases keep the number from being closed and
 * reused under a worker that is still reading; close() waits for the last one.
 */
export class SharedDescriptor {
  private leases = 0;
  private closing = false;
  private fd: number | undefined;

  /** Opens `path` (openRegularFile), or takes `fd`, already open on it: close() closes it. */
  constructor(readonly path: string, fd: number = openRegularFile(path)) {
    this.fd = fd;
  }

  acquire(): DescriptorLease {
    if (this.fd === undefined || this.closing) throw codedError('ECLOSED', `'${this.path}' is closed`);
    const fd = this.fd;
    this.leases++;
    let released = false;
    return {
      fd,
      path: this.path,
      release: () => {
        if (released) return;
        released = true;
        this.leases--;
        if (this.closing && this.leases === 0) this.closeNow();
      },
    };
  }

  /** Closes now, or when the last lease is released. */
  close(): void {
    this.closing = true;
    if (this.leases === 0) this.closeNow();
  }

  private closeNow(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    fs.closeSync(fd);
  }
}
