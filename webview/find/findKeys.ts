/** The keys the find feature answers to; anything else is left alone (VS Code keybindings keep working). */
export type FindKeyAction = 'open' | 'next' | 'previous' | 'close' | 'toggleCase' | 'toggleWord' | 'toggleRegex' | 'toggleHex';

export interface FindKeyPress {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const ALT_TOGGLES: Record<string, FindKeyAction> = { c: 'toggleCase', w: 'toggleWord', r: 'toggleRegex', x: 'toggleHex' };

/**
 * `where`: 'viewer' (the rows have focus), 'input' (the find input) or
 * 'widget' (a button of the widget). Escape in the viewer closes the find
 * widget only when it is open: the caller checks.
 */
export function findKeyAction(press: FindKeyPress, isMac: boolean, where: 'viewer' | 'input' | 'widget'): FindKeyAction | undefined {
  const mod = isMac ? press.metaKey : press.ctrlKey;
  const other = isMac ? press.ctrlKey : press.metaKey;
  if (other) return undefined;
  if (mod && !press.altKey && !press.shiftKey && press.key.toLowerCase() === 'f') return 'open';
  if (mod) return undefined;
  if (press.key === 'F3' && !press.altKey) return press.shiftKey ? 'previous' : 'next';
  if (where === 'viewer') return press.key === 'Escape' && !press.altKey && !press.shiftKey ? 'close' : undefined;
  if (press.key === 'Escape' && !press.altKey) return 'close';
  if (press.key === 'Enter' && where === 'input' && !press.altKey) return press.shiftKey ? 'previous' : 'next';
  if (press.altKey && !press.shiftKey) {
    const letter = press.code && /^Key[A-Z]$/.test(press.code) ? press.code.slice(3).toLowerCase() : press.key.toLowerCase();
    return ALT_TOGGLES[letter];
  }
  return undefined;
}
