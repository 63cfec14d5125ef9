import * as vscode from 'vscode';
import { CancelSearch, FindCommand, MatchesIn, NextMatch, SearchProgress, StartSearch, type FindCommandParams, type SearchProgressParams, type SearchQuery } from '../../shared/protocol/search';
import type { Editor } from '../core/Editor';
import { RunningSearch, type SearchSummary } from './RunningSearch';
import { compileQuery, literalAsRegex, type CompiledQuery } from './compileQuery';
import { nativeRangeScanner, regexRangeScanner, type RangeScanner } from './scanners';
import { prefilteredRegexScanner } from './prefilteredScanner';

export type { SearchSummary } from './RunningSearch';

/**
 * One editor's search: starts at the cursor and wraps around (segment A is
 * [cursor, end), segment B is [0, cursor)), counts every match, keeps the first
 * hugeview.search.maxResults for navigation and highlighting, and reports
 * progress. A new search cancels the running one at once; a reload of the
 * document cancels it too (its matches describe the old bytes).
 */
export class SearchSession implements vscode.Disposable {
  private search: RunningSearch | undefined;
  /** Search ids are this editor's: its webview names the search it asks about. */
  private nextId = 1;
  private readonly finished = new vscode.EventEmitter<SearchSummary>();
  readonly onDidFinish = this.finished.event;
  /** Finished and cancelled searches, oldest first (the last 50). */
  readonly log: SearchSummary[] = [];
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly editor: Editor) {
    const { messenger } = editor;
    messenger.onRequest(StartSearch, ({ from, ...query }) => ({ searchId: this.start(query, from) }));
    messenger.onNotification(CancelSearch, ({ searchId }) => this.cancel(searchId));
    messenger.onRequest(MatchesIn, ({ searchId, start, end }) => this.current(searchId)?.matchesIn(start, end) ?? { offsets: [], lengths: [] });
    messenger.onRequest(NextMatch, ({ searchId, from, direction }) => this.current(searchId)?.next(from, direction) ?? null);
    this.subscriptions = [
      this.finished,
      this.onDidFinish((summary) => {
        this.log.push(summary);
        if (this.log.length > 50) this.log.shift();
      }),
      editor.onDidReload(() => this.cancel()),
    ];
  }

  /** Drives the find widget (hugeview.find); resolves when a search with this query has finished. */
  find(params: FindCommandParams): Promise<SearchSummary | undefined> {
    this.editor.messenger.notify(FindCommand, params);
    if (params.action !== 'open' || !params.query) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const subscription = this.onDidFinish((summary) => {
        if (summary.cancelled || summary.query.query !== params.query) return;
        subscription.dispose();
        resolve(summary);
      });
    });
  }

  /** Starts a search; throws PatternError (code EPATTERN) for a bad query. */
  start(query: SearchQuery, from: number): number {
    // Find searches the text as the editor shows it: in its encoding.
    const compiled = compileQuery(query, this.editor.encoding);
    this.cancel();
    const id = this.nextId++;
    const document = this.editor.document;
    const cap = Math.max(1, vscode.workspace.getConfiguration('hugeview').get<number>('search.maxResults', 100_000));
    const report = (progress: SearchProgressParams) => this.editor.messenger.notify(SearchProgress, progress);
    this.search = new RunningSearch(id, query, this.scannerFor(compiled, query), compiled.kind === 'native' && compiled.wholeWord ? compiled.encoding : undefined, document, Math.min(from, document.size), cap, report, (summary) => this.finished.fire(summary));
    this.search.run();
    return id;
  }

  cancel(searchId?: number): void {
    if (!this.search || (searchId !== undefined && this.search.id !== searchId)) return;
    this.search.stop();
    this.search = undefined;
  }

  dispose(): void {
    this.cancel();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private current(searchId: number): RunningSearch | undefined {
    return this.search?.id === searchId ? this.search : undefined;
  }

  private scannerFor(compiled: CompiledQuery, query: SearchQuery): RangeScanner {
    // Workers read the document's own descriptor, never the path.
    const lend = () => this.editor.document.lendDescriptor();
    const native = this.editor.document.nativeFile;
    if (compiled.kind === 'regex') {
      const prefilter = compiled.prefilter;
      if (prefilter && native) return prefilteredRegexScanner(native, lend, { ...compiled, prefilter });
      return regexRangeScanner(lend, compiled);
    }
    if (native) return nativeRangeScanner(native, compiled);
    return regexRangeScanner(lend, literalAsRegex(compiled, query));
  }
}
