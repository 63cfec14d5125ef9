import type { Messenger } from '../../shared/rpc';
import { CancelStrings, CloseStrings, FilterStrings, ShowStrings, StringsProgress, StringsWindow } from '../../shared/protocol/strings';
import type { Viewer } from '../core/Viewer';
import { StringsPane } from './StringsPane';

/**
 * Puts the strings pane under the viewer: opened by the host when
 * hugeview.strings runs, it asks the host for the rows on screen (one
 * request at a time, the latest wanted one next) and moves the viewer to a
 * string on Enter or a click.
 */
export function wireStrings(viewer: Viewer, messenger: Messenger): void {
  let listId = -1;
  let inFlight = false;
  let wanted: { start: number; count: number } | undefined;
  const fetchNext = () => {
    if (inFlight || !wanted) return;
    const request = { listId, ...wanted };
    wanted = undefined;
    inFlight = true;
    messenger.request(StringsWindow, request).then(
      (reply) => {
        inFlight = false;
        if (reply.listId === listId) pane.fill(reply.rows);
        fetchNext();
      },
      () => {
        inFlight = false;
        fetchNext();
      },
    );
  };
  const pane = new StringsPane({
    fetch: (start, count) => {
      wanted = { start, count };
      fetchNext();
    },
    filter: (text) => messenger.notify(FilterStrings, { listId, text }),
    cancel: () => messenger.notify(CancelStrings, { listId }),
    close: () => {
      pane.setVisible(false);
      messenger.notify(CloseStrings, {});
      viewer.element.focus();
    },
    open: (row) => viewer.goTo(row.offset, row.length),
  });
  document.body.appendChild(pane.element);

  messenger.onNotification(ShowStrings, (params) => {
    listId = params.listId;
    wanted = undefined;
    pane.open(params.listId, viewer.fileSize);
  });
  messenger.onNotification(StringsProgress, (p) => {
    if (p.listId === listId) pane.progress(p);
  });
}
