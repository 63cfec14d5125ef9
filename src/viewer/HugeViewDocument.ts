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
import { SharedDescriptor } from '../bytes/SharedDescriptor';

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
  private index: LineIndex | undefined;
  private indexUnit: NewlineUnit = 'byte';

  static open(uri: vscode.Uri): HugeViewDocument {
    if (uri.scheme !== 'file') {
      throw new Error(`HugeView opens files on disk (file: URIs); '${uri.scheme}:' resources are not supported. Save the file locally or open it in the text editor.`);
    }
    const source = openByteSource(uri.fsPath, (reason) => log().warn(reason));
    let descriptor: SharedDescriptor;
    try {
      descriptor = new SharedDescriptor(uri.fsPath);
    } catch (error) {
      source.close();
      throw error;
    }
    log().info(`opened ${uri.fsPath} (${source.size} bytes) through ${source.backend}`);
    return new HugeViewDocument(uri, source, descriptor);
  }

  private constructor(
    readonly uri: vscode.Uri,
    private readonly source: ByteSource,
    /** The file the view shows, for worker threads (search, checksum): they never reopen the path. */
    readonly descriptor: SharedDescriptor,
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

  /** Why the bytes come through pread, when they do. */
  get backendReason(): string | undefined {
    return this.source.fallbackReason;
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

  /** The line index if something has started it. */
  get startedLines(): LineIndex | undefined {
    return this.index;
  }

  /**
   * The line index, created and started on first use (text views and Go to
   * Line ask for it; a hex-only session of a 20 GB dump never pays for it).
   */
  lines(unit: NewlineUnit = this.indexUnit): LineIndex {
    if (this.index && unit !== this.indexUnit) {
      // Another encoding counts other newlines (UTF-16's are two bytes): start over.
      this.index.dispose();
      this.index = undefined;
    }
    this.indexUnit = unit;
    if (!this.index) {
      const scanner = this.source instanceof MmapSource ? nativeScanner(this.source.native, unit) : jsScanner(this.uri.fsPath, unit);
      this.index = new LineIndex(scanner, this.source.size);
      this.index.onChange((state) => {
        if (state.done && state.reason) log().info(`line index of ${this.fileName}: ${state.newlines} newlines; ${state.via} (${state.reason})`);
      });
      this.index.start();
    }
    return this.index;
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
      this.index?.resize(size);
      this.changed.fire({ size, previous, shrunk: size < previous });
    }
  }

  override dispose(): void {
    if (!this.closed) {
      this.closed = true;
      this.index?.dispose();
      this.descriptor.close();
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
