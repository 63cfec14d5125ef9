import type { Messenger } from '../../shared/rpc';
import { FileMapProgress, FileMapStateChanged, StartFileMap, type FileMapState } from '../../shared/protocol/filemap';
import type { Viewer } from '../core/Viewer';
import { FileMapStrip, PX_PER_BUCKET } from './FileMapStrip';

/**
 * Puts the file map strip beside the viewer's scrollbar: asks the host for a
 * map at the strip's resolution when shown (and again when the strip's
 * height changes a lot), draws the buckets as they come, moves the view on a
 * click or drag, and shows where the view is.
 */
export function wireFileMap(viewer: Viewer, messenger: Messenger): void {
  let mapId = -1;
  let asked = 0;
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  const strip = new FileMapStrip(viewer.element, {
    goTo: (offset) => {
      viewer.goTo(offset);
      viewer.element.focus({ preventScroll: true });
    },
    resized: () => {
      if (!strip.visible || asked === 0) return;
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => {
        const wanted = strip.wantedBuckets;
        if (Math.abs(wanted - asked) / asked > 0.25) ask();
      }, 300);
    },
  });
  strip.setVisible(false);

  /** Asks for a map at the strip's resolution (before the strip is shown: at the viewer's height). */
  const ask = () => {
    asked = strip.visible ? strip.wantedBuckets : Math.max(8, Math.min(2048, Math.floor(viewer.element.clientHeight / PX_PER_BUCKET)));
    messenger.notify(StartFileMap, { buckets: asked });
  };
  /** The host said hidden (and so skipped the map): showing the strip again asks anew. */
  let skipped = false;
  const apply = ({ visible }: FileMapState) => {
    const was = strip.visible;
    if (!visible) skipped = true;
    if (visible === was) return;
    strip.setVisible(visible);
    viewer.resize();
    if (visible && skipped) {
      skipped = false;
      ask();
    }
  };

  messenger.onNotification(FileMapProgress, (p) => {
    if (p.mapId !== mapId) {
      mapId = p.mapId;
      strip.reset(p.size, p.bucketSize, p.bucketCount);
    }
    strip.add(p.firstBucket, p.values, p.done, p.error);
  });
  messenger.onNotification(FileMapStateChanged, apply);
  viewer.onPainted(({ start, end }) => strip.showView(start, end));
  ask(); // at once: the host answers with the settings and the first buckets
}
