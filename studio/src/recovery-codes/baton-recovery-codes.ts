import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { copyText } from '../shared/copy-text.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { DismissEvent } from '../shared/events.ts';
import { saveText } from '../shared/save-file.ts';

/**
 * The 10 MFA recovery codes, shown once (the engine keeps only their hashes): copy them, download them
 * as a text file, then say they are saved.
 *
 * @event dismiss - the person saved the codes
 */
export class BatonRecoveryCodes extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      .warning {
        border-radius: 6px;
        padding: 8px 10px;
        background: var(--baton-warning-soft);
        border: 1px solid var(--baton-warning-border);
        color: var(--baton-warning-text);
      }
      ol {
        margin: 0;
        padding: 12px 12px 12px 36px;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
        gap: 6px 24px;
        background: var(--baton-surface-alt);
        border: 1px solid var(--baton-border);
        border-radius: 8px;
        font-family: var(--baton-mono);
        font-size: 14px;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
    `,
  ];
  static override properties = {
    codes: { attribute: false },
    email: { attribute: false },
    copied: { state: true },
  };

  declare codes: readonly string[];
  /** whose codes, for the downloaded file */
  declare email: string;
  declare copied: boolean | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.codes = [];
    this.email = '';
    this.copied = null;
  }

  get #text(): string {
    return [
      msg(str`Baton recovery codes for ${this.email}`),
      msg('Each code signs you in once, instead of the code from your app.'),
      '',
      ...this.codes,
      '',
    ].join('\n');
  }

  override render() {
    return html`<div class="warning" role="note">
        <strong>${msg('Save these recovery codes now: they are shown only once.')}</strong>
        ${msg('If you lose your phone, each one signs you in once instead of a code from the app.')}
      </div>
      <ol data-testid="recovery-codes">
        ${this.codes.map((code) => html`<li data-testid="recovery-code">${code}</li>`)}
      </ol>
      <div class="buttons">
        <button type="button" data-testid="recovery-copy" @click=${async () => (this.copied = await copyText(this.codes.join('\n')))}>
          ${msg('Copy all')}
        </button>
        <button type="button" data-testid="recovery-download" @click=${() => saveText(this.#text, 'baton-recovery-codes.txt')}>
          ${msg('Download as text')}
        </button>
        <button type="button" class="primary" data-testid="recovery-done" @click=${() => this.dispatchEvent(new DismissEvent())}>
          ${msg('I have saved my recovery codes')}
        </button>
      </div>
      ${this.copied === true ? html`<span class="muted" role="status">${msg('Copied to the clipboard.')}</span>` : nothing}
      ${this.copied === false ? html`<span class="muted" role="status">${msg('Copying was refused: download them, or select and copy them.')}</span>` : nothing}`;
  }
}

customElements.define('baton-recovery-codes', BatonRecoveryCodes);

declare global {
  interface HTMLElementTagNameMap {
    'baton-recovery-codes': BatonRecoveryCodes;
  }
}
