import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { copyText } from '../shared/copy-text.ts';
import { controlStyles } from '../shared/controls.styles.ts';

/**
 * A secret shown once (a one-time password, an invite link) with a Copy button. The value sits in a
 * read-only field so it can also be selected and copied by hand.
 */
export class BatonOneTimeSecret extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 6px;
      }
      label {
        font-weight: 500;
      }
      .row {
        display: flex;
        gap: 6px;
      }
      input {
        flex: 1;
        min-width: 0;
        font-family: var(--baton-mono);
        font-size: 13px;
        background: var(--baton-surface-alt);
      }
      .copied {
        font-size: 12px;
        color: var(--baton-ok);
      }
    `,
  ];
  static override properties = {
    label: { type: String },
    value: { type: String },
    copied: { state: true },
  };

  declare label: string;
  declare value: string;
  /** true: copied; false: the browser refused; null: not tried */
  declare copied: boolean | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.label = msg('Secret');
    this.value = '';
    this.copied = null;
  }

  async #copy(): Promise<void> {
    this.copied = await copyText(this.value);
    if (!this.copied) this.renderRoot.querySelector('input')?.select();
  }

  override render() {
    return html`<label for="secret">${this.label}</label>
      <div class="row">
        <input id="secret" readonly .value=${this.value} spellcheck="false" data-testid="secret-value" @focus=${(e: FocusEvent) =>
          e.target instanceof HTMLInputElement && e.target.select()} />
        <button type="button" data-testid="secret-copy" @click=${this.#copy}>${msg('Copy')}</button>
      </div>
      ${this.copied === true ? html`<span class="copied" role="status">${msg('Copied to the clipboard.')}</span>` : nothing}
      ${this.copied === false ? html`<span class="muted" role="status">${msg('Copying was refused: press Ctrl+C (⌘C) to copy the selection.')}</span>` : nothing}`;
  }
}

customElements.define('baton-one-time-secret', BatonOneTimeSecret);

declare global {
  interface HTMLElementTagNameMap {
    'baton-one-time-secret': BatonOneTimeSecret;
  }
}
