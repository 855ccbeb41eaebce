import { LitElement, css, html, nothing } from 'lit';
import type { ConversationDto } from '../../../engine/contracts/conversation.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { formatDateTime, humanizeReason, initials, safeImageUrl } from '../shared/format.ts';

/** The customer behind the open conversation, and that conversation's timeline. */
export class BatonCustomerInfo extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        overflow-y: auto;
        background: var(--baton-surface);
        padding: 20px 16px;
      }
      .profile {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 6px;
        text-align: center;
        margin-bottom: 16px;
      }
      .avatar {
        width: 72px;
        height: 72px;
        border-radius: 50%;
        object-fit: cover;
        background: var(--baton-tag-soft);
        color: var(--baton-tag-text);
        display: flex;
        align-items: center;
        justify-content: center;
        font-size: 24px;
        font-weight: 600;
      }
      .name {
        font-weight: 600;
        font-size: 16px;
        overflow-wrap: anywhere;
      }
      h3 {
        font-size: 11px;
        text-transform: uppercase;
        letter-spacing: 0.06em;
        color: var(--baton-muted);
        margin: 18px 0 8px;
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 6px 12px;
        font-size: 13px;
      }
      dt {
        color: var(--baton-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      code {
        font-family: var(--baton-mono);
        font-size: 12px;
      }
      .tags {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 4px;
      }
      .placeholder {
        color: var(--baton-muted);
        text-align: center;
        margin-top: 40px;
      }
    `,
  ];
  static override properties = { conversation: { attribute: false } };

  declare conversation: ConversationDto | null;

  constructor() {
    super();
    this.conversation = null;
  }

  override render() {
    const c = this.conversation;
    if (!c) return html`<p class="placeholder">Customer details appear here.</p>`;
    const customer = c.customer;
    const picture = safeImageUrl(customer.pictureUrl);
    const name = customer.displayName ?? 'Unknown customer';
    return html`<section data-testid="customer-info">
      <div class="profile">
        ${picture
          ? html`<img class="avatar" src=${picture} alt="" data-testid="customer-picture" />`
          : html`<span class="avatar" data-testid="customer-picture">${initials(customer.displayName)}</span>`}
        <div class="name" data-testid="customer-name">${name}</div>
        <div>
          <span class="badge ${customer.mode === 'BOT' ? 'bot' : 'active'}" data-testid="customer-mode"
            >${customer.mode === 'BOT' ? 'With the bot' : 'With a human'}</span
          >
          ${customer.following ? nothing : html`<span class="badge waiting">Blocked the account</span>`}
        </div>
      </div>
      <h3>Customer</h3>
      <dl>
        <dt>LINE user id</dt>
        <dd><code data-testid="customer-line-id">${customer.lineUserId}</code></dd>
        <dt>Language</dt>
        <dd>${customer.language ?? '—'}</dd>
        <dt>Mode</dt>
        <dd>${customer.mode}</dd>
        <dt>Tags</dt>
        <dd class="tags">
          ${customer.tags.length ? customer.tags.map((tag) => html`<span class="badge">${tag}</span>`) : '—'}
        </dd>
        <dt>Customer since</dt>
        <dd>${formatDateTime(customer.createdAt)}</dd>
      </dl>
      <h3>Conversation</h3>
      <dl>
        <dt>Status</dt>
        <dd><span class="badge ${c.status.toLowerCase()}">${c.status.toLowerCase()}</span></dd>
        <dt>Operator</dt>
        <dd>${c.operatorName ?? '—'}</dd>
        <dt>Started</dt>
        <dd>${formatDateTime(c.createdAt)}</dd>
        <dt>Claimed</dt>
        <dd>${formatDateTime(c.claimedAt)}</dd>
        <dt>First reply</dt>
        <dd>${formatDateTime(c.firstResponseAt)}</dd>
        <dt>Closed</dt>
        <dd>${formatDateTime(c.closedAt)}</dd>
        ${c.closeReason ? html`<dt>Reason</dt><dd>${humanizeReason(c.closeReason)}</dd>` : nothing}
        ${c.flowVersion !== null ? html`<dt>Flow version</dt><dd>v${c.flowVersion}</dd>` : nothing}
      </dl>
    </section>`;
  }
}

customElements.define('baton-customer-info', BatonCustomerInfo);

declare global {
  interface HTMLElementTagNameMap {
    'baton-customer-info': BatonCustomerInfo;
  }
}
