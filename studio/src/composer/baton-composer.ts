import { LitElement, css, html } from 'lit';
import { controlStyles } from '../shared/controls.styles.ts';

const TYPING_SENT_EVERY_MS = 2_000;

/**
 * The reply box: Enter sends, Shift+Enter breaks the line, and Enter that confirms an IME candidate
 * (Thai, Japanese keyboards) does neither. The text is cleared only once `submit` says it went out.
 *
 * @event composer-typing - the operator is typing (at most every 2 s)
 */
export class BatonComposer extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        gap: 8px;
        align-items: flex-end;
      }
      textarea {
        flex: 1;
        resize: none;
        min-height: 40px;
        max-height: 160px;
        line-height: 1.4;
      }
      button {
        height: 40px;
      }
      .hint {
        font-size: 11px;
        color: var(--baton-muted);
        margin-top: 4px;
      }
    `,
  ];
  static override properties = {
    placeholder: { type: String },
    submit: { attribute: false },
    busy: { state: true },
  };

  declare placeholder: string;
  /** sends the text; resolves true when it went out */
  declare submit: (text: string) => Promise<boolean>;
  declare busy: boolean;

  #lastTypingSent = 0;

  constructor() {
    super();
    this.placeholder = 'Reply…';
    this.submit = async () => false;
    this.busy = false;
  }

  override focus(): void {
    this.renderRoot.querySelector('textarea')?.focus();
  }

  async #send(): Promise<void> {
    const textarea = this.renderRoot.querySelector('textarea');
    const text = textarea?.value.trim();
    if (!textarea || !text || this.busy) return;
    this.busy = true;
    try {
      if (await this.submit(text)) textarea.value = '';
    } finally {
      this.busy = false;
      await this.updateComplete;
      textarea.focus();
    }
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void this.#send();
  }

  #onInput(): void {
    const now = Date.now();
    if (now - this.#lastTypingSent < TYPING_SENT_EVERY_MS) return;
    this.#lastTypingSent = now;
    this.dispatchEvent(new Event('composer-typing', { bubbles: true, composed: true }));
  }

  override render() {
    return html`<div class="row">
        <textarea
          rows="1"
          placeholder=${this.placeholder}
          aria-label="Reply"
          data-testid="composer-input"
          @keydown=${this.#onKeydown}
          @input=${this.#onInput}
        ></textarea>
        <button class="primary" data-testid="send-button" ?disabled=${this.busy} @click=${this.#send}>Send</button>
      </div>
      <div class="hint">Enter to send · Shift+Enter for a new line</div>`;
  }
}

customElements.define('baton-composer', BatonComposer);

declare global {
  interface HTMLElementTagNameMap {
    'baton-composer': BatonComposer;
  }
}
