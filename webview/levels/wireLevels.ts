import type { Messenger } from '../../shared/rpc';
import { isLevelState, LevelMarksChanged, LevelSettingsChanged, LevelState, type LevelSettings } from '../../shared/protocol/levels';
import type { Disposable } from '../core/Emitter';
import type { Viewer } from '../core/Viewer';
import { LevelHighlights } from './LevelHighlights';
import { LevelOverview } from './LevelOverview';
import './levels.css';

/** A theme colour id ('charts.red') as its CSS variable; '#hex' as it is (both checked by the protocol). */
function cssColor(color: string): string {
  return color.startsWith('#') ? color : `var(--vscode-${color.replace(/\./g, '-')})`;
}

/**
 * Levels on the viewer: level tokens and the user's highlights coloured in
 * the text rows, ERROR/WARN marks along the scrollbar. Asks the host for the
 * settings and the latest marks when it starts, then follows its notifications.
 */
export function wireLevels(viewer: Viewer, messenger: Messenger): void {
  const highlights = new LevelHighlights(viewer.pages.bytes);
  const overview = new LevelOverview(viewer.scrollbar, () => viewer.fileSize);
  const sheet = new CSSStyleSheet();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  let added: Disposable | undefined;
  let enabled = false;

  const apply = (settings: LevelSettings) => {
    enabled = settings.enabled;
    sheet.replaceSync(settings.highlights.map((h, i) => `.text-view .hl-${i} { color: ${cssColor(h.color)}; }`).join('\n'));
    highlights.setUserHighlights(settings.highlights);
    if (settings.enabled && !added) added = viewer.addTextHighlights(highlights);
    else if (!settings.enabled && added) {
      added.dispose();
      added = undefined;
    } else viewer.marksChanged();
    if (!settings.enabled) overview.clear();
  };

  viewer.onPainted(() => highlights.endOfPaint());
  messenger.onNotification(LevelSettingsChanged, apply);
  messenger.onNotification(LevelMarksChanged, (marks) => enabled && overview.show(marks));
  void messenger.request(LevelState, {}).then((state) => {
    if (!isLevelState(state)) return;
    apply(state.settings);
    if (state.marks && state.settings.enabled) overview.show(state.marks);
  }, () => undefined);
}
