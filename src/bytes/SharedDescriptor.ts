import * as fs from 'node:fs';
import { codedError } from './ByteSource';

/**
 * Opens `path` for reading without blocking (a FIFO put at the path must not
 * wait for a writer) and refuses anything but a regular file or a block
 * device (a disk image): ENOTREG, EISDIR.
 */
export function openRegularFile(path: string): number {
  const flags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);
  const fd = fs.openSync(path, flags);
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw codedError('EISDIR', `Is a directory, open '${path}'`);
    if (!stat.isFile() && !stat.isBlockDevice()) throw codedError('ENOTREG', `'${path}' is not a regular file`);
    return fd;
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}

/** A lease on a shared descriptor: read with `fd` until `release()`. */
export interface DescriptorLease {
  readonly fd: number;
  /** The path it was opened from (for messages: it may name another file by now). */
  readonly path: string;
  release(): void;
}

/**
 * One file descriptor of a document, opened with it, that worker threads
 * (search, checksum) read with pread: descriptors are process-wide, so a
 * worker reads the very file the view shows, even after the path was renamed
 * over or replaced by a FIFO. Leases keep the number from being closed and
 * reused under a worker that is still reading; close() waits for the last one.
 */
export class SharedDescriptor {
  private leases = 0;
  private closing = false;
  private fd: number | undefined;

  constructor(readonly path: string) {
    this.fd = openRegularFile(path);
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
