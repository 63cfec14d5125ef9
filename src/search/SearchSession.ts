import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MatchInfo, SearchProgressParams, SearchQuery } from '../../shared/searchProtocol';
import { RunningSearch, type SearchSummary } from './RunningSearch';
import { MmapSource } from '../bytes/MmapSource';
import type { HugeViewDocument } from '../viewer/HugeViewDocument';
import type { TextEncodingName } from '../../shared/protocol';
import { compileQuery, literalAsRegex, type CompiledQuery } from './compileQuery';
import { nativeRangeScanner, regexRangeScanner, type RangeScanner } from './scanners';
import { prefilteredRegexScanner } from './prefilteredScanner';

export type { SearchSummary } from './RunningSearch';

/**
 * One panel's search: starts at the cursor and wraps around (segment A is
 * [cursor, end), segment B is [0, cursor)), counts every match, keeps the first
 * hugeview.search.maxResults for navigation and highlighting, and reports
 * progress. A new search cancels the running one at once.
 */
export class SearchSession {
  private static nextId = 1;
  private search: RunningSearch | undefined;
  private readonly finished = new vscode.EventEmitter<SearchSummary>();
  readonly onDidFinish = this.finished.event;

  constructor(
    private readonly document: HugeViewDocument,
    private readonly distDir: string,
    private readonly report: (progress: SearchProgressParams) => void,
    /** The encoding the editor shows the text in: Find searches that text. */
    private readonly encoding: () => TextEncodingName = () => 'utf-8',
  ) {}

  /** Starts a search; throws PatternError (code EPATTERN) for a bad query. */
  start(query: SearchQuery, from: number): number {
    const compiled = compileQuery(query, this.encoding());
    this.cancel();
    const id = SearchSession.nextId++;
    const cap = Math.max(1, vscode.workspace.getConfiguration('hugeview').get<number>('search.maxResults', 100_000));
    this.search = new RunningSearch(id, query, this.scannerFor(compiled, query), compiled.kind === 'native' && compiled.wholeWord ? compiled.encoding : undefined, this.document, Math.min(from, this.document.size), cap, this.report, (summary) => this.finished.fire(summary));
    this.search.run();
    return id;
  }

  cancel(searchId?: number): void {
    if (!this.search || (searchId !== undefined && this.search.id !== searchId)) return;
    this.search.stop();
    this.search = undefined;
  }

  matchesIn(searchId: number, start: number, end: number): { offsets: number[]; lengths: number[] } {
    return this.current(searchId)?.matchesIn(start, end) ?? { offsets: [], lengths: [] };
  }

  nextMatch(searchId: number, from: number, direction: 1 | -1): MatchInfo | null {
    return this.current(searchId)?.next(from, direction) ?? null;
  }

  dispose(): void {
    this.cancel();
    this.finished.dispose();
  }

  private current(searchId: number): RunningSearch | undefined {
    return this.search?.id === searchId ? this.search : undefined;
  }

  private scannerFor(compiled: CompiledQuery, query: SearchQuery): RangeScanner {
    // Workers read the document's own descriptor, never the path.
    const acquire = () => this.document.descriptor.acquire();
    const source = this.document.byteSource;
    if (compiled.kind === 'regex') {
      const prefilter = compiled.prefilter;
      if (prefilter && source instanceof MmapSource) return prefilteredRegexScanner(source.native, acquire, { ...compiled, prefilter }, this.distDir);
      return regexRangeScanner(acquire, compiled, this.distDir);
    }
    if (source instanceof MmapSource) return nativeRangeScanner(source.native, compiled);
    return regexRangeScanner(acquire, literalAsRegex(compiled, query), this.distDir);
  }
}

export function distDir(extensionUri: vscode.Uri): string {
  return path.join(extensionUri.fsPath, 'dist');
}
