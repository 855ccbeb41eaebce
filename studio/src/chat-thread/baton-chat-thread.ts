import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChannelView } from '../../../engine/contracts/channels.ts';
import type { ConversationDto, MessageDto } from '../../../engine/contracts/conversation.ts';
import type { OperatorDto, SendMessageRequest } from '../../../engine/contracts/rest.ts';
import type { TypingEvent } from '../../../engine/contracts/socket-events.ts';
import { api } from '../api/api-client.ts';
import { describeError } from '../api/api-error.ts';
import type { SocketController } from '../realtime/socket-controller.ts';
import '../channels/baton-channel-badge.ts';
import '../composer/baton-composer.ts';
import { controlStyles } from '../shared/controls.styles.ts';
import { ConversationChangeEvent } from '../shared/events.ts';
import { formatTime } from '../shared/format.ts';
import { chatThreadStyles } from './baton-chat-thread.styles.ts';
import { chatSourceLabel, chatSourceStyles, senderName } from '../chat-source/chat-source-label.ts';
import './baton-customer-history.ts';
import { conversationActions } from '../conversation-actions/actions-client.ts';
import { CLOSE_REASONS, closeReason, closeReasonLabel } from './close-reasons.ts';
import { renderDeliveryMark } from './delivery-mark.ts';
import { statusLabel } from './status-label.ts';
import { mergeMessages } from './merge-messages.ts';
import { renderMessageContent } from './message-content.ts';
import { autoAssignedLine, renderNote } from './thread-lines.ts';
import { transferRequest } from './transfer-target.ts';

const TYPING_SHOWN_MS = 4_000;

/**
 * One conversation: its messages (customer left; bot and operators right; the team's private notes and
 * Baton's lines about the conversation in between), the actions its state allows (claim, transfer to an
 * operator or a team with a note, close with a reason, reopen) and, for my active chats, a composer that
 * replies or writes a note.
 *
 * Close asks for confirmation with an optional reason rather than offering an undo: a close sends the
 * customer the survey at once through LINE, which cannot be taken back.
 *
 * Live messages come in through `receiveMessage` from the inbox, which owns the socket.
 *
 * @event conversation-change - an action returned the conversation's new state
 */
export class BatonChatThread extends LitElement {
  static override styles = [controlStyles, chatThreadStyles, chatSourceStyles];
  static override properties = {
    conversationId: { attribute: false },
    conversation: { attribute: false },
    operator: { attribute: false },
    realtime: { attribute: false },
    notice: { attribute: false },
    channel: { attribute: false },
    messages: { state: true },
    busy: { state: true },
    actionError: { state: true },
    typingName: { state: true },
    closing: { state: true },
  };

  declare conversationId: string | null;
  /** the live copy from the inbox; the detail load's copy is used until it exists */
  declare conversation: ConversationDto | null;
  declare operator: OperatorDto;
  declare realtime: SocketController | null;
  /** from the inbox: e.g. the engine refused to send this conversation live */
  declare notice: string | null;
  /** the LINE channel it came through, from the inbox only while the operator sees several (else null) */
  declare channel: ChannelView | null;
  declare messages: MessageDto[];
  declare busy: boolean;
  declare actionError: string | null;
  declare typingName: string | null;
  /** the close form is open (confirmation with a reason) */
  declare closing: boolean;

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
    this.channel = null;
    this.messages = [];
    this.busy = false;
    this.actionError = null;
    this.typingName = null;
    this.closing = false;
    updateWhenLocaleChanges(this);
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
      this.closing = false;
    }
    if (changed.has('messages')) this.#scrollToEnd = true;
  }

  protected override updated(): void {
    if (!this.#scrollToEnd) return;
    this.#scrollToEnd = false;
    const list = this.renderRoot.querySelector('ol');
    if (list) list.scrollTop = list.scrollHeight;
  }

  async #act(action: 'claim' | 'transfer' | 'close' | 'reopen', run: () => Promise<{ conversation: ConversationDto }>) {
    this.busy = true;
    this.actionError = null;
    try {
      const { conversation } = await run();
      if (action === 'close') this.closing = false;
      this.dispatchEvent(new ConversationChangeEvent(conversation, action));
      if (action === 'claim' || action === 'reopen') {
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
    const target = this.renderRoot.querySelector<HTMLSelectElement>('[data-testid="transfer-target"]')?.value ?? '';
    const noteField = this.renderRoot.querySelector<HTMLInputElement>('[data-testid="transfer-note"]');
    return this.#act('transfer', async () => {
      const answer = await api.transfer(id, transferRequest(target, noteField?.value ?? ''));
      if (noteField) noteField.value = '';
      return answer;
    });
  }

  #close(id: string): Promise<void> {
    const chosen = this.renderRoot.querySelector<HTMLSelectElement>('[data-testid="close-reason"]')?.value ?? '';
    const details = this.renderRoot.querySelector<HTMLInputElement>('[data-testid="close-details"]')?.value ?? '';
    const reason = closeReason(chosen, details);
    return this.#act('close', () => api.close(id, reason === undefined ? {} : { reason }));
  }

  /** a reply to the customer, or (`note`) a private note for the team */
  async #send(id: string, text: string, note: boolean): Promise<boolean> {
    this.actionError = null;
    try {
      const { message } = note ? await conversationActions.note(id, text) : await api.send(id, { text });
      this.messages = mergeMessages(this.messages, [message]);
      return true;
    } catch (error) {
      this.actionError = describeError(error);
      return false;
    }
  }

  /** an image, a sticker or a rich canned response (all of its messages) from the composer */
  async #sendMedia(id: string, body: SendMessageRequest): Promise<boolean> {
    this.actionError = null;
    try {
      const { messages } = await api.send(id, body);
      this.messages = mergeMessages(this.messages, messages);
      return true;
    } catch (error) {
      this.actionError = describeError(error);
      return false;
    }
  }

  /** the operator's name for a note's author */
  #authorName(operatorId: string | null): string {
    if (operatorId === this.operator.id) return msg('You');
    return this.#operators.value?.find((o) => o.id === operatorId)?.name ?? msg('A teammate');
  }

  override render() {
    const c = this.#current;
    if (!this.conversationId) return html`<p class="placeholder">${msg('Pick a conversation from the list.')}</p>`;
    if (!c) {
      return this.#detail.status === TaskStatus.ERROR
        ? html`<p class="placeholder error" role="alert">${describeError(this.#detail.error)}</p>`
        : html`<p class="placeholder">${msg('Loading…')}</p>`;
    }
    return html`${this.#renderHeader(c)}
      ${this.actionError
        ? html`<div class="banner error" role="alert" data-testid="thread-error">${this.actionError}</div>`
        : nothing}
      ${this.notice ? html`<div class="banner error" role="alert" data-testid="thread-notice">${this.notice}</div>` : nothing}
      <ol data-testid="message-list" aria-live="polite">
        <li class="history"><baton-customer-history .conversationId=${c.id}></baton-customer-history></li>
        ${repeat(
          this.#timeline(c),
          (item) => (item === 'auto-assigned' ? item : item.id),
          (item) => (item === 'auto-assigned' ? autoAssignedLine(c) : this.#renderMessage(item)),
        )}
      </ol>
      ${this.typingName ? html`<div class="typing">${msg(str`${this.typingName} is typing…`)}</div>` : nothing}
      ${keyed(c.id, this.#renderFooter(c))}`;
  }

  /** the messages, with the auto-assignment line where it happened (at claimedAt) */
  #timeline(c: ConversationDto): (MessageDto | 'auto-assigned')[] {
    if (!c.assignedAutomatically || c.claimedAt === null) return this.messages;
    const at = c.claimedAt;
    const index = this.messages.findIndex((m) => m.createdAt > at);
    const items: (MessageDto | 'auto-assigned')[] = [...this.messages];
    items.splice(index === -1 ? items.length : index, 0, 'auto-assigned');
    return items;
  }

  #renderHeader(c: ConversationDto) {
    const mine = c.operatorId === this.operator.id;
    const canManage = mine || this.operator.role !== 'operator';
    const closedAt = c.closedAt ? formatTime(c.closedAt) : '';
    const sub =
      c.status === 'WAITING'
        ? msg(str`In the queue since ${formatTime(c.createdAt)}`)
        : c.status === 'ACTIVE'
          ? mine
            ? msg('With you')
            : msg(str`With ${c.operatorName ?? msg('another operator')}`)
          : c.closeReason
            ? msg(str`Closed ${closedAt} · ${closeReasonLabel(c.closeReason)}`)
            : msg(str`Closed ${closedAt}`);
    const operators = this.#operators.value ?? [];
    const others = operators.filter((o) => o.active && !o.invited && o.id !== c.operatorId);
    const teams = [...new Set(operators.filter((o) => o.active).flatMap((o) => o.teams))].sort();
    return html`<header>
      <div class="who">
        <div class="name" data-testid="thread-name">${chatSourceLabel(c.source)}${c.customer.displayName ?? c.customer.lineUserId}</div>
        <div class="sub">
          <span class="badge ${c.status.toLowerCase()}" data-testid="thread-status">${statusLabel(c.status)}</span> ${sub}
          ${this.channel ? html`<baton-channel-badge .channel=${this.channel} data-testid="thread-channel"></baton-channel-badge>` : nothing}
        </div>
      </div>
      <div class="actions">
        ${c.status === 'WAITING'
          ? html`<button class="primary" data-testid="claim-button" ?disabled=${this.busy} @click=${() => this.#act('claim', () => api.claim(c.id))}>
              ${msg('Claim')}
            </button>`
          : nothing}
        ${c.status === 'ACTIVE' && canManage
          ? html`<select aria-label=${msg('Transfer to')} data-testid="transfer-target">
                <option value="">${msg('Waiting queue')}</option>
                ${others.length ? html`<optgroup label=${msg('Operators')}>${others.map((o) => html`<option value="operator:${o.id}">${o.name}</option>`)}</optgroup>` : nothing}
                ${teams.length ? html`<optgroup label=${msg('Team queues')}>${teams.map((t) => html`<option value="team:${t}">${msg(str`Team ${t}`)}</option>`)}</optgroup>` : nothing}
              </select>
              <input class="transfer-note" type="text" maxlength="2000" placeholder=${msg('Note for them (optional)')} aria-label=${msg('Note for whoever gets it')} data-testid="transfer-note" />
              <button data-testid="transfer-button" ?disabled=${this.busy} @click=${() => this.#transfer(c.id)}>${msg('Transfer')}</button>`
          : nothing}
        ${c.status !== 'CLOSED' && (c.status === 'WAITING' || canManage)
          ? html`<button class="danger" data-testid="close-button" ?disabled=${this.busy || this.closing} @click=${() => (this.closing = true)}>${msg('Close', { id: 'close-chat', desc: 'ends a conversation with the customer' })}</button>`
          : nothing}
        ${c.status === 'CLOSED' && canManage
          ? html`<button class="primary" data-testid="reopen-button" ?disabled=${this.busy} @click=${() => this.#act('reopen', () => conversationActions.reopen(c.id))}>
              ${msg('Reopen')}
            </button>`
          : nothing}
      </div>
    </header>
    ${this.closing && c.status !== 'CLOSED' ? this.#renderCloseForm(c) : nothing}`;
  }

  #renderCloseForm(c: ConversationDto) {
    return html`<form class="close-form" data-testid="close-form" @submit=${(e: Event) => (e.preventDefault(), void this.#close(c.id))}>
      <span>${msg('Close this conversation? The customer goes back to the bot and gets the survey.')}</span>
      <select aria-label=${msg('Reason')} data-testid="close-reason">
        <option value="">${msg('No reason')}</option>
        ${CLOSE_REASONS.map((reason) => html`<option value=${reason}>${closeReasonLabel(reason)}</option>`)}
      </select>
      <input type="text" maxlength="150" placeholder=${msg('Details (optional)')} aria-label=${msg('Details')} data-testid="close-details" />
      <button type="submit" class="danger" data-testid="close-confirm" ?disabled=${this.busy}>${msg('Close conversation')}</button>
      <button type="button" data-testid="close-cancel" @click=${() => (this.closing = false)}>${msg('Cancel')}</button>
    </form>`;
  }

  #renderMessage(m: MessageDto) {
    if (m.direction === 'note') return renderNote(m, this.#authorName(m.operatorId));
    const side = m.senderKind === 'system' ? 'system' : m.direction === 'in' ? 'in' : 'out';
    const who =
      m.senderKind === 'bot'
        ? html`<span class="badge bot">${msg('Bot')}</span>`
        : m.senderKind === 'operator'
          ? html`<span>${m.operatorId === this.operator.id ? msg('You') : msg('Agent')}</span>`
          : nothing;
    return html`<li class="${side} ${m.senderKind}" data-testid="message" data-sender=${m.senderKind} data-message-id=${m.id}>
      ${senderName(m)}<div class="bubble">${renderMessageContent(m) ?? m.text}</div>
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
          placeholder=${msg(str`Reply to ${c.customer.displayName ?? msg('the customer')}…`)}
          .submit=${(text: string, note: boolean) => this.#send(c.id, text, note)}
          .submitMedia=${(body: SendMessageRequest) => this.#sendMedia(c.id, body)}
          @composer-typing=${() => this.realtime?.typing(c.id)}
        ></baton-composer>
      </footer>`;
    }
    const note =
      c.status === 'WAITING'
        ? msg('Claim this conversation to reply.')
        : c.status === 'ACTIVE'
          ? msg(str`${c.operatorName ?? msg('Another operator')} is handling this conversation.`)
          : msg('This conversation is closed; the customer is back with the bot. Reopen it to go on.');
    return html`<footer><p class="note" data-testid="thread-note">${note}</p></footer>`;
  }
}

customElements.define('baton-chat-thread', BatonChatThread);

declare global {
  interface HTMLElementTagNameMap {
    'baton-chat-thread': BatonChatThread;
  }
}
