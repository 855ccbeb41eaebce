import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ConversationDto, MessageDto } from '../../../engine/contracts/conversation.ts';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';
import type { TypingEvent } from '../../../engine/contracts/socket-events.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import type { SocketController } from '../realtime/socket-controller.ts';
import '../composer/baton-composer.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { ConversationChangeEvent } from '../shared/events.ts';
import { formatTime, humanizeReason } from '../shared/format.ts';
import { chatThreadStyles } from './baton-chat-thread.styles.ts';
import './baton-customer-history.ts';
import { renderDeliveryMark } from './delivery-mark.ts';
import { mergeMessages } from './merge-messages.ts';

const TYPING_SHOWN_MS = 4_000;

/**
 * One conversation: its messages (customer left; bot and operators right), the actions its state
 * allows (claim, transfer, close) and, for my active chats, a composer.
 *
 * Live messages come in through `receiveMessage` from the inbox, which owns the socket.
 *
 * @event conversation-change - an action returned the conversation's new state
 */
export class BatonChatThread extends LitElement {
  static override styles = [controlStyles, chatThreadStyles];
  static override properties = {
    conversationId: { attribute: false },
    conversation: { attribute: false },
    operator: { attribute: false },
    realtime: { attribute: false },
    notice: { attribute: false },
    messages: { state: true },
    busy: { state: true },
    actionError: { state: true },
    typingName: { state: true },
  };

  declare conversationId: string | null;
  /** the live copy from the inbox; the detail load's copy is used until it exists */
  declare conversation: ConversationDto | null;
  declare operator: OperatorDto;
  declare realtime: SocketController | null;
  /** from the inbox: e.g. the engine refused to send this conversation live */
  declare notice: string | null;
  declare messages: MessageDto[];
  declare busy: boolean;
  declare actionError: string | null;
  declare typingName: string | null;

  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #scrollToEnd = false;

  readonly #detail = new Task(this, {
    args: (): [string | null] => [this.conversationId],
    task: async ([id], { signal }) => {
      if (!id) return null;
      const detail = await api.conversation(id, signal);
      // messages that arrived over the socket while loading are kept
      this.messages = mergeMessages(detail.messages, this.messages);
      return detail.conversation;
    },
  });

  readonly #operators = new Task(this, {
    args: (): [] => [],
    task: async (_args, { signal }) => (await api.operators(signal)).operators,
  });

  constructor() {
    super();
    this.conversationId = null;
    this.conversation = null;
    this.realtime = null;
    this.notice = null;
    this.messages = [];
    this.busy = false;
    this.actionError = null;
    this.typingName = null;
  }

  override disconnectedCallback(): void {
    clearTimeout(this.#typingTimer);
    super.disconnectedCallback();
  }

  receiveMessage(message: MessageDto): void {
    if (!this.conversationId || message.conversationId !== this.conversationId) return;
    this.messages = mergeMessages(this.messages, [message]);
  }

  receiveTyping(event: TypingEvent): void {
    if (event.conversationId !== this.conversationId) return;
    this.typingName = event.name;
    clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => (this.typingName = null), TYPING_SHOWN_MS);
  }

  reload(): void {
    void this.#detail.run();
  }

  get #current(): ConversationDto | null {
    const loaded = this.#detail.value;
    if (this.conversation) return this.conversation;
    return loaded && loaded.id === this.conversationId ? loaded : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conversationId')) {
      this.messages = [];
      this.actionError = null;
      this.typingName = null;
    }
    if (changed.has('messages')) this.#scrollToEnd = true;
  }

  protected override updated(): void {
    if (!this.#scrollToEnd) return;
    this.#scrollToEnd = false;
    const list = this.renderRoot.querySelector('ol');
    if (list) list.scrollTop = list.scrollHeight;
  }

  async #act(action: 'claim' | 'transfer' | 'close', run: () => Promise<{ conversation: ConversationDto }>) {
    this.busy = true;
    this.actionError = null;
    try {
      const { conversation } = await run();
      this.dispatchEvent(new ConversationChangeEvent(conversation, action));
      if (action === 'claim') {
        await this.updateComplete;
        this.renderRoot.querySelector('baton-composer')?.focus();
      }
    } catch (error) {
      this.actionError = describeError(error);
    } finally {
      this.busy = false;
    }
  }

  #transfer(id: string): Promise<void> {
    const select = this.renderRoot.querySelector('select');
    const operatorId = select?.value || undefined;
    return this.#act('transfer', () => api.transfer(id, operatorId ? { operatorId } : {}));
  }

  async #send(id: string, text: string): Promise<boolean> {
    this.actionError = null;
    try {
      const { message } = await api.send(id, { text });
      this.messages = mergeMessages(this.messages, [message]);
      return true;
    } catch (error) {
      this.actionError = describeError(error);
      return false;
    }
  }

  override render() {
    const c = this.#current;
    if (!this.conversationId) return html`<p class="placeholder">Pick a conversation from the list.</p>`;
    if (!c) {
      return this.#detail.status === TaskStatus.ERROR
        ? html`<p class="placeholder error" role="alert">${describeError(this.#detail.error)}</p>`
        : html`<p class="placeholder">Loading…</p>`;
    }
    return html`${this.#renderHeader(c)}
      ${this.actionError
        ? html`<div class="banner error" role="alert" data-testid="thread-error">${this.actionError}</div>`
        : nothing}
      ${this.notice ? html`<div class="banner error" role="alert" data-testid="thread-notice">${this.notice}</div>` : nothing}
      <ol data-testid="message-list" aria-live="polite">
        <li class="history"><baton-customer-history .conversationId=${c.id}></baton-customer-history></li>
        ${repeat(
          this.messages,
          (m) => m.id,
          (m) => this.#renderMessage(m),
        )}
      </ol>
      ${this.typingName ? html`<div class="typing">${this.typingName} is typing…</div>` : nothing}
      ${keyed(c.id, this.#renderFooter(c))}`;
  }

  #renderHeader(c: ConversationDto) {
    const mine = c.operatorId === this.operator.id;
    const canManage = mine || this.operator.role !== 'operator';
    const sub =
      c.status === 'WAITING'
        ? `In the queue since ${formatTime(c.createdAt)}`
        : c.status === 'ACTIVE'
          ? `With ${mine ? 'you' : (c.operatorName ?? 'another operator')}`
          : `Closed ${c.closedAt ? formatTime(c.closedAt) : ''}${c.closeReason ? ` · ${humanizeReason(c.closeReason)}` : ''}`;
    const others = (this.#operators.value ?? []).filter((o) => o.active && !o.invited && o.id !== c.operatorId);
    return html`<header>
      <div class="who">
        <div class="name" data-testid="thread-name">${c.customer.displayName ?? c.customer.lineUserId}</div>
        <div class="sub">
          <span class="badge ${c.status.toLowerCase()}" data-testid="thread-status">${c.status.toLowerCase()}</span> ${sub}
        </div>
      </div>
      <div class="actions">
        ${c.status === 'WAITING'
          ? html`<button class="primary" data-testid="claim-button" ?disabled=${this.busy} @click=${() => this.#act('claim', () => api.claim(c.id))}>
              Claim
            </button>`
          : nothing}
        ${c.status === 'ACTIVE' && canManage
          ? html`<select aria-label="Transfer to" data-testid="transfer-target">
                <option value="">Waiting queue</option>
                ${others.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
              </select>
              <button data-testid="transfer-button" ?disabled=${this.busy} @click=${() => this.#transfer(c.id)}>Transfer</button>`
          : nothing}
        ${c.status !== 'CLOSED' && (c.status === 'WAITING' || canManage)
          ? html`<button
              class="danger"
              data-testid="close-button"
              ?disabled=${this.busy}
              @click=${() => this.#act('close', () => api.close(c.id, {}))}
            >
              Close
            </button>`
          : nothing}
      </div>
    </header>`;
  }

  #renderMessage(m: MessageDto) {
    const side = m.senderKind === 'system' ? 'system' : m.direction === 'in' ? 'in' : 'out';
    const who =
      m.senderKind === 'bot'
        ? html`<span class="badge bot">Bot</span>`
        : m.senderKind === 'operator'
          ? html`<span>${m.operatorId === this.operator.id ? 'You' : 'Agent'}</span>`
          : nothing;
    return html`<li class="${side} ${m.senderKind}" data-testid="message" data-sender=${m.senderKind} data-message-id=${m.id}>
      <div class="bubble">${m.text}</div>
      <div class="meta">
        ${who}<span>${formatTime(m.createdAt)}</span>${renderDeliveryMark(m)}
      </div>
    </li>`;
  }

  #renderFooter(c: ConversationDto) {
    if (c.status === 'ACTIVE' && c.operatorId === this.operator.id) {
      return html`<footer>
        <baton-composer
          .conversationId=${c.id}
          placeholder="Reply to ${c.customer.displayName ?? 'the customer'}…"
          .submit=${(text: string) => this.#send(c.id, text)}
          @composer-typing=${() => this.realtime?.typing(c.id)}
        ></baton-composer>
      </footer>`;
    }
    const note =
      c.status === 'WAITING'
        ? 'Claim this conversation to reply.'
        : c.status === 'ACTIVE'
          ? `${c.operatorName ?? 'Another operator'} is handling this conversation.`
          : 'This conversation is closed; the customer is back with the bot.';
    return html`<footer><p class="note" data-testid="thread-note">${note}</p></footer>`;
  }
}

customElements.define('baton-chat-thread', BatonChatThread);

declare global {
  interface HTMLElementTagNameMap {
    'baton-chat-thread': BatonChatThread;
  }
}
