/**
 * The file map: the whole file by bucket beside the scrollbar (entropy and
 * byte classes per bucket, sparse holes as holes). The webview asks for a
 * map at the resolution its strip can show; the host computes it off the JS
 * thread and sends finished buckets in offset order as they come.
 */
import { isOffset, isRecord, notification } from '../rpc';

/** Numbers per bucket in FileMapProgress.values, in this order (as the native kernel gives them). */
export const FILE_MAP_FIELDS = ['entropyMin', 'entropyMax', 'entropyMean', 'zero', 'text', 'high', 'hole'] as const;
export const FILE_MAP_FIELD_COUNT = FILE_MAP_FIELDS.length;
/** The most buckets a map has (a strip 3 px per bucket on a 6000 px screen). */
export const MAX_MAP_BUCKETS = 2048;

export interface FileMapState {
  /** hugeview.fileMap.visible */
  visible: boolean;
}

const isState = (p: unknown): p is FileMapState => isRecord(p) && typeof p.visible === 'boolean';

/** host → webview: the strip's settings, in answer to StartFileMap and whenever they change. */
export const FileMapStateChanged = notification<FileMapState>('filemap/stateChanged', isState);

/**
 * webview → host, as soon as the webview runs (no round trip first: the first buckets show sooner): compute the map
 * in about `buckets` buckets (the host may make fewer: buckets are whole 4 KiB blocks). The host answers with
 * FileMapStateChanged, then, when the map is to be shown, FileMapProgress.
 */
export const StartFileMap = notification<{ buckets: number }>(
  'filemap/start',
  (p): p is { buckets: number } => isRecord(p) && isOffset(p.buckets) && p.buckets >= 1 && p.buckets <= MAX_MAP_BUCKETS,
);

export interface FileMapProgressParams {
  /** A new map (a new file size, bytes, resolution) has a new id: the webview drops the old buckets. */
  mapId: number;
  size: number;
  bucketSize: number;
  bucketCount: number;
  /** values hold buckets [firstBucket, firstBucket + values.length / FILE_MAP_FIELD_COUNT). */
  firstBucket: number;
  values: number[];
  done: boolean;
  /** Set when the map failed (the file shrank under it…): the strip shows what it has. */
  error?: string;
}

function isProgress(p: unknown): p is FileMapProgressParams {
  if (!isRecord(p) || !isOffset(p.mapId) || !isOffset(p.size) || !isOffset(p.bucketSize) || !isOffset(p.bucketCount) || !isOffset(p.firstBucket)) return false;
  if (typeof p.done !== 'boolean' || (p.error !== undefined && typeof p.error !== 'string')) return false;
  const values = p.values;
  if (!Array.isArray(values) || values.length % FILE_MAP_FIELD_COUNT !== 0) return false;
  if (p.bucketCount > MAX_MAP_BUCKETS || p.firstBucket + values.length / FILE_MAP_FIELD_COUNT > p.bucketCount) return false;
  return values.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 8 + 1e-6); // entropy ≤ 8 bits, fractions ≤ 1
}

/** host → webview: finished buckets (the first at once, then in batches), and the end. */
export const FileMapProgress = notification<FileMapProgressParams>('filemap/progress', isProgress);
