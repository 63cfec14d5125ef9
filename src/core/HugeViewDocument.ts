import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ByteSource } from '../bytes/ByteSource';
import { openByteSource } from '../bytes/openByteSource';
import { log } from '../log';
import { Disposable } from './Disposable';
import { LineIndex } from './LineIndex';
import type { LineIndexCache } from './LineIndexCache';
import { LineIndexPersistence } from './LineIndexPersistence';
import { jsScanner, nativeScanner } from './LineScanner';
import type { NewlineUnit } from '../../shared/types';
import { detectEncoding, type Detected } from './textEncoding';
import type { DescriptorLease } from '../bytes/SharedDescriptor';
import type { NativeMappedFile } from '../bytes/nativeAddon';
import { classifyChange, markFile, statPath, type FileMark } from './fileChange';

export interface SizeChange {
  size: number;
  previous: number;
  shrunk: boolean;
}

/** The bytes under the view are other bytes now: every page, line count and match is stale. */
export interface Reload {
  size: number;
  previous: number;
  /** 'rewritten': the same file got other bytes; 'replaced': the path names a new file, now shown. */
  reason: 'rewritten' | 'replaced';
}

/**
 * One open file, shared by every editor showing it: one byte source (one
 * mapping) per document. VS Code disposes the document when its last editor
 * closes, which closes the mapping.
 */
export class HugeViewDocument extends Disposable implements vscode.CustomDocument {
  private readonly changed = this._register(new vscode.EventEmitter<SizeChange>());
  /** Fires when the file grew (an append: what was read is unchanged). */
  readonly onDidChangeSize = this.changed.event;
  private readonly reloaded = this._register(new vscode.EventEmitter<Reload>());
  /** Fires when the file was rewritten in place or replaced (and the new one opened): drop everything read. */
  readonly onDidReload = this.reloaded.event;
  private readonly replacedEmitter = this._register(new vscode.EventEmitter<void>());
  /**
   * Fires when the path names another file than the one open (rotation by
   * rename). A listener that wants it (follow mode) calls reopen(); if none
   * does, the user is offered to open the new file.
   */
  readonly onDidDetectReplacement = this.replacedEmitter.event;
  /** How many times the document dropped what it had read (rewrites and replacements). */
  reloads = 0;
  private mark: FileMark;
  /** The inode already offered to the user, so the offer is made once per new file. */
  private offeredIno: bigint | undefined;

  /** The user was offered to open a new file found at the path (and the view still shows the old one). */
  get replacementOffered(): boolean {
    return this.offeredIno !== undefined;
  }
  private closed = false;
  /** One line index per newline unit, shared by the editors that count lines that way. */
  private readonly indexes = new Map<NewlineUnit, { index: LineIndex; users: Set<object> }>();
  /** Where the line indexes start from and are kept between sessions (the cache in global storage). */
  private readonly persistence: LineIndexPersistence;

  /** Opens the file at `uri`; `indexCache` (if any) gives its line indexes a head start and keeps them. */
  static open(uri: vscode.Uri, indexCache?: LineIndexCache): HugeViewDocument {
    if (uri.scheme !== 'file') {
      throw new Error(`HugeView opens files on disk (file: URIs); '${uri.scheme}:' resources are not supported. Save the file locally or open it in the text editor.`);
    }
    const source = openByteSource(uri.fsPath, (reason) => log().warn(reason));
    log().info(`opened ${uri.fsPath} (${source.size} bytes) through ${source.backend}`);
    return new HugeViewDocument(uri, source, indexCache);
  }

  private constructor(
    readonly uri: vscode.Uri,
    private source: ByteSource,
    indexCache: LineIndexCache | undefined,
  ) {
    super();
    this.persistence = new LineIndexPersistence(indexCache, () => this.source.lendDescriptor(), this.fileName);
    this.mark = markFile(statPath(uri.fsPath), source.size, (offset, length) => this.readRaw(offset, length));
    const watcher = this._register(
      vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(uri.fsPath)), path.basename(uri.fsPath))),
    );
    this._register(watcher.onDidChange(() => this.refresh()));
    this._register(watcher.onDidCreate(() => this.refresh()));
    this._register(watcher.onDidDelete(() => this.refresh()));
  }

  /** A lease on the file the view shows, for worker threads (search, checksum): they never reopen the path. */
  lendDescriptor(): DescriptorLease {
    return this.source.lendDescriptor();
  }

  /** The native mapped file when the bytes come through the addon (the search kernel runs on it). */
  get nativeFile(): NativeMappedFile | undefined {
    return this.source.nativeFile;
  }

  get size(): number {
    return this.source.size;
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
    try {
      return this.readRaw(offset, length);
    } catch (error) {
      if ((error as { code?: string }).code === 'ETRUNCATED') this.refresh();
      throw error;
    }
  }

  private readRaw(offset: number, length: number): Uint8Array {
    const wanted = Math.max(0, Math.min(length, this.source.size - offset));
    const target = new Uint8Array(wanted);
    const n = this.source.read(offset, target);
    return n === wanted ? target : target.slice(0, n);
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
      entry = { index: this.newIndex(unit), users: new Set() };
      this.indexes.set(unit, entry);
    }
    entry.users.add(user);
    return entry.index;
  }

  private newIndex(unit: NewlineUnit): LineIndex {
    const native = this.source.nativeFile;
    const scanner = native ? nativeScanner(native, unit) : jsScanner(this.source.lendDescriptor(), unit);
    const index = new LineIndex(scanner, this.source.size);
    index.onChange((state) => {
      if (state.done && state.reason) log().info(`line index (${unit}) of ${this.fileName}: ${state.newlines} newlines; ${state.via} (${state.reason})`);
    });
    this.persistence.start(index, unit);
    return index;
  }

  /** `user` no longer counts `unit` newlines; the last user's release disposes the index. */
  releaseLines(unit: NewlineUnit, user: object): void {
    const entry = this.indexes.get(unit);
    if (!entry || !entry.users.delete(user) || entry.users.size > 0) return;
    this.indexes.delete(unit);
    this.persistence.release(entry.index);
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

  /**
   * Looks at the file again: an append extends (the line index resumes), a
   * rewrite drops everything read and starts over, a replacement is announced
   * (onDidDetectReplacement). Called by the file watcher, by follow mode's poll
   * and when an editor comes to the front. Never throws.
   */
  refresh(): void {
    if (this.closed) return;
    const stat = statPath(this.uri.fsPath);
    const previous = this.source.size;
    let size: number;
    try {
      size = this.source.refresh();
    } catch (error) {
      log().warn(`refresh of ${this.uri.fsPath} failed: ${(error as Error).message}`);
      return;
    }
    const readOpen = (offset: number, length: number) => this.readRaw(offset, length);
    let kind = classifyChange(this.mark, stat, size, readOpen);
    if (kind === 'rewrite' && size === this.mark.size) {
      // A write in progress shows its new mtime before its new size: look at the size once more.
      const again = this.sizeNow();
      if (again !== undefined && again !== size) kind = classifyChange(this.mark, stat, (size = again), readOpen);
    }
    // While the path names another file, the open one is watched by its size alone (its writer may not have moved on yet).
    const pathIsOurs = kind !== 'replaced';
    if (kind === 'replaced') {
      if (this.replaced(stat!.ino)) return;
      kind = classifyChange(this.mark, undefined, size, readOpen);
    }
    if (kind === 'none' && size === previous) return;
    if (kind === 'rewrite') return this.reload('rewritten', previous);
    // The mtime after the size (a later mtime with the same size is then a real change), if the path still names this file.
    const after = statPath(this.uri.fsPath);
    const sameFile = after && after.ino === this.mark.ino && after.dev === this.mark.dev ? after : undefined;
    this.mark = markFile(pathIsOurs ? (sameFile ?? stat) : undefined, size, readOpen, this.mark);
    for (const { index } of this.indexes.values()) index.resize(size);
    if (size !== previous) this.changed.fire({ size, previous, shrunk: size < previous });
  }

  private sizeNow(): number | undefined {
    try {
      return this.source.refresh();
    } catch {
      return undefined;
    }
  }

  /** The path names a new file: switch if a listener (follow mode) asks, else offer it once. */
  private replaced(ino: bigint): boolean {
    const before = this.source;
    this.replacedEmitter.fire();
    if (this.source !== before || this.closed) return true;
    if (this.offeredIno === ino) return false;
    this.offeredIno = ino;
    log().info(`${this.uri.fsPath} now names another file (inode ${ino}); offering to open it`);
    void vscode.window
      .showInformationMessage(`HugeView: ${this.fileName} was replaced by a new file at the same path (rotated or saved anew). This view still shows the old file.`, 'Open New File')
      .then((choice) => {
        if (choice === 'Open New File') this.reopen();
      });
    return false;
  }

  /** Opens what the path names now in place of the open file (the file was rotated or replaced). */
  reopen(): boolean {
    if (this.closed) return false;
    let fresh: ByteSource;
    try {
      fresh = openByteSource(this.uri.fsPath);
    } catch (error) {
      log().warn(`reopening ${this.uri.fsPath} failed: ${(error as Error).message}`);
      return false;
    }
    const old = this.source;
    const previous = old.size;
    this.source = fresh;
    try {
      old.close(); // jobs still running on it hold its mapping (and workers their descriptor lease) until they end
    } catch (error) {
      log().warn(`closing the old ${this.uri.fsPath}: ${(error as Error).message}`);
    }
    log().info(`reopened ${this.uri.fsPath} (${fresh.size} bytes): it was replaced`);
    this.reload('replaced', previous);
    return true;
  }

  /** Drops the line indexes (new ones count the new bytes) and tells the editors. */
  private reload(reason: Reload['reason'], previous: number): void {
    const size = this.source.size;
    this.reloads++;
    this.mark = markFile(statPath(this.uri.fsPath), size, (offset, length) => this.readRaw(offset, length), this.mark);
    for (const [unit, entry] of this.indexes) {
      this.persistence.forget(entry.index);
      entry.index.dispose();
      entry.index = this.newIndex(unit);
    }
    log().info(`${this.uri.fsPath} was ${reason} (${previous} → ${size} bytes): reloaded`);
    this.reloaded.fire({ size, previous, reason });
  }

  override dispose(): void {
    if (!this.closed) {
      this.closed = true;
      for (const { index } of this.indexes.values()) {
        this.persistence.release(index);
        index.dispose();
      }
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
