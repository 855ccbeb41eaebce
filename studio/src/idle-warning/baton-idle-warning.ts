import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { controlStyles } from '../shared/controls.styles.ts';
import { StayEvent } from '../shared/events.ts';

/**
 * The modal warning before the idle sign-out: a countdown and "Stay signed in" (also Esc).
 *
 * @event stay - the person is still there
 */
export class BatonIdleWarning extends LitElement {
  static override styles = [
    controlStyles,
    css`
      dialog {
        border: 1px solid var(--baton-border);
        border-radius: 12px;
        padding: 24px;
        max-width: min(420px, calc(100vw - 32px));
        box-shadow: 0 12px 32px rgb(0 0 0 / 18%);
      }
      dialog::backdrop {
        background: var(--baton-backdrop);
      }
      h2 {
        margin: 0 0 8px;
        font-size: 17px;
      }
      p {
        margin: 0 0 18px;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
      }
    `,
  ];
  static override properties = { secondsLeft: { attribute: false } };

  /** shown while a number; hidden when null */
  declare secondsLeft: number | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.secondsLeft = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('secondsLeft')) return;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (this.secondsLeft !== null && !dialog.open) {
      dialog.showModal();
      this.renderRoot.querySelector('button')?.focus();
    } else if (this.secondsLeft === null && dialog.open) {
      dialog.close();
    }
  }

  #stay(event?: Event): void {
    // Esc would close the dialog on its own; the controller decides when it goes
    event?.preventDefault();
    this.dispatchEvent(new StayEvent());
  }

  override render() {
    return html`<dialog
      role="alertdialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
      data-testid="idle-warning"
      @cancel=${(event: Event) => this.#stay(event)}
    >
      <h2 id="idle-title">${msg('Are you still there?')}</h2>
      <p id="idle-text">
        ${msg(
          html`You will be signed out in <strong data-testid="idle-seconds">${this.secondsLeft ?? 0}</strong> s because the studio has not
            been used for a while.`,
        )}
      </p>
      <div class="actions">
        <button class="primary" data-testid="idle-stay" @click=${() => this.#stay()}>${msg('Stay signed in')}</button>
      </div>
    </dialog>`;
  }
}

customElements.define('baton-idle-warning', BatonIdleWarning);

declare global {
  interface HTMLElementTagNameMap {
    'baton-idle-warning': BatonIdleWarning;
  }
}
