/** The vertical scrollbar: a track and a thumb, positioned from fractions of the file. */
export interface ScrollerEvents {
  /** The thumb was dragged: `fraction` 0 = top of the file, 1 = end. */
  onDrag(fraction: number): void;
  /** The track was clicked above (-1) or below (+1) the thumb. */
  onPage(direction: -1 | 1): void;
}

export const MIN_THUMB_PX = 20;

export class Scroller {
  readonly element: HTMLElement;
  private readonly thumb: HTMLElement;
  private thumbTop = 0;
  private thumbHeight = MIN_THUMB_PX;
  private drag: { pointerId: number; startY: number; startTop: number } | undefined;
  private lastTop = -1;
  private lastHeight = -1;
  private trackHeight = 0;

  constructor(private readonly events: ScrollerEvents) {
    this.element = document.createElement('div');
    this.element.className = 'scrollbar';
    this.thumb = document.createElement('div');
    this.thumb.className = 'thumb';
    this.element.appendChild(this.thumb);
    this.element.addEventListener('pointerdown', (e) => this.pointerDown(e));
    this.element.addEventListener('pointermove', (e) => this.pointerMove(e));
    this.element.addEventListener('pointerup', (e) => this.pointerUp(e));
    this.element.addEventListener('pointercancel', (e) => this.pointerUp(e));
  }

  /** Reads the track's height; call after a resize (reading it on every update would force a layout). */
  measure(): void {
    this.trackHeight = this.element.clientHeight;
  }

  get dragging(): boolean {
    return this.drag !== undefined;
  }

  /**
   * `position`: 0..1, how far the view is through the file; `visible`: the
   * fraction of the file on screen (sets the thumb's height).
   */
  update(position: number, visible: number): void {
    const track = this.trackHeight;
    const scrollable = visible < 1;
    this.element.classList.toggle('idle', !scrollable);
    const height = Math.min(track, Math.max(MIN_THUMB_PX, Math.round(track * Math.min(1, visible))));
    const top = scrollable ? Math.round((track - height) * Math.max(0, Math.min(1, position))) : 0;
    this.thumbTop = top;
    this.thumbHeight = height;
    if (height !== this.lastHeight) this.thumb.style.height = `${height}px`;
    if (top !== this.lastTop) this.thumb.style.transform = `translateY(${top}px)`;
    this.lastTop = top;
    this.lastHeight = height;
  }

  private pointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const y = event.clientY - this.element.getBoundingClientRect().top;
    if (event.target === this.thumb) {
      this.drag = { pointerId: event.pointerId, startY: event.clientY, startTop: this.thumbTop };
      this.element.setPointerCapture(event.pointerId);
      this.element.classList.add('active');
    } else {
      this.events.onPage(y < this.thumbTop ? -1 : 1);
    }
  }

  private pointerMove(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointerId) return;
    const range = this.trackHeight - this.thumbHeight;
    if (range <= 0) return;
    const top = Math.max(0, Math.min(range, this.drag.startTop + event.clientY - this.drag.startY));
    this.events.onDrag(top / range);
  }

  private pointerUp(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointerId) return;
    this.drag = undefined;
    this.element.classList.remove('active');
    if (this.element.hasPointerCapture(event.pointerId)) this.element.releasePointerCapture(event.pointerId);
  }
}
