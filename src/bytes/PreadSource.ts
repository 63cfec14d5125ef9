import * as fs from 'node:fs';
import { codedError, type ByteSource } from './ByteSource';
import { openRegularFileStat, SharedDescriptor, type DescriptorLease } from './SharedDescriptor';

/**
 * Bytes through pread (fs.readSync at a position). Stands in where the addon
 * cannot load, and is the baseline the benchmark compares mmap against. It
 * refuses the same files the addon refuses, with the same codes.
 */
export class PreadSource implements ByteSource {
  readonly backend = 'pread' as const;
  private fd: number | undefined;
  private knownSize: number;
  /** A block device: st_size is 0, the size comes from the device. */
  private readonly device: boolean;
  /** The same descriptor, lent to worker threads: it closes when the source has and the last lease is back. */
  private readonly descriptor: SharedDescriptor;

  constructor(
    readonly path: string,
    readonly fallbackReason?: string,
  ) {
    // Without blocking (a FIFO must not wait for a writer), and only a regular file or a block device.
    const { fd, stat } = openRegularFileStat(path);
    try {
      this.device = stat.isBlockDevice();
      this.knownSize = this.device ? deviceSize(fd) : stat.size;
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
    this.fd = fd;
    this.descriptor = new SharedDescriptor(path, fd);
  }

  lendDescriptor(): DescriptorLease {
    this.openFd('lendDescriptor');
    return this.descriptor.acquire();
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
        if (this.currentSize(fd) < offset + wanted) {
          throw codedError('ETRUNCATED', `'${this.path}' shrank while open; bytes at offset ${offset + done} are gone`);
        }
        return done;
      }
      done += n;
    }
    return done;
  }

  refresh(): number {
    this.knownSize = this.currentSize(this.openFd('refresh'));
    return this.knownSize;
  }

  private currentSize(fd: number): number {
    return this.device ? deviceSize(fd) : fs.fstatSync(fd).size;
  }

  close(): void {
    this.openFd('close');
    this.fd = undefined;
    this.descriptor.close(); // now, or when the last worker reading it has finished
  }

  private openFd(method: string): number {
    if (this.fd === undefined) throw codedError('ECLOSED', `source.${method}() after close() on '${this.path}'`);
    return this.fd;
  }
}

/**
 * A block device's size without the addon (Node has no lseek or ioctl): the
 * first offset where a 1-byte read comes back empty, found by doubling then
 * bisecting, about 2·log2(size) reads.
 */
function deviceSize(fd: number): number {
  const one = Buffer.alloc(1);
  const readable = (offset: number) => fs.readSync(fd, one, 0, 1, offset) === 1;
  if (!readable(0)) return 0;
  let low = 0; // readable
  let high = 1;
  while (readable(high)) {
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const mid = low + Math.floor((high - low) / 2);
    if (readable(mid)) low = mid;
    else high = mid;
  }
  return low + 1;
}
