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
export function askName(title: string, value = ''): Promise<string | undefined> {
  return askOnce(textBox('name', value), title);
}

/** Asks for a note (Escape: undefined). */
export function askNote(title: string, value = ''): Promise<string | undefined> {
  return askOnce(textBox('note', value), title);
}

/** A quick pick of the palette's colours, `current` first (Escape: undefined). */
export async function askColor(title: string, current?: TagColor): Promise<TagColor | undefined> {
  return (await askOnce(colorPick(current), title)) as TagColor | undefined;
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
      const previous = shown;
      shown = input;
      const value = await accepted(input, previous); // the next step replaces the last one in the same widget
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
type TagInput = vscode.QuickPick<ColorItem> | vscode.InputBox;

/** One prompt on its own: what it accepted, or undefined on Escape. */
async function askOnce(input: TagInput, title: string): Promise<string | undefined> {
  input.title = title;
  try {
    return await accepted(input);
  } finally {
    input.dispose();
  }
}

/**
 * Shows `input` (then lets `replaced`, the step before, go: the widget stays on screen) and resolves with what it
 * accepted — a trimmed text, or the picked colour — or undefined when it is hidden (Escape). `input` stays shown.
 */
function accepted(input: TagInput, replaced?: vscode.QuickInput): Promise<string | undefined> {
  return new Promise((resolve) => {
    input.onDidHide(() => resolve(undefined));
    input.onDidAccept(() => {
      if ('selectedItems' in input) {
        const picked = input.selectedItems[0]; // none when the typed filter matches no colour: Enter does nothing
        if (picked) resolve(picked.color);
        return;
      }
      if (!input.validationMessage) resolve(input.value.trim());
    });
    input.show();
    replaced?.dispose();
  });
}

function colorPick(current?: TagColor): vscode.QuickPick<ColorItem> {
  const pick = vscode.window.createQuickPick<ColorItem>();
  const order = current ? [current, ...TAG_COLORS.filter((c) => c !== current)] : [...TAG_COLORS];
  pick.items = order.map((color) => ({ label: label(color), description: color === current ? 'current' : undefined, iconPath: colorIcon(color), color }));
  pick.placeholder = 'A colour for the tag (it follows the theme)';
  return pick;
}

/** A name (at most MAX_TAG_NAME characters once trimmed) or a note (at most MAX_TAG_NOTE as typed). */
function textBox(key: 'name' | 'note', value = ''): vscode.InputBox {
  const box = vscode.window.createInputBox();
  const tooLong = (text: string) => (key === 'name' ? text.trim().length > MAX_TAG_NAME : text.length > MAX_TAG_NOTE);
  const max = key === 'name' ? MAX_TAG_NAME : MAX_TAG_NOTE;
  box.prompt = key === 'name' ? 'A name for the tag (optional)' : 'A note (optional): shown in the Tags view and its tooltip';
  if (key === 'name') box.placeholder = 'header, record table…';
  box.value = value;
  const validate = (text: string) => (box.validationMessage = tooLong(text) ? `At most ${max} characters` : undefined);
  box.onDidChangeValue(validate);
  validate(value);
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
