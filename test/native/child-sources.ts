// Loaded by child processes of the native tests (built beside them).
import { MmapSource as Mmap } from '../../src/bytes/MmapSource';
import { PreadSource } from '../../src/bytes/PreadSource';
import { loadAddon } from '../../src/bytes/nativeAddon';

export const MmapSource = {
  mmap: (file: string) => new Mmap(loadAddon(), file),
  pread: (file: string) => new PreadSource(file),
};
