import { offsetDigits } from '../../shared/offsets';
import type { ViewSettings } from '../../shared/protocol/editor';
import { fitBytesPerRow, HexLayout } from '../hex/HexLayout';
import { textRules, type TextRules } from '../text/encoding';
import { TextLayout } from '../text/TextLayout';
import type { FontMetrics } from './FontMetrics';
import type { ByteSource } from './PagedBytes';
import type { Screen } from './Screen';
import type { ViewState } from './ViewState';

/** Longest visual text row; a larger maxLineColumns setting is capped to keep a screen of rows in the page cache. */
const MAX_WRAP_COLUMNS = 10_000;

/**
 * Where the view state's layouts come from: the settings (bytes per row,
 * wrap width, font), the text encoding and the width of the rows area.
 */
export class ViewLayouts {
  settings: ViewSettings = { bytesPerRow: 'auto', maxLineColumns: 2000, fontFamily: '', fontSize: 14 };
  /** How the text view decodes: UTF-8, UTF-16 LE/BE, Windows-1252. */
  rules: TextRules = textRules('utf-8');

  constructor(
    private readonly s: ViewState,
    private readonly bytes: ByteSource,
    private readonly screen: Screen,
    private readonly metrics: FontMetrics,
  ) {}

  /** Both layouts anew (the size, the settings or the encoding changed). */
  make(): void {
    const s = this.s;
    s.hexLayout = new HexLayout(() => s.size, s.rowBytes);
    const columns = Math.max(16, Math.min(MAX_WRAP_COLUMNS, Math.floor(this.settings.maxLineColumns) || 2000));
    s.textLayout = new TextLayout(this.bytes, columns, this.rules);
  }

  apply(settings: ViewSettings): void {
    this.settings = { ...this.settings, ...settings };
    this.metrics.apply(this.settings);
  }

  /**
   * How many rows fit, and with bytesPerRow 'auto' how many bytes: a new
   * hex layout when the row width changes.
   */
  fit(): void {
    const s = this.s;
    const rowBytes = this.rowBytes();
    if (rowBytes !== s.rowBytes) {
      s.rowBytes = rowBytes;
      s.hexLayout = new HexLayout(() => s.size, rowBytes);
      s.shown = { starts: [], end: 0 };
    }
    ({ visibleRows: s.visibleRows, rowElements: s.rowElements } = this.screen.fit(this.metrics.rowHeight, s.rowBytes));
  }

  private rowBytes(): number {
    const setting = this.settings.bytesPerRow;
    if (setting !== 'auto') return setting;
    const width = this.screen.rowsArea.clientWidth;
    return width > 0 ? fitBytesPerRow(width, this.metrics.charWidth, offsetDigits(this.s.size)) : this.s.rowBytes;
  }
}
