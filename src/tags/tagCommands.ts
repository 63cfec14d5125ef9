import * as path from 'node:path';
import * as vscode from 'vscode';
import { isTag, type Tag } from '../../shared/protocol/tags';
import type { Editor } from '../core/Editor';
import { VIEW_TYPE, type Editors } from '../core/Editors';
import { exportTags, parseTags, sameTag, type Skipped } from './tagFile';
import type { TagStore } from './TagStore';
import { askColor, askName, askNewTag, askNote, colorField, describeRange, numberField, stringField } from './tagPrompts';

/**
 * The tag commands. Each takes what a person would type as an argument too
 * (for scripts and tests: `{ name, color, note }`, `{ id }`, `{ path }`) and
 * returns what it did; without one, it asks.
 */
export class TagCommands {
  constructor(
    private readonly store: TagStore,
    private readonly editors: Editors,
    /** The file the Tags view lists (used when no HugeView editor is active). */
    private readonly viewFile: () => string | undefined,
  ) {}

  /** Tags the selection (or the byte at the cursor): `{ start, length, name, color, note }` or asks. */
  async add(arg: unknown): Promise<Tag | undefined> {
    const editor = this.editors.requireActive('HugeView: open a file in HugeView and select bytes to tag them.');
    if (!editor) return undefined;
    const size = editor.document.size;
    if (size === 0) return void vscode.window.showInformationMessage('HugeView: an empty file has no bytes to tag.');
    const cursor = editor.cursor;
    let start = numberField(arg, 'start') ?? (cursor ? cursor.selectionStart : 0);
    let length = numberField(arg, 'length') ?? (cursor && cursor.selectionEnd > cursor.selectionStart ? cursor.selectionEnd - cursor.selectionStart : 1);
    start = Math.min(start, size - 1);
    length = Math.max(1, Math.min(length, size - start));
    const title = `Add Tag: ${describeRange({ start, length })}`;
    const fields = await askNewTag(title, { name: stringField(arg, 'name'), color: colorField(arg), note: stringField(arg, 'note') });
    if (!fields) return undefined;
    const { name, color, note } = fields;
    const [tag] = await this.store.add(editor.document.uri.fsPath, [{ start, length, name: name.trim(), color, note: note.trim() }]);
    if (!tag) void vscode.window.showWarningMessage('HugeView: this file has the most tags one file keeps; delete some first.');
    return tag;
  }

  async rename(arg: unknown): Promise<Tag | undefined> {
    const found = await this.resolve(arg, 'Rename Tag');
    if (!found) return undefined;
    const name = stringField(arg, 'name') ?? (await askName(`Rename ${describeRange(found.tag)}`, found.tag.name));
    return name === undefined ? undefined : this.store.update(found.path, found.tag.id, { name: name.trim() });
  }

  async recolor(arg: unknown): Promise<Tag | undefined> {
    const found = await this.resolve(arg, 'Change Tag Colour');
    if (!found) return undefined;
    const color = colorField(arg) ?? (await askColor(`Colour of ${found.tag.name || describeRange(found.tag)}`, found.tag.color));
    return color === undefined ? undefined : this.store.update(found.path, found.tag.id, { color });
  }

  async editNote(arg: unknown): Promise<Tag | undefined> {
    const found = await this.resolve(arg, 'Edit Tag Note');
    if (!found) return undefined;
    const note = stringField(arg, 'note') ?? (await askNote(`Note of ${found.tag.name || describeRange(found.tag)}`, found.tag.note));
    return note === undefined ? undefined : this.store.update(found.path, found.tag.id, { note: note.trim() });
  }

  async remove(arg: unknown): Promise<boolean> {
    const found = await this.resolve(arg, 'Delete Tag');
    return found ? this.store.remove(found.path, found.tag.id) : false;
  }

  /** Shows the tag's file and selects the tag's bytes (a bookmark: puts the cursor there). */
  async goTo(arg: unknown): Promise<number | undefined> {
    const found = await this.resolve(arg, 'Go to Tag');
    if (!found) return undefined;
    const editor = await this.editorOf(found.path);
    editor?.goTo(found.tag.start, found.tag.length);
    return editor && found.tag.start;
  }

  /** Writes the file's tags as JSON to `{ path }` or where the save dialog says. */
  async export(arg: unknown): Promise<{ path: string; count: number } | undefined> {
    const file = this.currentFile('export tags');
    if (!file) return undefined;
    let target = stringField(arg, 'path');
    if (target === undefined) {
      const uri = await vscode.window.showSaveDialog({ title: 'Export Tags', defaultUri: vscode.Uri.file(`${file}.tags.json`), filters: { 'HugeView tags': ['json'] } });
      if (!uri) return undefined;
      target = uri.fsPath;
    }
    const tags = this.store.list(file);
    const size = this.editors.find(file)?.document.size ?? 0;
    await vscode.workspace.fs.writeFile(vscode.Uri.file(target), Buffer.from(exportTags(tags, path.basename(file), size)));
    void vscode.window.showInformationMessage(`HugeView: exported ${tags.length} tag${tags.length === 1 ? '' : 's'} to ${path.basename(target)}.`);
    return { path: target, count: tags.length };
  }

  /**
   * Adds the tags of an exported JSON file (`{ path }` or the open dialog) to
   * the file's own; every field of every entry is checked. A file that is not
   * tags JSON changes nothing and says why; skipped entries are listed.
   */
  async import(arg: unknown): Promise<{ imported: number; duplicates: number; skipped: Skipped[] } | { error: string } | undefined> {
    const file = this.currentFile('import tags');
    if (!file) return undefined;
    const editor = this.editors.find(file);
    if (!editor) return void vscode.window.showInformationMessage('HugeView: open the file in HugeView to import its tags (they are checked against its size).');
    let source = stringField(arg, 'path');
    if (source === undefined) {
      const [uri] = (await vscode.window.showOpenDialog({ title: 'Import Tags', canSelectMany: false, defaultUri: vscode.Uri.file(path.dirname(file)), filters: { 'HugeView tags': ['json'] } })) ?? [];
      if (!uri) return undefined;
      source = uri.fsPath;
    }
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(source)));
    } catch (error) {
      return this.importFailed(source, `cannot read it (${(error as Error).message})`);
    }
    const parsed = parseTags(text, editor.document.size);
    if (!parsed.ok) return this.importFailed(source, parsed.error);
    const existing = this.store.list(file);
    const fresh = parsed.tags.filter((t, i) => !existing.some((e) => sameTag(e, t)) && !parsed.tags.slice(0, i).some((p) => sameTag(p, t)));
    const added = await this.store.add(file, fresh);
    const skipped = [...parsed.skipped, ...fresh.slice(added.length).map((_, i) => ({ index: -1 - i, reason: 'the file has the most tags one file keeps' }))];
    const duplicates = parsed.tags.length - fresh.length;
    const summary = `HugeView: imported ${added.length} tag${added.length === 1 ? '' : 's'} from ${path.basename(source)}${duplicates ? ` (${duplicates} already there)` : ''}`;
    if (skipped.length === 0) void vscode.window.showInformationMessage(summary + '.');
    else void vscode.window.showWarningMessage(`${summary}; skipped ${skipped.length}: ${skipped.slice(0, 5).map((s) => (s.index >= 0 ? `#${s.index + 1} ${s.reason}` : s.reason)).join('; ')}${skipped.length > 5 ? '; …' : ''}.`);
    return { imported: added.length, duplicates, skipped };
  }

  /** Deletes every tag of the file (asks first unless the argument is `true`). */
  async clear(arg: unknown): Promise<number | undefined> {
    const file = this.currentFile('clear tags');
    if (!file) return undefined;
    const count = this.store.list(file).length;
    if (count === 0) return 0;
    if (arg !== true) {
      const answer = await vscode.window.showWarningMessage(`Delete all ${count} tags of ${path.basename(file)}?`, { modal: true }, 'Delete');
      if (answer !== 'Delete') return undefined;
    }
    return this.store.clear(file);
  }

  private importFailed(source: string, why: string): { error: string } {
    const error = `${path.basename(source)} is not a HugeView tags file: ${why}. Nothing was imported.`;
    void vscode.window.showErrorMessage(`HugeView: ${error}`);
    return { error };
  }

  /** The active HugeView file, else the one the Tags view lists. */
  private currentFile(what: string): string | undefined {
    const file = this.editors.active?.document.uri.fsPath ?? this.viewFile();
    if (!file) void vscode.window.showInformationMessage(`HugeView: open a file in HugeView to ${what}.`);
    return file;
  }

  private async editorOf(file: string): Promise<Editor | undefined> {
    const active = this.editors.active;
    if (active && active.document.uri.fsPath === file) return active;
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), VIEW_TYPE);
    return this.editors.find(file);
  }

  /** The tag an argument names (a Tags view row, `{ id, path? }`, an id), or one picked from the current file's. */
  private async resolve(arg: unknown, title: string): Promise<{ path: string; tag: Tag } | undefined> {
    const node = arg as { path?: unknown; tag?: unknown } | undefined;
    if (node && typeof node.path === 'string' && isTag(node.tag)) {
      const tag = this.store.get(node.path, node.tag.id);
      return tag && { path: node.path, tag };
    }
    const file = stringField(arg, 'path') ?? this.currentFile(title.toLowerCase());
    if (!file) return undefined;
    const id = typeof arg === 'string' ? arg : stringField(arg, 'id');
    if (id !== undefined) {
      const tag = this.store.get(file, id);
      return tag && { path: file, tag };
    }
    const items = this.store.list(file).map((tag) => ({ label: tag.name || (tag.length === 0 ? 'Bookmark' : 'Tag'), description: describeRange(tag), detail: tag.note || undefined, tag }));
    if (items.length === 0) return void vscode.window.showInformationMessage('HugeView: no tags in this file (Add Tag tags the selection).');
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Which tag?', matchOnDescription: true, matchOnDetail: true });
    return picked && { path: file, tag: picked.tag };
  }
}
