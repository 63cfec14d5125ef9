import { FIELDS, UNAVAILABLE, type Endianness } from './decode';
import './inspector.css';
import { element } from '../core/dom';

export interface InspectorPanelEvents {
  onClose(): void;
  onEndianness(endianness: Endianness): void;
}


/**
 * The data inspector side panel, at the right of the viewer: a header with
 * the offset, the byte-order switch and close, then one row per type. Rows
 * are built once; an update only sets the values' text (textContent: the
 * values come from file bytes, which are hostile data).
 */
export class InspectorPanel {
  readonly element: HTMLElement;
  private readonly offset: HTMLElement;
  private readonly endianButton: HTMLButtonElement;
  private readonly values = new Map<string, Text>();
  private readonly rows = new Map<string, HTMLElement>();
  /** One line instead of a row of "unavailable" per type that needs bytes past the end. */
  private readonly unavailable: HTMLElement;
  private readonly shown = new Map<string, string>();
  private endianness: Endianness = 'little';

  constructor(events: InspectorPanelEvents) {
    const root = (this.element = element('aside', 'inspector'));
    root.id = 'inspector';
    root.hidden = true;
    root.setAttribute('aria-label', 'Data Inspector');
    const header = element('div', 'inspector-header', root);
    element('span', 'inspector-title', header).textContent = 'Data Inspector';
    this.endianButton = element('button', 'inspector-button inspector-endian', header);
    this.endianButton.id = 'inspector-endian';
    this.endianButton.addEventListener('click', () => events.onEndianness(this.endianness === 'little' ? 'big' : 'little'));
    const close = element('button', 'inspector-button inspector-close', header);
    close.textContent = '×';
    close.title = 'Close the Data Inspector';
    close.setAttribute('aria-label', 'Close the Data Inspector');
    close.addEventListener('click', () => events.onClose());
    this.offset = element('div', 'inspector-offset', root);
    this.offset.id = 'inspector-offset';
    const table = element('table', 'inspector-table', root);
    const body = element('tbody', '', table);
    for (const field of FIELDS) {
      const row = element('tr', 'inspector-row', body);
      row.dataset.field = field.id;
      element('th', 'inspector-label', row).textContent = field.label;
      const value = element('td', 'inspector-value', row);
      this.values.set(field.id, value.appendChild(document.createTextNode('')));
      this.rows.set(field.id, row);
    }
    this.unavailable = element('div', 'inspector-unavailable', root);
    this.unavailable.id = 'inspector-unavailable';
    this.unavailable.hidden = true;
    this.setEndianness('little');
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  setVisible(visible: boolean): void {
    this.element.hidden = !visible;
    document.body.classList.toggle('hv-inspector-open', visible);
  }

  setEndianness(endianness: Endianness): void {
    this.endianness = endianness;
    this.endianButton.textContent = endianness === 'little' ? 'LE' : 'BE';
    this.endianButton.title = `${endianness === 'little' ? 'Little' : 'Big'}-endian: click to read ${endianness === 'little' ? 'big' : 'little'}-endian`;
    this.endianButton.setAttribute('aria-label', this.endianButton.title);
  }

  /** Shows the values for `offset` (text per field id); only changed texts touch the DOM. */
  show(offsetText: string, values: ReadonlyMap<string, string>): void {
    if (this.offset.textContent !== offsetText) this.offset.textContent = offsetText;
    const missing: string[] = [];
    for (const [id, node] of this.values) {
      const text = values.get(id) ?? '';
      if (this.shown.get(id) !== text) {
        node.data = text;
        this.shown.set(id, text);
        this.rows.get(id)!.hidden = text === UNAVAILABLE;
      }
      if (text === UNAVAILABLE) missing.push(FIELDS.find((f) => f.id === id)!.label);
    }
    const note = missing.length === 0 ? '' : missing.length === FIELDS.length ? 'No bytes here: the end of the file.' : `Past the end of the file: ${missing.join(', ')}.`;
    if (this.unavailable.textContent !== note) this.unavailable.textContent = note;
    this.unavailable.hidden = note === '';
  }
}
