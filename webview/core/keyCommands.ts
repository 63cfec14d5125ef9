/** What a key press asks the viewer to do. Keys not listed here are left to VS Code. */
export type Move = 'left' | 'right' | 'up' | 'down' | 'pageUp' | 'pageDown' | 'rowStart' | 'rowEnd' | 'fileStart' | 'fileEnd';

export type Command =
  | { kind: 'move'; move: Move; extend: boolean }
  | { kind: 'scroll'; rows: number }
  | { kind: 'copy' }
  | { kind: 'selectAll' }
  | { kind: 'clearSelection' };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const PLAIN_MOVES: Record<string, Move> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  PageUp: 'pageUp',
  PageDown: 'pageDown',
  Home: 'rowStart',
  End: 'rowEnd',
};

/** Ctrl (Cmd on macOS) combinations that move. */
const MOD_MOVES: Record<string, Move> = {
  Home: 'fileStart',
  End: 'fileEnd',
};

/** Cmd combinations of macOS. */
const MAC_MOVES: Record<string, Move> = {
  ArrowUp: 'fileStart',
  ArrowDown: 'fileEnd',
  ArrowLeft: 'rowStart',
  ArrowRight: 'rowEnd',
};

export function commandForKey(press: KeyPress, isMac: boolean): Command | undefined {
  if (press.altKey) return undefined;
  const mod = isMac ? press.metaKey : press.ctrlKey;
  const other = isMac ? press.ctrlKey : press.metaKey;
  if (other) return undefined;
  const extend = press.shiftKey;
  if (!mod) {
    const move = PLAIN_MOVES[press.key];
    if (move) return { kind: 'move', move, extend };
    if (press.key === 'Escape' && !extend) return { kind: 'clearSelection' };
    return undefined;
  }
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (key === 'c' && !extend) return { kind: 'copy' };
  if (key === 'a' && !extend) return { kind: 'selectAll' };
  const move = MOD_MOVES[key] ?? (isMac ? MAC_MOVES[key] : undefined);
  if (move) return { kind: 'move', move, extend };
  if (!isMac && !extend && key === 'ArrowUp') return { kind: 'scroll', rows: -1 };
  if (!isMac && !extend && key === 'ArrowDown') return { kind: 'scroll', rows: 1 };
  return undefined;
}
