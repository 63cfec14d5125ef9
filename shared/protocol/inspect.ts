/**
 * Hex inspection messages: the data inspector's settings. The inspector
 * decodes bytes the webview reads itself (ReadPage); only its options cross
 * here (bookmarks are zero-length tags: shared/protocol/tags.ts).
 */
import { isRecord, noParams, notification, request } from '../rpc';

export type Endianness = 'little' | 'big';

export interface InspectState {
  /** The data inspector side panel is shown. */
  inspectorVisible: boolean;
  /** hugeview.inspector is "hover": the panel follows the byte under the pointer. */
  hover: boolean;
  endianness: Endianness;
  /** hugeview.colorizeBytes: hex and decoded cells coloured by byte class. */
  colorize: boolean;
}

function isEndianness(value: unknown): value is Endianness {
  return value === 'little' || value === 'big';
}

function isState(p: unknown): p is InspectState {
  return isRecord(p) && typeof p.inspectorVisible === 'boolean' && typeof p.hover === 'boolean' && isEndianness(p.endianness) && typeof p.colorize === 'boolean';
}

// ---- webview → host --------------------------------------------------------

/** Asked once the webview has started: the inspector's options. */
export const GetInspectState = request<Record<string, never>, InspectState>(
  'inspect/getState',
  noParams,
);

/** The panel's own controls: its close button, its little/big-endian switch. */
export const SetInspectOption = notification<{ inspectorVisible?: boolean; endianness?: Endianness }>(
  'inspect/setOption',
  (p): p is { inspectorVisible?: boolean; endianness?: Endianness } =>
    isRecord(p) && (p.inspectorVisible === undefined || typeof p.inspectorVisible === 'boolean') && (p.endianness === undefined || isEndianness(p.endianness)),
);

// ---- host → webview --------------------------------------------------------

export const InspectStateChanged = notification<InspectState>('inspect/state', isState);
