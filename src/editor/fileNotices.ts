import { formatSize } from '../../shared/offsets';
import type { Reload, SizeChange } from '../core/HugeViewDocument';

/** What the view says when the file got other bytes (shown in the webview). */
export function reloadNotice(fileName: string, { size, previous, reason }: Reload): string {
  return reason === 'replaced'
    ? `${fileName} was replaced by a new file at its path — now showing the new file (${formatSize(size)}).`
    : `${fileName} was rewritten on disk — reloaded (${formatSize(previous)} → ${formatSize(size)}).`;
}

/** The warning when the file shrank while open (shown by the active editor). */
export function shrinkWarning(fileName: string, { size, previous }: SizeChange): string {
  return `HugeView: ${fileName} shrank from ${formatSize(previous)} to ${formatSize(size)} while open; showing its new end.`;
}
