import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { MessageDto } from '../../../engine/contracts/conversation.ts';
import type { PastConversationDto } from '../../../engine/contracts/rest.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { formatDateTime, formatTime } from '../shared/format.ts';
import { chatSourceStyles, senderName } from '../chat-source/chat-source-label.ts';
import { chatThreadStyles } from './baton-chat-thread.styles.ts';
import { closeReasonLabel } from './close-reasons.ts';
import { customerHistoryStyles } from './baton-customer-history.styles.ts';
import { historyBlocks, type HistoryBlock } from './history-blocks.ts';
import { renderMessageContent } from './message-content.ts';

/** "★4 — 'quick help'", "★5", or that the survey was not answered */
function rating(c: PastConversationDto): string {
  if (c.csat === null) return msg('not rated');
  return c.csatComment ? `★${c.csat} — '${c.csatComment}'` : `★${c.csat}`;
}

/**
 * Above a conversation, what came before it: the customer's exchanges with the bot and their past
 * conversations (date, operator, CSAT), each collapsed until opened. "Load earlier" pages further back;
 * the history is read once per conversation (it does not change while the thread is open).
 */
export class BatonCustomerHistory extends LitElement {
  static override styles = [controlStyles, chatThreadStyles, customerHistoryStyles, chatSourceStyles];
  static override properties = {
    conversationId: { attribute: false },
    messages: { state: true },
    conversations: { state: true },
    nextBefore: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  declare conversationId: string | null;
  declare messages: MessageDto[];
  declare conversations: PastConversationDto[];
  /** null: nothing older to load */
  declare nextBefore: number | null;
  declare loading: boolean;
  declare error: string | null;

  #abort: AbortController | null = null;

  constructor() {
    super();
    this.conversationId = null;
    this.messages = [];
    this.conversations = [];
    this.nextBefore = null;
    this.loading = false;
    this.error = null;
    updateWhenLocaleChanges(this);
  }

  override disconnectedCallback(): void {
    this.#abort?.abort();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('conversationId')) return;
    this.messages = [];
    this.conversations = [];
    this.nextBefore = null;
    this.error = null;
    if (this.conversationId) void this.#load(this.conversationId, null);
  }

  async #load(conversationId: string, before: number | null): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.loading = true;
    this.error = null;
    try {
      const page = await api.conversationHistory(conversationId, before, abort.signal);
      if (abort.signal.aborted) return;
      this.messages = [...this.messages, ...page.messages];
      const known = new Set(this.conversations.map((c) => c.id));
      this.conversations = [...this.conversations, ...page.conversations.filter((c) => !known.has(c.id))];
      this.nextBefore = page.nextBefore;
    } catch (error) {
      if (!abort.signal.aborted) this.error = describeError(error);
    } finally {
      if (this.#abort === abort) this.loading = false;
    }
  }

  override render() {
    if (this.messages.length === 0 && !this.error) return nothing;
    return html`<section aria-label=${msg('Earlier with this customer')} data-testid="customer-history">
      ${this.nextBefore !== null && this.conversationId
        ? html`<button class="load-earlier" data-testid="history-load-earlier" ?disabled=${this.loading} @click=${() => this.conversationId && this.#load(this.conversationId, this.nextBefore)}>
            ${msg('Load earlier')}
          </button>`
        : nothing}
      ${this.error ? html`<div class="banner error" role="alert">${this.error}</div>` : nothing}
      ${historyBlocks(this.messages, this.conversations).map((block) => this.#renderBlock(block))}
    </section>`;
  }

  #renderBlock(block: HistoryBlock) {
    const count = block.messages.length === 1 ? msg('1 message') : msg(str`${block.messages.length} messages`);
    const summary =
      block.kind === 'bot'
        ? html`<summary data-testid="history-bot">${msg(str`Earlier with the bot (${count})`)}</summary>`
        : html`<summary data-testid="history-conversation" data-conversation-id=${block.conversation.id}>
            <span>${formatDateTime(block.conversation.createdAt)}</span>
            <span>${block.conversation.operatorName ?? msg('No operator')}</span>
            <span class="rating" data-testid="history-csat">${rating(block.conversation)}</span>
            ${block.conversation.closeReason ? html`<span class="reason">${closeReasonLabel(block.conversation.closeReason)}</span>` : nothing}
            <span class="count">${count}</span>
          </summary>`;
    return html`<details class="block ${block.kind}">
      ${summary}
      <ol>
        ${block.messages.map((m) => this.#renderMessage(m))}
      </ol>
    </details>`;
  }

  #renderMessage(m: MessageDto) {
    const side = m.senderKind === 'system' ? 'system' : m.direction === 'in' ? 'in' : 'out';
    const who = m.senderKind === 'bot' ? html`<span class="badge bot">${msg('Bot')}</span>` : m.senderKind === 'operator' ? html`<span>${msg('Agent')}</span>` : nothing;
    return html`<li class="${side} ${m.senderKind}" data-testid="history-message" data-sender=${m.senderKind}>
      ${senderName(m)}<div class="bubble">${renderMessageContent(m) ?? m.text}</div>
      <div class="meta">${who}<span>${formatTime(m.createdAt)}</span></div>
    </li>`;
  }
}

customElements.define('baton-customer-history', BatonCustomerHistory);

declare global {
  interface HTMLElementTagNameMap {
    'baton-customer-history': BatonCustomerHistory;
  }
}
