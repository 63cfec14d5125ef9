import { formatSize } from '../../shared/offsets';
import { Disposable } from '../core/Disposable';
import type { Editor } from '../core/Editor';
import type { Editors } from '../core/Editors';
import { StatusItems } from '../core/StatusItems';

/** File size, cursor offset, selection length and backend while a HugeView editor is shown. Features add their own items. */
export class StatusBar extends Disposable {
  private readonly items = this._register(new StatusItems());
  private readonly size = this.items.add('hugeview.status.size', 'HugeView File Size', 104);
  private readonly offset = this.items.add('hugeview.status.offset', 'HugeView Cursor Offset', 103);
  private readonly selection = this.items.add('hugeview.status.selection', 'HugeView Selection', 102);
  private readonly backend = this.items.add('hugeview.status.backend', 'HugeView Backend', 101);

  constructor(editors: Editors) {
    super();
    this.offset.command = 'hugeview.goToOffset';
    this.offset.tooltip = 'Go to Offset… (Ctrl+Alt+G)';
    this._register(this.items.follow(editors, (editor) => [
      editor.onDidChangeCursor(() => this.update(editor)),
      editor.document.onDidChangeSize(() => this.update(editor)),
    ], (editor) => this.update(editor)));
  }

  private update(editor: Editor): void {
    const size = editor.document.size;
    this.size.text = `$(file-binary) ${formatSize(size)}`;
    this.size.tooltip = `${size.toLocaleString('en-US')} bytes`;
    const cursor = editor.cursor;
    const at = cursor?.offset ?? 0;
    this.offset.text = `0x${at.toString(16).toUpperCase()} (${at.toLocaleString('en-US')})`;
    const length = cursor ? cursor.selectionEnd - cursor.selectionStart : 0;
    this.selection.text = length > 0 ? `Sel ${length.toLocaleString('en-US')} B` : '';
    if (length > 0) this.selection.show();
    else this.selection.hide();
    const backend = editor.document.backend;
    this.backend.text = backend;
    this.backend.tooltip = backend === 'mmap' ? 'Bytes come from a memory mapping (native addon)' : `Bytes come from pread: ${editor.document.backendReason ?? 'the native addon could not load'} (see Output › HugeView)`;
    this.size.show();
    this.offset.show();
    this.backend.show();
  }
}
