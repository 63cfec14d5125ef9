import type { ByteSource } from './ByteSource';
import type { NativeAddon, NativeMappedFile } from './nativeAddon';

/** Bytes through the native mapping, every copy under the fault guard. */
export class MmapSource implements ByteSource {
  readonly backend = 'mmap' as const;
  private readonly file: NativeMappedFile;

  constructor(addon: NativeAddon, readonly path: string) {
    this.file = addon.open(path);
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
    this.file.close();
  }

  /** The native file, for the benchmark (advise, residency, dropCache). */
  get native(): NativeMappedFile {
    return this.file;
  }
}
