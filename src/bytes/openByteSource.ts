import type { ByteSource } from './ByteSource';
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
 * load. `onFallback` hears the reason once per process.
 */
export function openByteSource(path: string, onFallback?: (reason: string) => void): ByteSource {
  const { addon, reason } = chooseBackend();
  if (addon) return new MmapSource(addon, path);
  if (reason !== undefined && onFallback && !fallbackTold) {
    fallbackTold = true;
    onFallback(reason);
  }
  return new PreadSource(path);
}

let fallbackTold = false;
