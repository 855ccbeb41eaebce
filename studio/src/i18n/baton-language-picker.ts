import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { controlStyles } from '../shared/controls.styles.ts';
import { LANGUAGES, LANGUAGE_NAMES, asLanguage } from './languages.ts';
import { chooseLanguage, currentLanguage } from './localization.ts';

/**
 * The studio's language, on the login page and the Account page. The choice applies at once (no reload)
 * and is remembered in this browser. Each language is listed in its own script.
 */
export class BatonLanguagePicker extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: inline-block;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 8px;
      }
      select {
        font: inherit;
        color: inherit;
        background: var(--baton-surface);
        border: 1px solid var(--baton-border);
        border-radius: 6px;
        padding: 5px 8px;
      }
    `,
  ];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  #onChange(event: Event): void {
    if (!(event.currentTarget instanceof HTMLSelectElement)) return;
    const language = asLanguage(event.currentTarget.value);
    if (language) void chooseLanguage(language);
  }

  override render() {
    const current = currentLanguage();
    return html`<label
      >${msg('Language')}
      <select data-testid="language-picker" @change=${this.#onChange}>
        ${LANGUAGES.map(
          (language) => html`<option value=${language} lang=${language} ?selected=${language === current}>${LANGUAGE_NAMES[language]}</option>`,
        )}
      </select></label
    >`;
  }
}

customElements.define('baton-language-picker', BatonLanguagePicker);

declare global {
  interface HTMLElementTagNameMap {
    'baton-language-picker': BatonLanguagePicker;
  }
}
