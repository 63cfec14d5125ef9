import type { ViewSettings } from '../../shared/protocol/editor';

/**
 * The font from the settings, applied as CSS variables on the viewer, and the
 * sizes measured from it: row height and the width of one character.
 */
export class FontMetrics {
  rowHeight = 20;
  charWidth = 8;

  constructor(private readonly root: HTMLElement) {}

  apply(settings: ViewSettings): void {
    const style = this.root.style;
    const family = typeof settings.fontFamily === 'string' ? settings.fontFamily.trim() : '';
    if (family) style.setProperty('--hv-font-family', family);
    else style.removeProperty('--hv-font-family');
    const size = Number(settings.fontSize);
    if (size >= 4 && size <= 200) style.setProperty('--hv-font-size', `${size}px`);
    else style.removeProperty('--hv-font-size');
    this.measure();
  }

  /** Measures with a hidden probe in the viewer's font; sets --hv-row-height. */
  measure(): void {
    const probe = document.createElement('span');
    probe.className = 'probe';
    probe.textContent = '0123456789ABCDEF'.repeat(4);
    this.root.appendChild(probe);
    const box = probe.getBoundingClientRect();
    const fontSize = parseFloat(getComputedStyle(probe).fontSize) || 14;
    probe.remove();
    this.charWidth = box.width > 0 ? box.width / 64 : fontSize * 0.6;
    this.rowHeight = Math.max(8, Math.round(fontSize * 1.5));
    this.root.style.setProperty('--hv-row-height', `${this.rowHeight}px`);
    this.root.style.setProperty('--hv-char-width', `${this.charWidth}px`);
  }
}
