import type { Backend } from '../../shared/types';
import type { NativeMappedFile } from './nativeAddon';
import type { DescriptorLease } from './SharedDescriptor';

export type { Backend };

/**
 * A read-only view of one file's bytes. The mmap and pread implementations
 * behave identically: same sizes, same bytes, same error codes for the same
 * files (ENOENT, EISDIR, ENOTREG, EACCES, ETRUNCATED, ECLOSED).
 */
export interface ByteSource {
  readonly backend: Backend;
  /** Why this file is read through pread and not the mapping (addon missing, mmap refused). */
  readonly fallbackReason?: string;
  readonly path: string;
  /** The size as of open() or the last refresh(). */
  readonly size: number;
  /**
   * Copies up to target.length bytes at offset into target and returns the
   * count: short at the end of the file, 0 past it. Throws ETRUNCATED when the
   * file shrank under the read, ECLOSED after close().
   */
  read(offset: number, target: Uint8Array): number;
  /** Re-reads the size (remapping when it changed); returns it. */
  refresh(): number;
  /** Closes the source; lent descriptors stay open until their leases are released. */
  close(): void;

  // ---- capabilities: ask for them, never for the class --------------------------

  /** The native mapped file, when the bytes come through the addon: the line index and the search run their kernels on it. */
  readonly nativeFile?: NativeMappedFile;
  /**
   * A lease on a descriptor of this very file, for worker threads (search,
   * checksum, the JS line count): descriptors are process-wide, so a worker
   * reads the bytes the view shows, even after the path was renamed over.
   */
  lendDescriptor(): DescriptorLease;
}

/** An Error with the errno-style code the sources throw. */
export interface CodedError extends Error {
  code: string;
}

export function codedError(code: string, message: string): CodedError {
  const error = new Error(`${code}: ${message}`) as CodedError;
  error.code = code;
  return error;
}

export function isCodedError(value: unknown): value is CodedError {
  return value instanceof Error && typeof (value as Partial<CodedError>).code === 'string';
}
