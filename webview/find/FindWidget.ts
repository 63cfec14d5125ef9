import { findKeyAction, type FindKeyAction } from './findKeys';
import './findWidget.css';
import { element } from '../core/dom';

export interface FindOptions {
  caseSensitive: boolean;
  wholeWord: boolean;
  regex: boolean;
  hex: boolean;
}

/** What the widget reports; the controller decides what it means. */
export interface FindWidgetEvents {
  onInput(): void;
  onOptions(): void;
  onAction(action: 'open' | 'next' | 'previous' | 'close'): void;
}

type ToggleName = keyof FindOptions;

const TOGGLES: Array<{ name: ToggleName; id: string; label: string; title: string; action: FindKeyAction }> = [
  { name: 'caseSensitive', id: 'find-case', label: 'Aa', title: 'Match Case (Alt+C)', action: 'toggleCase' },
  { name: 'wholeWord', id: 'find-word', label: 'ab', title: 'Match Whole Word (Alt+W)', action: 'toggleWord' },
  { name: 'regex', id: 'find-regex', label: '.*', title: 'Use Regular Expression (Alt+R)', action: 'toggleRegex' },
  { name: 'hex', id: 'find-hex', label: '0x', title: 'Hex Bytes (Alt+X)', action: 'toggleHex' },
];


/**
 * The find overlay at the top right of the viewer: an input with the
 * Aa / ab / .* / 0x toggles inside it, a status label, previous / next and
 * close. It lives outside the viewer's element, so its keys never reach the
 * viewer's key handling; the keys it handles stop there, the rest go on to
 * VS Code. All text goes in through textContent / value.
 */
export class FindWidget {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly inputBox: HTMLElement;
  private readonly validation: HTMLElement;
  private readonly status: HTMLElement;
  private readonly progressBar: HTMLElement;
  private readonly toggles = new Map<ToggleName, HTMLButtonElement>();
  private readonly previousButton: HTMLButtonElement;
  private readonly nextButton: HTMLButtonElement;
  private readonly options: FindOptions = { caseSensitive: false, wholeWord: false, regex: false, hex: false };
  private readonly isMac = /Mac|iPhone|iPad/.test(navigator.platform);

  constructor(private readonly events: FindWidgetEvents) {
    const root = (this.element = element('div', 'find-widget'));
    root.id = 'find-widget';
    root.hidden = true;
    root.setAttribute('role', 'dialog');
    root.setAttribute('aria-label', 'Find');

    this.inputBox = element('div', 'find-input-box', root);
    this.input = element('input', 'find-input', this.inputBox);
    this.input.id = 'find-input';
    this.input.type = 'text';
    this.input.spellcheck = false;
    this.input.autocomplete = 'off';
    this.input.placeholder = 'Find';
    this.input.setAttribute('aria-label', 'Find');
    this.input.addEventListener('input', () => events.onInput());
    const toggleBox = element('div', 'find-toggles', this.inputBox);
    for (const toggle of TOGGLES) {
      const button = this.button(toggleBox, `find-toggle ${toggle.id}`, toggle.label, toggle.title, () => this.toggle(toggle.name));
      button.id = toggle.id;
      button.setAttribute('aria-pressed', 'false');
      this.toggles.set(toggle.name, button);
    }
    this.validation = element('div', 'find-validation', root);
    this.validation.hidden = true;
    this.validation.setAttribute('role', 'alert');

    this.status = element('div', 'find-status', root);
    this.status.id = 'find-status';
    this.previousButton = this.button(root, 'find-action find-previous', '\u2191', 'Previous Match (Shift+Enter)', () => events.onAction('previous'));
    this.nextButton = this.button(root, 'find-action find-next', '\u2193', 'Next Match (Enter)', () => events.onAction('next'));
    this.button(root, 'find-action find-close', '\u00d7', 'Close (Escape)', () => events.onAction('close'));
    const progress = element('div', 'find-progress', root);
    this.progressBar = element('div', 'find-progress-bar', progress);
    this.setProgress(undefined);

    root.addEventListener('keydown', (event) => this.keyDown(event));
    document.body.appendChild(root);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  get query(): string {
    return this.input.value;
  }

  set query(value: string) {
    this.input.value = value;
  }

  getOptions(): FindOptions {
    return { ...this.options };
  }

  setOptions(options: Partial<FindOptions>): void {
    for (const name of Object.keys(this.options) as ToggleName[]) {
      const value = options[name];
      if (typeof value === 'boolean') this.options[name] = value;
    }
    this.showOptions();
  }

  /** Shows the widget and puts the focus in the input, its text selected. */
  open(): void {
    this.element.hidden = false;
    this.input.focus();
    this.input.select();
  }

  close(): void {
    this.element.hidden = true;
    this.setError(undefined);
    this.setProgress(undefined);
  }

  hasFocus(): boolean {
    return this.element.contains(document.activeElement);
  }

  setStatus(text: string, title: string): void {
    if (this.status.textContent !== text) this.status.textContent = text;
    const tip = title || text; // the label has a fixed width and may be cut: the tooltip has all of it
    if (this.status.title !== tip) this.status.title = tip;
  }

  /** A bad pattern (or a failed search): red input border and the message under it; undefined hides it. */
  setError(message: string | undefined): void {
    this.inputBox.classList.toggle('error', message !== undefined);
    this.validation.hidden = message === undefined;
    this.validation.textContent = message ?? '';
    if (message === undefined) this.input.removeAttribute('aria-invalid');
    else this.input.setAttribute('aria-invalid', 'true');
  }

  /** 0..1 while a search runs; undefined hides the bar. */
  setProgress(fraction: number | undefined): void {
    this.progressBar.parentElement!.hidden = fraction === undefined;
    if (fraction !== undefined) this.progressBar.style.transform = `scaleX(${Math.max(0, Math.min(1, fraction))})`;
  }

  setCanNavigate(enabled: boolean): void {
    this.previousButton.disabled = !enabled;
    this.nextButton.disabled = !enabled;
  }

  private button(parent: HTMLElement, className: string, label: string, title: string, onClick: () => void): HTMLButtonElement {
    const button = element('button', className, parent);
    button.type = 'button';
    button.textContent = label;
    button.title = title;
    button.setAttribute('aria-label', title);
    // Clicking keeps the focus in the input (typing goes on), as in VS Code.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => onClick());
    return button;
  }

  private toggle(name: ToggleName): void {
    if (name !== 'hex' && this.options.hex) return; // disabled in hex mode
    this.options[name] = !this.options[name];
    this.showOptions();
    this.events.onOptions();
  }

  private showOptions(): void {
    for (const [name, button] of this.toggles) {
      button.setAttribute('aria-pressed', String(this.options[name]));
      button.classList.toggle('checked', this.options[name]);
      button.disabled = name !== 'hex' && this.options.hex;
    }
    this.input.placeholder = this.options.hex ? 'Find hex bytes (DE AD ?? EF)' : 'Find';
  }

  private keyDown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    const where = event.target === this.input ? 'input' : 'widget';
    const action = findKeyAction(event, this.isMac, where);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    switch (action) {
      case 'toggleCase':
        return this.toggle('caseSensitive');
      case 'toggleWord':
        return this.toggle('wholeWord');
      case 'toggleRegex':
        return this.toggle('regex');
      case 'toggleHex':
        return this.toggle('hex');
      default:
        this.events.onAction(action);
    }
  }
}
