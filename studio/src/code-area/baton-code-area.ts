import { LitElement, html, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { controlStyles } from '../shared/controls.styles.ts';
import { CodeInputEvent } from '../shared/events.ts';
import { LINE_HEIGHT_PX, codeAreaStyles } from './baton-code-area.styles.ts';

/**
 * A plain textarea with line numbers, for YAML: no wrapping, so line N of the gutter is line N of
 * the text. Lines with problems are marked in the gutter; `reveal(line, col)` puts the cursor there.
 *
 * @event code-input - the text changed by typing (`CodeInputEvent.value`)
 */
export class BatonCodeArea extends LitElement {
  static override styles = [controlStyles, codeAreaStyles];
  static override properties = {
    value: { attribute: false },
    readonly: { type: Boolean },
    label: { type: String },
    markedLines: { attribute: false },
    currentLine: { state: true },
  };

  declare value: string;
  declare readonly: boolean;
  declare label: string;
  /** 1-based lines to flag in the gutter (validation problems) */
  declare markedLines: ReadonlySet<number>;
  declare currentLine: number | null;

  constructor() {
    super();
    this.value = '';
    this.readonly = false;
    this.label = 'File';
    this.markedLines = new Set();
    this.currentLine = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('label')) this.currentLine = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // another file in the same area starts at its top
    if (changed.has('label') && changed.get('label') !== undefined) {
      const textarea = this.#textarea;
      if (textarea) textarea.scrollTop = textarea.scrollLeft = 0;
      this.#syncGutter();
    }
  }

  get #textarea(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  /** Focuses the text with the cursor at `line:col` (1-based), that line scrolled into view. */
  async reveal(line: number, col: number): Promise<void> {
    await this.updateComplete;
    const textarea = this.#textarea;
    if (!textarea) return;
    const lines = textarea.value.split('\n');
    const row = Math.min(Math.max(line, 1), lines.length);
    const before = lines.slice(0, row - 1).reduce((sum, text) => sum + text.length + 1, 0);
    const column = Math.min(Math.max(col, 1), (lines[row - 1] ?? '').length + 1);
    textarea.focus();
    textarea.setSelectionRange(before + column - 1, before + column - 1);
    textarea.scrollTop = Math.max(0, (row - 1) * LINE_HEIGHT_PX - textarea.clientHeight / 3);
    if (column < 40) textarea.scrollLeft = 0;
    this.#syncGutter();
    this.currentLine = row;
  }

  #syncGutter(): void {
    const gutter = this.renderRoot.querySelector('.gutter');
    const textarea = this.#textarea;
    if (gutter && textarea) gutter.scrollTop = textarea.scrollTop;
  }

  #trackCaret(): void {
    const textarea = this.#textarea;
    if (!textarea) return;
    this.currentLine = textarea.value.slice(0, textarea.selectionStart).split('\n').length;
  }

  #onInput(event: InputEvent): void {
    if (!(event.target instanceof HTMLTextAreaElement)) return;
    this.value = event.target.value;
    this.#trackCaret();
    this.dispatchEvent(new CodeInputEvent(this.value));
  }

  override render() {
    const count = this.value.split('\n').length;
    const numbers = Array.from({ length: count }, (_, i) => i + 1);
    return html`<div class="frame">
      <div class="gutter" aria-hidden="true">
        <div class="lines">
          ${numbers.map(
            (n) =>
              html`<div class="${this.markedLines.has(n) ? 'marked' : ''} ${this.currentLine === n ? 'current' : ''}">${n}</div>`,
          )}
        </div>
      </div>
      <textarea
        wrap="off"
        spellcheck="false"
        autocapitalize="off"
        autocomplete="off"
        aria-label=${this.label}
        data-testid="code-input"
        ?readonly=${this.readonly}
        .value=${live(this.value)}
        @input=${this.#onInput}
        @scroll=${this.#syncGutter}
        @keyup=${this.#trackCaret}
        @click=${this.#trackCaret}
      ></textarea>
    </div>`;
  }
}

customElements.define('baton-code-area', BatonCodeArea);

declare global {
  interface HTMLElementTagNameMap {
    'baton-code-area': BatonCodeArea;
  }
}
