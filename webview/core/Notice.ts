/** One line above the rows: the empty-file message or a read error. Never blocks the view. */
export class Notice {
  readonly element: HTMLElement;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'notice';
    this.element.hidden = true;
    this.element.setAttribute('role', 'status');
  }

  show(text: string, kind: 'info' | 'error'): void {
    if (this.element.textContent !== text) this.element.textContent = text;
    this.element.dataset.kind = kind;
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
  }

  get visible(): boolean {
    return !this.element.hidden;
  }
}
