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

export interface NewTagFields {
  name: string;
  color: TagColor;
  note: string;
}

/**
 * Asks for what `given` lacks of a new tag's name, colour and note as one multi-step input (VS Code's own
 * pattern: "(1/3)" in the title, Escape cancels the whole): one widget stays on screen from step to step, so
 * the keyboard stays in it — three separate prompts hid and reshowed it, and keys typed between them were lost.
 */
export async function askNewTag(title: string, given: Partial<NewTagFields>): Promise<NewTagFields | undefined> {
  const steps = (['name', 'color', 'note'] as const).filter((key) => given[key] === undefined);
  const fields: Partial<NewTagFields> = { ...given };
  let shown: vscode.QuickInput | undefined;
  try {
    for (const [index, key] of steps.entries()) {
      const input = key === 'color' ? colorPick() : textBox(key);
      input.title = `${title} — ${key === 'color' ? 'colour' : key}`;
      input.step = index + 1;
      input.totalSteps = steps.length;
      const value = await new Promise<string | undefined>((resolve) => {
        input.onDidHide(() => resolve(undefined));
        input.onDidAccept(() => {
          if ('validationMessage' in input && input.validationMessage) return;
          resolve('selectedItems' in input ? (input.selectedItems[0] as ColorItem | undefined)?.color : (input as vscode.InputBox).value.trim());
        });
        input.show(); // the next step replaces the last one in the same widget…
        shown?.dispose(); // …which is only then let go
        shown = input;
      });
      if (value === undefined) return undefined;
      if (key === 'color') fields.color = value as TagColor;
      else fields[key] = value;
    }
  } finally {
    shown?.dispose();
  }
  return fields as NewTagFields;
}

type ColorItem = vscode.QuickPickItem & { color: TagColor };

function colorPick(): vscode.QuickPick<ColorItem> {
  const pick = vscode.window.createQuickPick<ColorItem>();
  pick.items = TAG_COLORS.map((color) => ({ label: label(color), iconPath: colorIcon(color), color }));
  pick.placeholder = 'A colour for the tag (it follows the theme)';
  return pick;
}

function textBox(key: 'name' | 'note'): vscode.InputBox {
  const box = vscode.window.createInputBox();
  const max = key === 'name' ? MAX_TAG_NAME : MAX_TAG_NOTE;
  box.prompt = key === 'name' ? 'A name for the tag (optional)' : 'A note (optional): shown in the Tags view and its tooltip';
  if (key === 'name') box.placeholder = 'header, record table…';
  box.onDidChangeValue((value) => {
    box.validationMessage = value.trim().length > max ? `At most ${max} characters` : undefined;
  });
  return box;
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
