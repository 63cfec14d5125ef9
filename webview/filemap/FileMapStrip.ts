import { formatHexOffset, formatSize, offsetDigits } from '../../shared/offsets';
import { element } from '../core/dom';
import { bucketAt, classColour, classify, CLASS_LABEL, CLASS_LETTER, entropyColour, readPalette, rgb, type MapPalette } from './fileMapLook';
import './fileMap.css';

export interface StripEvents {
  /** A click or drag on the strip: go to this byte. */
  goTo(offset: number): void;
  /** The strip's height changed enough to want another resolution. */
  resized(): void;
}

/** Pixels of strip height per bucket the webview asks for. */
export const PX_PER_BUCKET = 3;

/**
 * The file map strip beside the scrollbar: two lanes drawn on a canvas, the
 * byte class (text, zero, binary, high entropy; holes striped) and the mean
 * entropy on a blue–yellow–red ramp, one bucket per few pixels; a box where
 * the view is; a hover box (textContent) with the bucket's range and values.
 * The test marker data-classes holds one letter per bucket.
 */
export class FileMapStrip {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly viewBox: HTMLElement;
  private readonly hover: HTMLElement;
  private values = new Float64Array(0);
  private finished = 0;
  private size = 0;
  private bucketSize = 0;
  private bucketCount = 0;
  private classes: string[] = [];
  private palette: MapPalette | undefined;
  private frame = 0;
  private dragging: number | undefined;

  constructor(parent: HTMLElement, private readonly events: StripEvents) {
    this.element = element('div', 'filemap', parent);
    this.element.setAttribute('role', 'img');
    this.element.setAttribute('aria-label', 'File map: entropy and byte classes of the whole file; click to go there');
    this.canvas = element('canvas', 'filemap-canvas', this.element);
    this.viewBox = element('div', 'filemap-view', this.element);
    this.hover = element('div', 'filemap-hover', document.body);
    this.hover.hidden = true;
    this.element.addEventListener('pointerdown', (e) => this.pointerDown(e));
    this.element.addEventListener('pointermove', (e) => this.pointerMove(e));
    this.element.addEventListener('pointerup', (e) => this.pointerUp(e));
    this.element.addEventListener('pointercancel', (e) => this.pointerUp(e));
    this.element.addEventListener('pointerleave', () => (this.hover.hidden = true));
    let lastHeight = 0;
    new ResizeObserver(() => {
      const height = this.element.clientHeight;
      if (height === lastHeight) return;
      lastHeight = height;
      this.schedule();
      this.events.resized();
    }).observe(this.element);
    // The theme changed (VS Code swaps the body's classes and variables): read the colours again.
    new MutationObserver(() => {
      this.palette = undefined;
      this.schedule();
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  /** Buckets to ask for at the strip's current height. */
  get wantedBuckets(): number {
    return Math.max(8, Math.min(2048, Math.floor(this.element.clientHeight / PX_PER_BUCKET)));
  }

  setVisible(visible: boolean): void {
    this.element.hidden = !visible;
    document.body.classList.toggle('hv-filemap', visible);
    if (!visible) this.hover.hidden = true;
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  /** A new map: nothing computed yet. */
  reset(size: number, bucketSize: number, bucketCount: number): void {
    this.size = size;
    this.bucketSize = bucketSize;
    this.bucketCount = bucketCount;
    this.values = new Float64Array(bucketCount * 7);
    this.finished = 0;
    this.classes = new Array<string>(bucketCount).fill('.');
    this.element.dataset.done = '0';
    this.element.dataset.size = String(size);
    this.schedule();
  }

  /** Finished buckets from `first`. */
  add(first: number, values: readonly number[], done: boolean, error?: string): void {
    this.values.set(values, first * 7);
    const end = first + values.length / 7;
    for (let b = first; b < end; b++) this.classes[b] = CLASS_LETTER[classify(bucketAt(this.values, b))];
    this.finished = Math.max(this.finished, end);
    if (this.finished > 0 && !this.element.dataset.firstBucketsAt) this.element.dataset.firstBucketsAt = String(performance.timeOrigin + performance.now());
    this.element.dataset.classes = this.classes.join('');
    this.element.dataset.buckets = String(this.bucketCount);
    this.element.dataset.bucketSize = String(this.bucketSize);
    if (done) this.element.dataset.done = error ? 'error' : '1';
    this.element.title = error ? `File map: ${error}` : '';
    this.schedule();
  }

  /** The bytes on screen [start, end): the box on the strip. */
  showView(start: number, end: number): void {
    const size = this.size;
    this.viewBox.hidden = size === 0;
    if (size === 0) return;
    this.viewBox.style.top = `${((start / size) * 100).toFixed(3)}%`;
    this.viewBox.style.height = `max(2px, ${(((end - start) / size) * 100).toFixed(3)}%)`;
  }

  private schedule(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.draw());
  }

  private draw(): void {
    this.frame = 0;
    if (this.element.hidden) return;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(this.element.clientWidth * ratio));
    const height = Math.max(1, Math.round(this.element.clientHeight * ratio));
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const p = (this.palette ??= readPalette(getComputedStyle(document.body)));
    ctx.clearRect(0, 0, width, height);
    const count = this.bucketCount;
    // For the tests and the benchmark: when the first buckets reached the screen (wall-clock ms).
    if (this.finished > 0 && !this.element.dataset.firstDrawnAt) this.element.dataset.firstDrawnAt = String(performance.timeOrigin + performance.now());
    const lane = Math.round(width * 0.45);
    for (let b = 0; b < this.finished && count > 0; b++) {
      const y0 = Math.floor((b / count) * height);
      const y1 = Math.max(y0 + 1, Math.floor(((b + 1) / count) * height));
      const v = bucketAt(this.values, b);
      const c = classify(v);
      ctx.fillStyle = classColour(p, c);
      ctx.fillRect(0, y0, lane, y1 - y0);
      if (c === 'hole' || c === 'zero') ctx.fillStyle = classColour(p, c);
      else ctx.fillStyle = entropyColour(p, v.entropyMean);
      ctx.fillRect(lane, y0, width - lane, y1 - y0);
      if (c === 'hole') {
        // Holes striped across both lanes: not zero bytes that were read, but bytes that are not there.
        ctx.fillStyle = rgb(p.zero, 0.55);
        const step = Math.max(2, Math.round(3 * ratio));
        // By absolute row, so that a run of hole buckets reads as one striped stretch.
        for (let y = y0; y < y1; y++) if (Math.floor(y / step) % 2 === 0) ctx.fillRect(0, y, width, 1);
      }
    }
  }

  private bucketAtY(clientY: number): { index: number; fraction: number } | undefined {
    const box = this.element.getBoundingClientRect();
    if (box.height <= 0 || this.size === 0) return undefined;
    const fraction = Math.max(0, Math.min(1, (clientY - box.top) / box.height));
    const index = Math.min(this.bucketCount - 1, Math.floor(fraction * this.bucketCount));
    return { index, fraction };
  }

  private goToY(clientY: number): void {
    const at = this.bucketAtY(clientY);
    if (at) this.events.goTo(Math.min(this.size - 1, Math.floor(at.fraction * this.size)));
  }

  private pointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    this.dragging = event.pointerId;
    this.element.setPointerCapture(event.pointerId);
    this.element.classList.add('active');
    this.goToY(event.clientY);
  }

  private pointerMove(event: PointerEvent): void {
    if (this.dragging === event.pointerId) {
      this.goToY(event.clientY);
      this.hover.hidden = true;
      return;
    }
    this.showHover(event);
  }

  private pointerUp(event: PointerEvent): void {
    if (this.dragging !== event.pointerId) return;
    this.dragging = undefined;
    this.element.classList.remove('active');
    if (this.element.hasPointerCapture(event.pointerId)) this.element.releasePointerCapture(event.pointerId);
  }

  private showHover(event: PointerEvent): void {
    const at = this.bucketAtY(event.clientY);
    if (!at || at.index < 0) return void (this.hover.hidden = true);
    const start = at.index * this.bucketSize;
    const end = Math.min(this.size, start + this.bucketSize);
    const digits = offsetDigits(this.size);
    const lines = [`0x${formatHexOffset(start, digits)} – 0x${formatHexOffset(end - 1, digits)} (${formatSize(end - start)})`];
    if (at.index >= this.finished) lines.push('not mapped yet…');
    else {
      const v = bucketAt(this.values, at.index);
      const pct = (x: number) => `${Math.round(x * 100)}%`;
      lines.push(classLabel(v));
      if (v.hole < 1) lines.push(`entropy ${v.entropyMean.toFixed(2)} bits/byte (min ${v.entropyMin.toFixed(2)}, max ${v.entropyMax.toFixed(2)})`);
      lines.push(`zero ${pct(v.zero)} · text ${pct(v.text)} · high ${pct(v.high)}${v.hole > 0 ? ` · hole ${pct(v.hole)}` : ''}`);
    }
    this.hover.textContent = lines.join('\n');
    this.hover.hidden = false;
    const box = this.element.getBoundingClientRect();
    const hoverBox = this.hover.getBoundingClientRect();
    this.hover.style.left = `${Math.max(4, box.left - hoverBox.width - 6)}px`;
    this.hover.style.top = `${Math.max(4, Math.min(window.innerHeight - hoverBox.height - 4, event.clientY - hoverBox.height / 2))}px`;
  }
}

function classLabel(v: ReturnType<typeof bucketAt>): string {
  const label = CLASS_LABEL[classify(v)];
  return label.charAt(0).toUpperCase() + label.slice(1);
}
