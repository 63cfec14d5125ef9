import { codedError, isCodedError, type Backend, type ByteSource, type CodedError } from './ByteSource';
import { MmapSource } from './MmapSource';
import { PreadSource } from './PreadSource';
import { loadAddon, type NativeAddon } from './nativeAddon';

export interface BackendChoice {
  /** The addon, or undefined with the reason it could not load. */
  addon: NativeAddon | undefined;
  reason: string | undefined;
}

let choice: BackendChoice | undefined;

/** Loads the addon once; remembers why not, so the reason is told once. */
export function chooseBackend(): BackendChoice {
  if (!choice) {
    try {
      choice = { addon: loadAddon(), reason: undefined };
    } catch (error) {
      choice = { addon: undefined, reason: (error as Error).message };
    }
  }
  return choice;
}

/**
 * Opens `path` through the mmap addon, or through pread when the addon cannot
 * load (`onFallback` hears that reason once per process), or when this file's
 * filesystem refuses mmap (sysfs and procfs say ENODEV; some FUSE and network
 * filesystems too): `onFallback` hears that reason for every such file, and
 * the source carries it in `fallbackReason`.
 */
export function openByteSource(path: string, onFallback?: (reason: string) => void): ByteSource {
  const { addon, reason } = chooseBackend();
  if (addon) {
    try {
      return new MmapSource(addon, path);
    } catch (error) {
      if (!mmapRefused(error)) throw error;
      const why = `mmap refused for '${path}' (${(error as CodedError).code}: ${(error as Error).message}); reading it through pread`;
      const source = new PreadSource(path, why);
      onFallback?.(why);
      return source;
    }
  }
  const why = `the native mmap addon is unavailable, using pread: ${reason ?? 'not loaded'}`;
  if (onFallback && !fallbackTold) {
    fallbackTold = true;
    onFallback(why);
  }
  return new PreadSource(path, why);
}

/** The file opened but could not be mapped: the mmap call itself failed. */
function mmapRefused(error: unknown): boolean {
  return isCodedError(error) && (error as CodedError & { syscall?: string }).syscall === 'mmap';
}

let fallbackTold = false;

/**
 * Opens `path` through the named backend, with no fallback (the benchmark
 * compares the two): ENOADDON when mmap is asked for and the addon cannot load.
 */
export function openBackend(path: string, backend: Backend): ByteSource {
  if (backend === 'pread') return new PreadSource(path);
  const { addon, reason } = chooseBackend();
  if (!addon) throw codedError('ENOADDON', `mmap is unavailable: ${reason}`);
  return new MmapSource(addon, path);
}
