import type { Messenger } from '../../shared/rpc';
import { CancelSearch, FindCommand, MatchesIn, NextMatch, SearchProgress, StartSearch } from '../../shared/protocol/search';
import { FindController } from './FindController';
import { findKeyAction } from './findKeys';
import { FindWidget } from './FindWidget';
import { ScrollOverview } from './ScrollOverview';
import type { Viewer } from '../core/Viewer';

/**
 * Puts the find widget on the viewer: builds it, connects it to the host's
 * search through the messenger, and adds Ctrl+F / F3 / Escape on the viewer.
 * Call before wireViewerInput, so Escape closes the widget before it clears
 * the selection.
 */
export function wireFind(viewer: Viewer, messenger: Messenger): FindController {
  let controller: FindController | undefined;
  const widget = new FindWidget({
    onInput: () => controller?.inputChanged(),
    onOptions: () => controller?.optionsChanged(),
    onAction: (action) => {
      if (action === 'open') controller?.open();
      else if (action === 'close') controller?.close();
      else controller?.navigate(action === 'next' ? 1 : -1);
    },
  });
  const find = (controller = new FindController(
    widget,
    {
      get cursorOffset() {
        return viewer.cursorOffset;
      },
      get selectionStart() {
        return viewer.selectionStart;
      },
      get settling() {
        return viewer.settling;
      },
      get fileSize() {
        return viewer.fileSize;
      },
      get viewMode() {
        return viewer.viewMode;
      },
      selectedBytes: (max) => viewer.selectedBytes(max),
      goTo: (offset, length) => viewer.goTo(offset, length),
      setHighlights: (highlights) => viewer.setHighlights(highlights),
      focus: () => viewer.element.focus(),
    },
    {
      startSearch: (params) => messenger.request(StartSearch, params),
      cancelSearch: (searchId) => messenger.notify(CancelSearch, { searchId }),
      matchesIn: (searchId, start, end) => messenger.request(MatchesIn, { searchId, start, end }),
      nextMatch: (searchId, from, direction) => messenger.request(NextMatch, { searchId, from, direction }),
    },
    new ScrollOverview(viewer.scrollbar),
  ));
  viewer.onPainted(({ start, end }) => find.painted(start, end));
  viewer.onCursorChanged(() => find.cursorMoved());

  const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
  viewer.element.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    const action = findKeyAction(event, isMac, 'viewer');
    if (action === 'open') find.open();
    else if ((action === 'next' || action === 'previous') && find.hasSearch) find.navigate(action === 'next' ? 1 : -1);
    else if (action === 'close' && find.isOpen) find.close();
    else return;
    event.preventDefault();
    event.stopImmediatePropagation();
  });

  messenger.onNotification(SearchProgress, (progress) => find.searchProgress(progress));
  messenger.onNotification(FindCommand, (command) => find.command(command));
  return find;
}
