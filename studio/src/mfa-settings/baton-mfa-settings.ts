import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import type { MfaCodeRequest, MfaSetupResponse, OperatorDto } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import '../recovery-codes/baton-recovery-codes.ts';
import { cardStyles } from '../shared/card.styles.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { OwnAccountChangeEvent } from '../shared/events.ts';
import { mfaSettingsStyles } from './baton-mfa-settings.styles.ts';

/** idle: on or off, nothing in progress; the rest are the steps of turning it on or off */
const Phase = { IDLE: 'idle', SETUP: 'setup', CODES: 'codes', DISABLE: 'disable' } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/** An SVG document as an image source: an <img> never runs what the document holds, innerHTML would. */
const svgSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/**
 * Two-step sign-in (TOTP) for my own account: turn it on (scan the QR code or type the secret, confirm
 * with a code, save the recovery codes shown once), or turn it off with a code or a recovery code.
 *
 * @event own-account-change - MFA was turned on (after the codes were saved) or off
 */
export class BatonMfaSettings extends LitElement {
  static override styles = [controlStyles, cardStyles, mfaSettingsStyles];
  static override properties = {
    operator: { attribute: false },
    phase: { state: true },
    setup: { state: true },
    recoveryCodes: { state: true },
    useRecoveryCode: { state: true },
    busy: { state: true },
    error: { state: true },
  };

  declare operator: OperatorDto;
  declare phase: Phase;
  declare setup: MfaSetupResponse | null;
  declare recoveryCodes: readonly string[];
  declare useRecoveryCode: boolean;
  declare busy: boolean;
  declare error: string | null;

  /** the operator after enabling, announced once the codes are saved */
  #enabled: OperatorDto | null = null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.phase = Phase.IDLE;
    this.setup = null;
    this.recoveryCodes = [];
    this.useRecoveryCode = false;
    this.busy = false;
    this.error = null;
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await work();
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.busy = false;
    }
  }

  #start(): Promise<void> {
    return this.#run(async () => {
      this.setup = await api.mfaSetup();
      this.phase = Phase.SETUP;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[name="otp"]')?.focus();
    });
  }

  #enable(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const otp = codeFrom(event, 'otp').replace(/\s/g, '');
    return this.#run(async () => {
      const { recoveryCodes, operator } = await api.mfaEnable(otp);
      this.#enabled = operator;
      this.setup = null;
      this.recoveryCodes = recoveryCodes;
      this.phase = Phase.CODES;
    });
  }

  #codesSaved(): void {
    const operator = this.#enabled;
    this.recoveryCodes = [];
    this.#enabled = null;
    this.phase = Phase.IDLE;
    if (operator) this.dispatchEvent(new OwnAccountChangeEvent(operator, 'mfa-enabled'));
  }

  #disable(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const body: MfaCodeRequest = this.useRecoveryCode
      ? { recoveryCode: codeFrom(event, 'recoveryCode').trim() }
      : { otp: codeFrom(event, 'otp').replace(/\s/g, '') };
    return this.#run(async () => {
      const { operator } = await api.mfaDisable(body);
      this.phase = Phase.IDLE;
      this.dispatchEvent(new OwnAccountChangeEvent(operator, 'mfa-disabled'));
    });
  }

  #cancel(): void {
    this.phase = Phase.IDLE;
    this.setup = null;
    this.error = null;
    this.useRecoveryCode = false;
  }

  override render() {
    const error = this.error ? html`<div class="error" role="alert" data-testid="mfa-error">${this.error}</div>` : nothing;
    switch (this.phase) {
      case Phase.SETUP:
        return html`${this.#renderSetup()}${error}`;
      case Phase.CODES:
        return html`<baton-recovery-codes .codes=${this.recoveryCodes} .email=${this.operator.email} @dismiss=${this.#codesSaved}></baton-recovery-codes>`;
      case Phase.DISABLE:
        return html`${this.#renderDisable()}${error}`;
      case Phase.IDLE:
        return html`${this.#renderState()}${error}`;
    }
  }

  #renderState() {
    const on = this.operator.mfaEnabled;
    return html`<div class="state" data-testid="mfa-state" data-enabled=${on ? 'true' : 'false'}>
      <span class="badge ${on ? 'active' : ''}">${on ? msg('On') : msg('Off')}</span>
      <span>${on ? msg('Signing in asks for a code from your authenticator app.') : msg('Signing in needs only your password.')}</span>
      ${on
        ? html`<button data-testid="mfa-disable" ?disabled=${this.busy} @click=${() => (this.phase = Phase.DISABLE)}>${msg('Turn off')}</button>`
        : html`<button class="primary" data-testid="mfa-start" ?disabled=${this.busy} @click=${this.#start}>
            ${this.busy ? msg('Preparing…') : msg('Turn on two-step sign-in')}
          </button>`}
    </div>`;
  }

  #renderSetup() {
    const setup = this.setup;
    if (!setup) return nothing;
    return html`<ol class="steps" data-testid="mfa-setup">
      <li>
        ${msg('Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…).')}
        <div class="qr">
          <img src=${svgSource(setup.qrSvg)} alt=${msg('QR code to add Baton to your authenticator app')} data-testid="mfa-qr" />
          <div class="secret">
            <span class="hint">${msg('Cannot scan? Type this key into the app:')}</span>
            <code data-testid="mfa-secret">${setup.secret}</code>
          </div>
        </div>
      </li>
      <li>
        ${msg('Enter the 6-digit code the app shows.')}
        <form @submit=${this.#enable}>
          <label
            >${msg('Code')}
            <input name="otp" class="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required data-testid="mfa-code"
          /></label>
          <div class="buttons">
            <button class="primary" type="submit" ?disabled=${this.busy} data-testid="mfa-confirm">${this.busy ? msg('Checking…') : msg('Turn on')}</button>
            <button type="button" @click=${this.#cancel}>${msg('Cancel')}</button>
          </div>
        </form>
      </li>
    </ol>`;
  }

  #renderDisable() {
    return html`<form @submit=${this.#disable} data-testid="mfa-disable-form">
      <p>
        ${this.useRecoveryCode
          ? msg('To turn two-step sign-in off, confirm with a fresh code from your app or a recovery code.')
          : msg('To turn two-step sign-in off, confirm with a fresh code from your app.')}
      </p>
      ${this.useRecoveryCode
        ? html`<label
            >${msg('Recovery code')} <input name="recoveryCode" class="code" autocomplete="off" spellcheck="false" required data-testid="mfa-disable-recovery"
          /></label>`
        : html`<label
            >${msg('Code')}
            <input name="otp" class="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required data-testid="mfa-disable-code"
          /></label>`}
      <button type="button" class="link" @click=${() => (this.useRecoveryCode = !this.useRecoveryCode)}>
        ${this.useRecoveryCode ? msg('Use the code from my app instead') : msg('Use a recovery code instead')}
      </button>
      <div class="buttons">
        <button class="danger" type="submit" ?disabled=${this.busy} data-testid="mfa-disable-confirm">${msg('Turn off two-step sign-in')}</button>
        <button type="button" @click=${this.#cancel}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }
}

function codeFrom(event: SubmitEvent, name: string): string {
  return event.currentTarget instanceof HTMLFormElement ? String(new FormData(event.currentTarget).get(name) ?? '') : '';
}

customElements.define('baton-mfa-settings', BatonMfaSettings);

declare global {
  interface HTMLElementTagNameMap {
    'baton-mfa-settings': BatonMfaSettings;
  }
}
