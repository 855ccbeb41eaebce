import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import type { CreateChannelRequest } from '../../../engine/contracts/channels.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { DismissEvent } from '../shared/events.ts';
import { ChannelSavedEvent } from './channel-events.ts';
import { ChannelField, channelFieldError } from './channel-field-error.ts';
import { channels } from './channels-client.ts';
import { channelsStyles } from './channels.styles.ts';
import { renderField, type FieldError } from './channel-form-field.ts';

/** what the engine takes as a channel id (docs/channels.md): it becomes part of the webhook URL */
const ID_PATTERN = '[a-z0-9\\-]{1,32}';

/**
 * Add a LINE Official Account: its id here (part of its webhook URL), an optional name (empty: the name it
 * has on LINE), and the channel secret and access token from the LINE Developers console, typed into
 * password fields and sent once: the engine keeps them encrypted and never answers with them. The engine's
 * refusals show at the field they are about (a token LINE refuses, an id taken).
 *
 * @event channel-saved - the channel was added
 * @event dismiss - Cancel
 */
export class BatonChannelForm extends LitElement {
  static override styles = [controlStyles, channelsStyles];
  static override properties = { busy: { state: true }, error: { state: true } };

  declare busy: boolean;
  declare error: FieldError | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.busy = false;
    this.error = null;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(form instanceof HTMLFormElement)) return;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body: CreateChannelRequest = {
      id: text(ChannelField.ID),
      channelSecret: text(ChannelField.CHANNEL_SECRET),
      channelAccessToken: text(ChannelField.CHANNEL_ACCESS_TOKEN),
    };
    if (text(ChannelField.NAME)) body.name = text(ChannelField.NAME);
    this.busy = true;
    this.error = null;
    try {
      const { channel } = await channels.create(body);
      form.reset();
      this.dispatchEvent(new ChannelSavedEvent(channel, true));
    } catch (error) {
      this.error = channelFieldError(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const error = this.error;
    return html`<form class="card" data-testid="channel-form" @submit=${this.#submit}>
      <h2 class="wide">${msg('Add a LINE Official Account')}</h2>
      ${renderField(error, {
        name: ChannelField.ID,
        label: msg('Channel id'),
        hint: msg('Lower-case letters, digits and dashes: the end of its webhook URL'),
        required: true,
        pattern: ID_PATTERN,
        maxlength: 32,
        placeholder: 'shop-bangkok',
      })}
      ${renderField(error, {
        name: ChannelField.NAME,
        label: msg('Name'),
        hint: msg('Empty: the name the account has on LINE'),
        maxlength: 200,
      })}
      ${renderField(error, {
        name: ChannelField.CHANNEL_SECRET,
        label: msg('Channel secret'),
        hint: msg('LINE Developers console › Basic settings'),
        secret: true,
        required: true,
        maxlength: 200,
      })}
      ${renderField(error, {
        name: ChannelField.CHANNEL_ACCESS_TOKEN,
        label: msg('Channel access token'),
        hint: msg('LINE Developers console › Messaging API (long-lived)'),
        secret: true,
        required: true,
        maxlength: 1000,
      })}
      ${error && error.field === null ? html`<div class="error wide" role="alert" data-testid="channel-form-error">${error.message}</div>` : nothing}
      <div class="buttons wide">
        <button type="button" @click=${() => this.dispatchEvent(new DismissEvent())}>${msg('Cancel')}</button>
        <button class="primary" type="submit" ?disabled=${this.busy} data-testid="channel-add-submit">${this.busy ? msg('Checking with LINE…') : msg('Add channel')}</button>
      </div>
    </form>`;
  }
}

customElements.define('baton-channel-form', BatonChannelForm);

declare global {
  interface HTMLElementTagNameMap {
    'baton-channel-form': BatonChannelForm;
  }
}
