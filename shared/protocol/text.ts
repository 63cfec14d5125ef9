/** The text view's line numbers: the host counts lines (the line index), the webview asks and hears how far it got. */
import { isOffset, isRecord, notification, request } from '../rpc';

/** webview → host: the 0-based line holding `offset`, or null while the index has not reached it. */
export const LineAt = request<{ offset: number }, { line: number | null }>('text/lineAt', (p): p is { offset: number } => isRecord(p) && isOffset(p.offset));

export interface IndexProgressParams {
  scannedTo: number;
  newlines: number;
  done: boolean;
  size: number;
}

/** host → webview: how far the line index has counted. */
export const IndexProgress = notification<IndexProgressParams>(
  'text/indexProgress',
  (p): p is IndexProgressParams => isRecord(p) && isOffset(p.scannedTo) && isOffset(p.newlines) && typeof p.done === 'boolean' && isOffset(p.size),
);
