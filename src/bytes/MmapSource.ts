import type { ByteSource } from './ByteSource';
import type { NativeAddon, NativeMappedFile } from './nativeAddon';

/** Bytes through the native mapping, every copy under the fault guard. */
export class MmapSource implements ByteSource {
  readonly backend = 'mmap' as const;
  private readonly file: NativeMappedFile;

  constructor(addon: NativeAddon, readonly path: string) {
    this.file = addon.open(path);
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
