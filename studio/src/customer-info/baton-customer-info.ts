import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { ConversationDto } from '../../../engine/contracts/conversation.ts';
import { describeError } from '../api/api-error.ts';
import { conversationActions } from '../conversation-actions/actions-client.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { ConversationChangeEvent } from '../shared/events.ts';
import { closeReasonLabel } from '../chat-thread/close-reasons.ts';
import { statusLabel } from '../chat-thread/status-label.ts';
import { formatDateTime, initials, safeImageUrl } from '../shared/format.ts';

/** Mirrors the engine's rule (services/chat/customer-tags.ts) so the chip input says so before sending. */
const MAX_TAG_LENGTH = 32;

/**
 * The customer behind the open conversation, and that conversation's timeline. The customer's tags are chips
 * to remove (×) and add (type, Enter); every studio user showing the customer sees the change live.
 *
 * @event conversation-change - the tags were saved (action 'tags')
 */
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
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 2px;
      }
      .chip button {
        border: none;
        background: none;
        padding: 0 2px;
        cursor: pointer;
        color: inherit;
        font-size: 13px;
        line-height: 1;
      }
      .tag-input {
        box-sizing: border-box;
        width: 100%;
        min-width: 0;
        margin-top: 6px;
        padding: 4px 6px;
        font-size: 12px;
      }
      .tag-error {
        color: var(--baton-danger);
        font-size: 12px;
        margin-top: 4px;
      }
    `,
  ];
  static override properties = { conversation: { attribute: false }, tags: { state: true }, saving: { state: true }, tagError: { state: true } };

  declare conversation: ConversationDto | null;
  /** the tags shown: the conversation's, or what was just saved until the live copy catches up */
  declare tags: string[];
  declare saving: boolean;
  declare tagError: string | null;

  constructor() {
    super();
    this.conversation = null;
    this.tags = [];
    this.saving = false;
    this.tagError = null;
    updateWhenLocaleChanges(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversation')) {
      const before = changed.get('conversation');
      if (before?.id !== this.conversation?.id) this.tagError = null;
      this.tags = this.conversation?.customer.tags ?? [];
    }
  }

  async #saveTags(next: string[]): Promise<boolean> {
    const c = this.conversation;
    if (!c || this.saving) return false;
    this.saving = true;
    this.tagError = null;
    try {
      const { conversation } = await conversationActions.setTags(c.id, next);
      this.tags = conversation.customer.tags;
      this.dispatchEvent(new ConversationChangeEvent(conversation, 'tags'));
      return true;
    } catch (error) {
      this.tagError = describeError(error);
      return false;
    } finally {
      this.saving = false;
    }
  }

  async #onTagKey(event: KeyboardEvent): Promise<void> {
    if (event.key !== 'Enter' || event.isComposing || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    const input = event.target;
    const tag = input.value.trim();
    if (!tag) return;
    if ([...tag].length > MAX_TAG_LENGTH) {
      this.tagError = msg(str`A tag has at most ${MAX_TAG_LENGTH} characters`);
      return;
    }
    if (this.tags.includes(tag)) {
      input.value = '';
      return;
    }
    if (await this.#saveTags([...this.tags, tag])) input.value = '';
  }

  #renderTags() {
    return html`<dd data-testid="customer-tags">
      <div class="tags">
        ${this.tags.length
          ? this.tags.map(
              (tag) => html`<span class="badge chip" data-testid="tag-chip" data-tag=${tag}
                >${tag}<button
                  aria-label=${msg(str`Remove tag ${tag}`)}
                  title=${msg('Remove')}
                  data-testid="tag-remove"
                  ?disabled=${this.saving}
                  @click=${() => this.#saveTags(this.tags.filter((t) => t !== tag))}
                >
                  ×
                </button></span
              >`,
            )
          : '—'}
      </div>
      <input
        class="tag-input"
        type="text"
        maxlength="40"
        placeholder=${msg('Add a tag, Enter')}
        aria-label=${msg('Add a tag')}
        data-testid="tag-input"
        ?disabled=${this.saving}
        @keydown=${this.#onTagKey}
      />
      ${this.tagError ? html`<div class="tag-error" role="alert" data-testid="tag-error">${this.tagError}</div>` : nothing}
    </dd>`;
  }

  override render() {
    const c = this.conversation;
    if (!c) return html`<p class="placeholder">${msg('Customer details appear here.')}</p>`;
    const customer = c.customer;
    const picture = safeImageUrl(customer.pictureUrl);
    const name = customer.displayName ?? msg('Unknown customer');
    return html`<section data-testid="customer-info">
      <div class="profile">
        ${picture
          ? html`<img class="avatar" src=${picture} alt="" data-testid="customer-picture" />`
          : html`<span class="avatar" data-testid="customer-picture">${initials(customer.displayName)}</span>`}
        <div class="name" data-testid="customer-name">${name}</div>
        <div>
          <span class="badge ${customer.mode === 'BOT' ? 'bot' : 'active'}" data-testid="customer-mode"
            >${customer.mode === 'BOT' ? msg('With the bot') : msg('With a human')}</span
          >
          ${customer.following ? nothing : html`<span class="badge waiting">${msg('Blocked the account')}</span>`}
        </div>
      </div>
      <h3>${msg('Customer')}</h3>
      <dl>
        <dt>${idLabel(this.conversation?.source)}</dt>
        <dd><code data-testid="customer-line-id">${customer.lineUserId}</code></dd>
        <dt>${msg('Language')}</dt>
        <dd>${customer.language ?? '—'}</dd>
        <dt>${msg('Mode', { desc: 'who talks with the customer: the bot or a human' })}</dt>
        <dd data-mode=${customer.mode}>${customer.mode === 'BOT' ? msg('Bot') : msg('Human')}</dd>
        <dt>${msg('Tags')}</dt>
        ${this.#renderTags()}
        <dt>${msg('Customer since')}</dt>
        <dd>${formatDateTime(customer.createdAt)}</dd>
      </dl>
      <h3>${msg('Conversation')}</h3>
      <dl>
        <dt>${msg('Status')}</dt>
        <dd><span class="badge ${c.status.toLowerCase()}">${statusLabel(c.status)}</span></dd>
        <dt>${msg('Operator')}</dt>
        <dd>${c.operatorName ?? '—'}</dd>
        <dt>${msg('Started')}</dt>
        <dd>${formatDateTime(c.createdAt)}</dd>
        <dt>${msg('Claimed')}</dt>
        <dd>${formatDateTime(c.claimedAt)}</dd>
        <dt>${msg('First reply')}</dt>
        <dd>${formatDateTime(c.firstResponseAt)}</dd>
        <dt>${msg('Closed', { id: 'closed-at', desc: 'when the conversation was closed, a label before a date' })}</dt>
        <dd>${formatDateTime(c.closedAt)}</dd>
        ${c.closeReason ? html`<dt>${msg('Reason')}</dt><dd>${closeReasonLabel(c.closeReason)}</dd>` : nothing}
        ${c.flowVersion !== null ? html`<dt>${msg('Flow version')}</dt><dd>v${c.flowVersion}</dd>` : nothing}
      </dl>
    </section>`;
  }
}

/** a group or room is the customer there (docs/groups.md): its id is the group's or room's */
function idLabel(source: ConversationDto['source'] | undefined): string {
  return source === 'group' ? msg('LINE group id') : source === 'room' ? msg('LINE room id') : msg('LINE user id');
}

customElements.define('baton-customer-info', BatonCustomerInfo);

declare global {
  interface HTMLElementTagNameMap {
    'baton-customer-info': BatonCustomerInfo;
  }
}
