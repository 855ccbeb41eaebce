import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task } from '@lit/task';
import { LitElement, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChannelView } from '../../../engine/contracts/channels.ts';
import { describeError } from '../api/api-error.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { pageStyles } from '../shared/page.styles.ts';
import './baton-channel-card.ts';
import './baton-channel-form.ts';
import type { ChannelRemovedEvent, ChannelSavedEvent } from './channel-events.ts';
import { channels } from './channels-client.ts';
import { channelsStyles } from './channels.styles.ts';

/**
 * Studio › Channels (admins; docs/channels.md): the LINE Official Accounts Baton answers, each with the
 * webhook URL to paste into the LINE Developers console. Add one (its secret and token go in once and never
 * come back), rename it, give it a reissued secret or token, let group chats reach operators or not, delete
 * one that has no open conversations. The default channel is the environment's.
 */
export class BatonChannels extends LitElement {
  static override styles = [controlStyles, pageStyles, channelsStyles];
  static override properties = { adding: { state: true }, notice: { state: true } };

  /** the add form is open */
  declare adding: boolean;
  declare notice: string | null;

  /** channels changed on this page since the list was read: the engine's answers to those changes */
  readonly #changed = new Map<string, ChannelView>();
  readonly #channels = new Task(this, {
    args: (): [] => [],
    task: async (_args, { signal }) => {
      const list = (await channels.list(signal)).channels;
      this.#changed.clear();
      return list;
    },
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.adding = false;
    this.notice = null;
  }

  #onSaved(event: ChannelSavedEvent): void {
    const { channel, created } = event;
    this.notice = null;
    if (!created) {
      this.#changed.set(channel.id, channel);
      this.requestUpdate();
      return;
    }
    this.adding = false;
    this.notice = msg(str`${channel.name} is added. Paste its webhook URL into the LINE Developers console and switch on Use webhook.`);
    void this.#channels.run();
  }

  #onRemoved(event: ChannelRemovedEvent): void {
    this.notice = msg(str`${event.channel.name} is deleted.`);
    void this.#channels.run();
  }

  override render() {
    return html`<div class="page" @channel-saved=${this.#onSaved} @channel-removed=${this.#onRemoved}>
      <div class="page-head">
        <h1 data-testid="channels-heading">${msg('LINE channels')}</h1>
        ${this.adding
          ? nothing
          : html`<button class="primary" data-testid="channel-add" @click=${() => ((this.adding = true), (this.notice = null))}>${msg('Add channel')}</button>`}
      </div>
      <p class="muted">
        ${msg(
          'Each LINE Official Account Baton answers, with its own webhook URL. Conversations show which account they came through once there is more than one; operators may be limited to some accounts on the Team page.',
        )}
      </p>
      ${this.adding ? html`<baton-channel-form @dismiss=${() => (this.adding = false)}></baton-channel-form>` : nothing}
      ${this.notice ? html`<div class="notice" role="status" data-testid="channels-notice">${this.notice}</div>` : nothing}
      ${this.#channels.render({
        initial: () => html`<p class="muted">${msg('Loading…')}</p>`,
        pending: () => (this.#channels.value ? this.#renderList(this.#channels.value) : html`<p class="muted">${msg('Loading…')}</p>`),
        error: (error) => html`<div class="error" role="alert">${msg(str`Could not load the channels: ${describeError(error)}`)}</div>`,
        complete: (list) => this.#renderList(list),
      })}
    </div>`;
  }

  #renderList(list: readonly ChannelView[]) {
    return html`<ul class="channels" data-testid="channel-list">
      ${repeat(
        list.map((c) => this.#changed.get(c.id) ?? c),
        (c) => c.id,
        (c) => html`<li><baton-channel-card .channel=${c}></baton-channel-card></li>`,
      )}
    </ul>`;
  }
}

customElements.define('baton-channels', BatonChannels);

declare global {
  interface HTMLElementTagNameMap {
    'baton-channels': BatonChannels;
  }
}
