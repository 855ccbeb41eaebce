import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { ChannelView } from '../../../engine/contracts/channels.ts';
import { initials, safeImageUrl } from '../shared/format.ts';

/**
 * Which LINE Official Account a conversation came through: the account's avatar (or its initials) and its
 * name, small. The inbox shows it only while the operator sees more than one channel.
 */
export class BatonChannelBadge extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      max-width: 100%;
      min-width: 0;
      padding: 1px 6px 1px 2px;
      border-radius: 999px;
      background: var(--baton-neutral-soft);
      color: var(--baton-text);
      font-size: 11px;
      line-height: 16px;
      vertical-align: middle;
    }
    :host(:not([data-channel-id])) {
      display: none;
    }
    .avatar {
      flex: none;
      width: 16px;
      height: 16px;
      border-radius: 50%;
      object-fit: cover;
      display: inline-grid;
      place-items: center;
      background: var(--baton-line-green-fill);
      color: var(--baton-on-fill);
      font-size: 9px;
      font-weight: 600;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `;
  static override properties = { channel: { attribute: false } };

  declare channel: ChannelView | null;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.channel = null;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    // on the host, so a test or a stylesheet can find a conversation's channel
    if (this.channel) this.dataset.channelId = this.channel.id;
    else delete this.dataset.channelId;
    this.title = this.channel ? msg(str`LINE account: ${this.channel.name}`) : '';
  }

  override render() {
    const channel = this.channel;
    if (!channel) return nothing;
    const picture = safeImageUrl(channel.avatarUrl);
    return html`${picture ? html`<img class="avatar" src=${picture} alt="" />` : html`<span class="avatar" aria-hidden="true">${initials(channel.name)}</span>`}<span
        class="name"
        >${channel.name}</span
      >`;
  }
}

customElements.define('baton-channel-badge', BatonChannelBadge);

declare global {
  interface HTMLElementTagNameMap {
    'baton-channel-badge': BatonChannelBadge;
  }
}
