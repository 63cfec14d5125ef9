import * as vscode from 'vscode';
import { MAX_TAG_NAME, MAX_TAG_NOTE, TAG_COLORS, isTagColor, type Tag, type TagColor } from '../../shared/protocol/tags';

export const hex = (offset: number): string => '0x' + offset.toString(16).toUpperCase();

/** "0x40, 16 bytes" or "0x40" for a bookmark. */
export function describeRange(tag: Pick<Tag, 'start' | 'length'>): string {
  return tag.length === 0 ? hex(tag.start) : `${hex(tag.start)}, ${tag.length.toLocaleString('en-US')} byte${tag.length === 1 ? '' : 's'}`;
}

export function colorIcon(color: TagColor, icon = 'circle-filled'): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(`charts.${color}`));
}

const label = (color: TagColor) => color[0].toUpperCase() + color.slice(1);

/** Asks for a name (Escape: undefined; empty is allowed: an unnamed tag). */
export function askName(title: string, value = ''): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: 'A name for the tag (optional)',
    placeHolder: 'header, record table…',
    value,
    validateInput: (input) => (input.trim().length > MAX_TAG_NAME ? `At most ${MAX_TAG_NAME} characters` : undefined),
  }).then((name) => name?.trim());
}

/** Asks for a note (Escape: undefined). */
export function askNote(title: string, value = ''): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: 'A note (optional): shown in the Tags view and its tooltip',
    value,
    validateInput: (input) => (input.length > MAX_TAG_NOTE ? `At most ${MAX_TAG_NOTE} characters` : undefined),
  }).then((note) => note?.trim());
}

/** A quick pick of the palette's colours, `current` first (Escape: undefined). */
export async function askColor(title: string, current?: TagColor): Promise<TagColor | undefined> {
  const order = current ? [current, ...TAG_COLORS.filter((c) => c !== current)] : [...TAG_COLORS];
  const items = order.map((color) => ({ label: label(color), description: color === current ? 'current' : undefined, iconPath: colorIcon(color), color }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'A colour for the tag (it follows the theme)' });
  return picked?.color;
}

/** The string field `key` of an argument object, if it has one. */
export function stringField(arg: unknown, key: string): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const value = (arg as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

export function colorField(arg: unknown): TagColor | undefined {
  const color = stringField(arg, 'color');
  return isTagColor(color) ? color : undefined;
}

export function numberField(arg: unknown, key: string): number | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const value = (arg as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
