import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ChannelView, UpdateChannelRequest } from '../../../engine/contracts/channels.ts';
import { copyText } from '../shared/copy-text.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { initials, safeImageUrl } from '../shared/format.ts';
import { dangerButtonStyles } from '../team/baton-team.styles.ts';
import { ChannelRemovedEvent, ChannelSavedEvent } from './channel-events.ts';
import { ChannelField, channelFieldError } from './channel-field-error.ts';
import { renderField, type FieldError } from './channel-form-field.ts';
import { channels } from './channels-client.ts';
import { channelsStyles } from './channels.styles.ts';
import { webhookUrl } from './webhook-url.ts';

/** what the card has open under its head: nothing, one of its small forms, or the delete confirmation */
const Panel = { NONE: 'none', RENAME: 'rename', CREDENTIALS: 'credentials', DELETE: 'delete' } as const;
type Panel = (typeof Panel)[keyof typeof Panel];

/**
 * One LINE Official Account on the Channels page: avatar, name, id, whether it is the default, the webhook
 * URL to paste into the LINE Developers console (with Copy), whether group chats may go to operators; and
 * the admin's changes: rename, new secret and token (not for the default's, which come from the
 * environment), delete (not the default; refused while it has open conversations, the engine's words shown).
 *
 * @event channel-saved - it was renamed, given new credentials or its group handoff switched
 * @event channel-removed - it was deleted
 */
export class BatonChannelCard extends LitElement {
  static override styles = [controlStyles, dangerButtonStyles, channelsStyles];
  static override properties = {
    channel: { attribute: false },
    panel: { state: true },
    busy: { state: true },
    error: { state: true },
    copied: { state: true },
    handoff: { state: true },
  };

  declare channel: ChannelView;
  declare panel: Panel;
  declare busy: boolean;
  declare error: FieldError | null;
  /** true: the webhook URL was copied; false: the browser refused; null: not tried */
  declare copied: boolean | null;
  /** the group handoff box as just clicked, while the change is on its way (then the channel says) */
  declare handoff: boolean | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.panel = Panel.NONE;
    this.busy = false;
    this.error = null;
    this.copied = null;
    this.handoff = null;
  }

  #open(panel: Panel): void {
    this.panel = this.panel === panel ? Panel.NONE : panel;
    this.error = null;
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await work();
      this.panel = Panel.NONE;
    } catch (error) {
      this.error = channelFieldError(error);
    } finally {
      this.busy = false;
    }
  }

  #save(body: UpdateChannelRequest): Promise<void> {
    return this.#run(async () => {
      const { channel } = await channels.update(this.channel.id, body);
      // shown at once; the page keeps the engine's answer over the list it read
      this.channel = channel;
      this.dispatchEvent(new ChannelSavedEvent(channel, false));
    });
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    if (!(event.currentTarget instanceof HTMLFormElement)) return;
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body: UpdateChannelRequest = {};
    if (this.panel === Panel.RENAME) body.name = text(ChannelField.NAME);
    // LINE issues the two separately: an empty field keeps what the engine has
    for (const field of [ChannelField.CHANNEL_SECRET, ChannelField.CHANNEL_ACCESS_TOKEN] as const) {
      if (this.panel === Panel.CREDENTIALS && text(field)) body[field] = text(field);
    }
    if (Object.keys(body).length === 0) {
      this.error = { field: null, message: msg('Type a new channel secret, a new access token, or both.') };
      return;
    }
    void this.#save(body);
  }

  async #switchHandoff(on: boolean): Promise<void> {
    this.handoff = on;
    try {
      await this.#save({ groupHandoff: on });
    } finally {
      // refused: the box goes back to what the engine has
      this.handoff = null;
    }
  }

  #remove(): Promise<void> {
    return this.#run(async () => {
      await channels.remove(this.channel.id);
      this.dispatchEvent(new ChannelRemovedEvent(this.channel));
    });
  }

  async #copy(): Promise<void> {
    this.copied = await copyText(webhookUrl(this.channel.webhookPath));
    if (!this.copied) this.renderRoot.querySelector<HTMLInputElement>('[data-testid="channel-webhook-url"]')?.select();
  }

  override render() {
    const c = this.channel;
    const picture = safeImageUrl(c.avatarUrl);
    return html`<div class="card" data-testid="channel" data-channel-id=${c.id}>
      <div class="head">
        <div class="who">
          ${picture ? html`<img class="avatar" src=${picture} alt="" />` : html`<span class="avatar" aria-hidden="true">${initials(c.name)}</span>`}
          <div>
            <h2 data-testid="channel-name">${c.name} ${c.isDefault ? html`<span class="badge default" data-testid="channel-default">${msg('Default')}</span>` : nothing}</h2>
            <div class="id">${c.id}</div>
          </div>
        </div>
        <div class="actions">
          <button ?disabled=${this.busy} aria-expanded=${this.panel === Panel.RENAME ? 'true' : 'false'} data-testid="channel-rename" @click=${() => this.#open(Panel.RENAME)}>
            ${msg('Rename')}
          </button>
          ${c.credentialsFromEnvironment
            ? nothing
            : html`<button
                ?disabled=${this.busy}
                aria-expanded=${this.panel === Panel.CREDENTIALS ? 'true' : 'false'}
                data-testid="channel-credentials"
                @click=${() => this.#open(Panel.CREDENTIALS)}
              >
                ${msg('New secret or token')}
              </button>`}
          ${c.isDefault
            ? nothing
            : html`<button class="danger" ?disabled=${this.busy} data-testid="channel-delete" @click=${() => this.#open(Panel.DELETE)}>${msg('Delete')}</button>`}
        </div>
      </div>
      ${this.#renderWebhook()}
      <label class="check">
        <input type="checkbox" .checked=${live(this.handoff ?? c.groupHandoff)} ?disabled=${this.busy} data-testid="channel-group-handoff" @change=${(e: Event) =>
          e.target instanceof HTMLInputElement && void this.#switchHandoff(e.target.checked)} />
        <span>${msg('Group chats may go to operators')} <span class="hint">${msg('Off: in groups and rooms the bot alone answers')}</span></span>
      </label>
      ${c.credentialsFromEnvironment
        ? html`<p class="hint">${msg('Its channel secret and access token come from the environment (LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN).')}</p>`
        : nothing}
      ${this.#renderPanel()}
      ${this.error && this.error.field === null ? html`<div class="error" role="alert" data-testid="channel-error">${this.error.message}</div>` : nothing}
    </div>`;
  }

  #renderWebhook() {
    const url = webhookUrl(this.channel.webhookPath);
    return html`<label
        >${msg('Webhook URL')} <span class="hint">${msg('Paste it into the LINE Developers console: Messaging API › Webhook URL, and switch on Use webhook')}</span>
        <span class="url-row">
          <input readonly .value=${url} spellcheck="false" data-testid="channel-webhook-url" @focus=${(e: FocusEvent) => e.target instanceof HTMLInputElement && e.target.select()} />
          <button type="button" data-testid="channel-webhook-copy" @click=${this.#copy}>${msg('Copy')}</button>
        </span>
      </label>
      ${this.copied === true ? html`<span class="copied" role="status">${msg('Copied to the clipboard.')}</span>` : nothing}
      ${this.copied === false ? html`<span class="hint" role="status">${msg('Copying was refused: press Ctrl+C (⌘C) to copy the selection.')}</span>` : nothing}`;
  }

  #renderPanel() {
    const c = this.channel;
    switch (this.panel) {
      case Panel.NONE:
        return nothing;
      case Panel.RENAME:
        return html`<form data-testid="channel-rename-form" @submit=${this.#submit}>
          ${renderField(this.error, { name: ChannelField.NAME, label: msg('Name'), hint: msg('How the studio shows it; LINE keeps its own'), required: true, maxlength: 200, value: c.name })}
          ${this.#renderButtons(msg('Save name'))}
        </form>`;
      case Panel.CREDENTIALS:
        return html`<form data-testid="channel-credentials-form" @submit=${this.#submit}>
          <p class="hint wide">${msg('After reissuing them in the LINE Developers console. Empty: keep the one Baton has. Neither is ever shown again.')}</p>
          ${renderField(this.error, { name: ChannelField.CHANNEL_SECRET, label: msg('New channel secret'), hint: msg('Basic settings'), secret: true, maxlength: 200 })}
          ${renderField(this.error, { name: ChannelField.CHANNEL_ACCESS_TOKEN, label: msg('New channel access token'), hint: msg('Messaging API'), secret: true, maxlength: 1000 })}
          ${this.#renderButtons(msg('Save'))}
        </form>`;
      case Panel.DELETE:
        return html`<div class="confirm" data-testid="channel-delete-confirm">
          <span>${msg(str`Delete ${c.name}? Baton stops answering its webhook URL and forgets its secret and token. Its past conversations stay.`)}</span>
          <div class="buttons">
            <button @click=${() => this.#open(Panel.NONE)}>${msg('Cancel')}</button>
            <button class="primary danger-fill" ?disabled=${this.busy} data-testid="channel-delete-confirm-button" @click=${() => void this.#remove()}>${msg('Delete channel')}</button>
          </div>
        </div>`;
    }
  }

  #renderButtons(save: string) {
    return html`<div class="buttons wide">
      <button type="button" @click=${() => this.#open(Panel.NONE)}>${msg('Cancel')}</button>
      <button class="primary" type="submit" ?disabled=${this.busy} data-testid="channel-save">${save}</button>
    </div>`;
  }
}

customElements.define('baton-channel-card', BatonChannelCard);

declare global {
  interface HTMLElementTagNameMap {
    'baton-channel-card': BatonChannelCard;
  }
}
