import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ByteSource } from '../bytes/ByteSource';
import { openByteSource } from '../bytes/openByteSource';
import { log } from '../log';
import { Disposable } from './Disposable';
import { LineIndex } from '../text/LineIndex';
import { jsScanner, nativeScanner, type NewlineUnit } from '../text/LineScanner';
import { detectEncoding, type Detected } from '../text/encoding';
import { MmapSource } from '../bytes/MmapSource';

export interface SizeChange {
  size: number;
  previous: number;
  shrunk: boolean;
}

/**
 * One open file, shared by every editor showing it: one byte source (one
 * mapping) per document. VS Code disposes the document when its last editor
 * closes, which closes the mapping.
 */
export class HugeViewDocument extends Disposable implements vscode.CustomDocument {
  private readonly changed = this._register(new vscode.EventEmitter<SizeChange>());
  /** Fires when the file grew or shrank. */
  readonly onDidChangeSize = this.changed.event;
  private closed = false;
  /** One line index per newline unit, shared by the editors that count lines that way. */
  private readonly indexes = new Map<NewlineUnit, { index: LineIndex; users: Set<object> }>();

  static open(uri: vscode.Uri): HugeViewDocument {
    if (uri.scheme !== 'file') {
      throw new Error(`HugeView opens files on disk (file: URIs); '${uri.scheme}:' resources are not supported. Save the file locally or open it in the text editor.`);
    }
    const source = openByteSource(uri.fsPath, (reason) => log().warn(`native mmap addon unavailable, using pread: ${reason}`));
    log().info(`opened ${uri.fsPath} (${source.size} bytes) through ${source.backend}`);
    return new HugeViewDocument(uri, source);
  }

  private constructor(
    readonly uri: vscode.Uri,
    private readonly source: ByteSource,
  ) {
    super();
    const watcher = this._register(
      vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(uri.fsPath)), path.basename(uri.fsPath))),
    );
    this._register(watcher.onDidChange(() => this.refresh()));
    this._register(watcher.onDidCreate(() => this.refresh()));
    this._register(watcher.onDidDelete(() => this.refresh()));
  }

  get size(): number {
    return this.source.size;
  }

  /** The byte source itself (the search hands its native file to the kernel). */
  get byteSource(): ByteSource {
    return this.source;
  }

  get backend(): ByteSource['backend'] {
    return this.source.backend;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get fileName(): string {
    return path.basename(this.uri.fsPath);
  }

  /**
   * Reads [offset, offset+length) into a new standalone buffer (a pooled Node
   * Buffer would post its whole backing store to the webview). A read that
   * finds the file shrank refreshes the size before it throws.
   */
  read(offset: number, length: number): Uint8Array {
    const wanted = Math.max(0, Math.min(length, this.source.size - offset));
    const target = new Uint8Array(wanted);
    try {
      const n = this.source.read(offset, target);
      return n === wanted ? target : target.slice(0, n);
    } catch (error) {
      if ((error as { code?: string }).code === 'ETRUNCATED') this.refresh();
      throw error;
    }
  }

  /** A line index something has started: the byte-newline one if there is one (callers that do not know the unit). */
  get startedLines(): LineIndex | undefined {
    return this.indexes.get('byte')?.index ?? this.indexes.values().next().value?.index;
  }

  /** The started line index that counts newlines as `unit`, if any. */
  startedLinesFor(unit: NewlineUnit): LineIndex | undefined {
    return this.indexes.get(unit)?.index;
  }

  /**
   * The line index counting `unit` newlines, created and started on first use
   * (text views and Go to Line ask for it; a hex-only session of a 20 GB dump
   * never pays for it). `user` (an editor) holds it until releaseLines(): two
   * editors in different encodings each keep their own, and neither restarts
   * the other's.
   */
  lines(unit: NewlineUnit, user: object): LineIndex {
    let entry = this.indexes.get(unit);
    if (!entry) {
      const scanner = this.source instanceof MmapSource ? nativeScanner(this.source.native, unit) : jsScanner(this.uri.fsPath, unit);
      const index = new LineIndex(scanner, this.source.size);
      index.onChange((state) => {
        if (state.done && state.reason) log().info(`line index (${unit}) of ${this.fileName}: ${state.newlines} newlines; ${state.via} (${state.reason})`);
      });
      entry = { index, users: new Set() };
      this.indexes.set(unit, entry);
      index.start();
    }
    entry.users.add(user);
    return entry.index;
  }

  /** `user` no longer counts `unit` newlines; the last user's release disposes the index. */
  releaseLines(unit: NewlineUnit, user: object): void {
    const entry = this.indexes.get(unit);
    if (!entry || !entry.users.delete(user) || entry.users.size > 0) return;
    this.indexes.delete(unit);
    entry.index.dispose();
  }

  /**
   * The encoding and the default view from the first 64 KiB: text when it is
   * valid UTF-8 without NUL bytes or has a UTF-16 BOM / shape, else hex.
   */
  sniff(): Detected {
    try {
      return detectEncoding(this.read(0, 64 * 1024));
    } catch {
      return { encoding: 'utf-8', text: false, reason: 'unreadable' };
    }
  }

  /** Re-reads the size; tells the editors when it changed. Never throws. */
  refresh(): void {
    if (this.closed) return;
    const previous = this.source.size;
    let size: number;
    try {
      size = this.source.refresh();
    } catch (error) {
      log().warn(`refresh of ${this.uri.fsPath} failed: ${(error as Error).message}`);
      return;
    }
    if (size !== previous) {
      for (const { index } of this.indexes.values()) index.resize(size);
      this.changed.fire({ size, previous, shrunk: size < previous });
    }
  }

  override dispose(): void {
    if (!this.closed) {
      this.closed = true;
      for (const { index } of this.indexes.values()) index.dispose();
      this.indexes.clear();
      try {
        this.source.close();
      } catch (error) {
        log().warn(`closing ${this.uri.fsPath}: ${(error as Error).message}`);
      }
      log().info(`closed ${this.uri.fsPath}`);
    }
    super.dispose();
  }
}
