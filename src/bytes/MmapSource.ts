import type { ByteSource } from './ByteSource';
import type { NativeAddon, NativeMappedFile } from './nativeAddon';
import { SharedDescriptor, type DescriptorLease } from './SharedDescriptor';

/** Bytes through the native mapping, every copy under the fault guard. */
export class MmapSource implements ByteSource {
  readonly backend = 'mmap' as const;
  private readonly file: NativeMappedFile;
  /** A descriptor on the file, lent to worker threads (the addon keeps its own to itself). */
  private readonly descriptor: SharedDescriptor;

  constructor(addon: NativeAddon, readonly path: string) {
    this.file = addon.open(path);
    try {
      this.descriptor = new SharedDescriptor(path);
    } catch (error) {
      this.file.close();
      throw error;
    }
    // A viewer jumps around: with the default advice every fault reads around
    // the page (read_ahead_kb, 8 MiB on some machines: 6.5 ms per 64 KiB page
    // of a sparse file, measured), so ask for exactly the pages touched.
    // Scans (line index, search) read ahead explicitly instead.
    this.file.advise('random');
  }

  get size(): number {
    return this.file.size;
  }

  read(offset: number, target: Uint8Array): number {
    return this.file.read(offset, target);
  }

  refresh(): number {
    return this.file.refresh();
  }

  close(): void {
    this.descriptor.close();
    this.file.close();
  }

  /** The native file: the line index and the search run their kernels on it. */
  get nativeFile(): NativeMappedFile {
    return this.file;
  }

  lendDescriptor(): DescriptorLease {
    return this.descriptor.acquire();
  }
}
