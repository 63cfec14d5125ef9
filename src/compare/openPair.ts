/** Opening the two files of a compare, with errors that say which file and why. */
import * as vscode from 'vscode';
import { isCodedError, type ByteSource } from '../bytes/ByteSource';
import { openByteSource } from '../bytes/openByteSource';
import { log } from '../log';
import { isBytesPerRow, type ViewSettings } from '../../shared/protocol/editor';

export interface ComparedPair {
  left: vscode.Uri;
  right: vscode.Uri;
}

const WHY: Record<string, string> = {
  ENOENT: 'it does not exist',
  EISDIR: 'it is a folder, not a file',
  ENOTREG: 'it is not a regular file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function openOne(uri: vscode.Uri): ByteSource {
  if (uri.scheme !== 'file') throw new Error(`HugeView compares files on disk; '${uri.toString()}' is a '${uri.scheme}:' resource.`);
  try {
    return openByteSource(uri.fsPath, (reason) => log().info(`compare: ${reason}`));
  } catch (error) {
    const code = isCodedError(error) ? error.code : undefined;
    const why = (code && WHY[code]) ?? (error as Error).message;
    throw new Error(`HugeView cannot compare '${uri.fsPath}': ${why}${code ? ` (${code})` : ''}.`);
  }
}

/** Both files open, or an Error naming the one that could not be (the other is closed again). */
export function openPair(pair: ComparedPair): { left: ByteSource; right: ByteSource } {
  const left = openOne(pair.left);
  try {
    return { left, right: openOne(pair.right) };
  } catch (error) {
    left.close();
    throw error;
  }
}

/** The viewer settings both panes use (the same as HugeView's editor: hugeview.bytesPerRow, the editor font). */
export function compareSettings(): ViewSettings {
  const config = vscode.workspace.getConfiguration('hugeview');
  const editor = vscode.workspace.getConfiguration('editor');
  const bytesPerRow = config.get<unknown>('bytesPerRow', 'auto');
  return {
    bytesPerRow: isBytesPerRow(bytesPerRow) ? bytesPerRow : 'auto',
    maxLineColumns: 1000,
    fontFamily: editor.get<string>('fontFamily', '') || 'monospace',
    fontSize: Math.min(100, Math.max(6, editor.get<number>('fontSize', 14))),
  };
}
