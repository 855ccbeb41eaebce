import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { controlStyles } from '../shared/controls.styles.ts';
import { INBOX_SHORTCUTS, keyLabel } from './inbox-shortcuts.ts';

/**
 * The `?` dialog: every inbox shortcut from the one table the key handler reads. A modal <dialog>, so Escape
 * and the Close button both close it and the focus returns where it was.
 */
export class BatonInboxShortcuts extends LitElement {
  static override styles = [
    controlStyles,
    css`
      dialog {
        max-width: min(440px, calc(100vw - 32px));
        border: 1px solid var(--baton-border);
        border-radius: 10px;
        padding: 16px 20px;
      }
      h2 {
        margin: 0 0 12px;
        font-size: 16px;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th {
        text-align: left;
        font-weight: normal;
        padding: 6px 12px 6px 0;
        white-space: nowrap;
        vertical-align: top;
      }
      td {
        padding: 6px 0;
      }
      kbd {
        display: inline-block;
        min-width: 18px;
        padding: 1px 6px;
        margin: 0 2px 2px 0;
        border: 1px solid var(--baton-border);
        border-bottom-width: 2px;
        border-radius: 4px;
        font: 12px ui-monospace, monospace;
        text-align: center;
      }
      p {
        color: var(--baton-muted);
        font-size: 13px;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
      }
    `,
  ];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  get open(): boolean {
    return this.renderRoot.querySelector('dialog')?.open ?? false;
  }

  show(): void {
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  #close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  override render() {
    return html`<dialog data-testid="shortcuts-dialog" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">${msg('Keyboard shortcuts')}</h2>
      <table>
        <tbody>
          ${INBOX_SHORTCUTS.map(
            (shortcut) =>
              html`<tr data-testid="shortcut" data-action=${shortcut.action}>
                <th scope="row">${shortcut.keys.map((key) => html`<kbd>${keyLabel(key)}</kbd>`)}</th>
                <td>${shortcut.label}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p>${msg('Shortcuts wait while you type in a field.')}</p>
      <div class="actions"><button data-testid="shortcuts-close" @click=${this.#close}>${msg('Close', { id: 'dialog-close', desc: 'closes a dialog (not a chat)' })}</button></div>
    </dialog>`;
  }
}

customElements.define('baton-inbox-shortcuts', BatonInboxShortcuts);

declare global {
  interface HTMLElementTagNameMap {
    'baton-inbox-shortcuts': BatonInboxShortcuts;
  }
}
