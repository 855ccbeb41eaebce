import { Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, type PropertyValues } from 'lit';
import type { ConversationDto, ConversationStatus, MessageDto } from '../../../engine/contracts/conversation.ts';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';
import type { TypingEvent } from '../../../engine/contracts/socket-events.ts';
import { api } from '../api/api-client.ts';
import '../chat-thread/baton-chat-thread.ts';
import '../customer-info/baton-customer-info.ts';
import '../inbox-list/baton-inbox-list.ts';
import '../presence-toggle/baton-presence-toggle.ts';
import { RealtimeStatus, SocketController } from '../realtime/socket-controller.ts';
import type { ConversationChangeEvent, ConversationSelectEvent, SearchEvent, StatusTabEvent } from '../shared/events.ts';
import { unlockAudioOnGesture } from '../signals/alert-tone.ts';
import '../signals/baton-signal-toggle.ts';
import { OperatorSignals } from '../signals/operator-signals.ts';
import { markRead } from '../signals/read-client.ts';
import { conversationSignal, isMessageForMe, SignalKind } from '../signals/signal-rules.ts';
import { UnreadCounts } from '../signals/unread-counts.ts';
import { unreadTotal } from '../signals/unread-total.ts';
import { matchesQuery, visibleTo } from './conversation-order.ts';

const STATUSES: readonly ConversationStatus[] = ['WAITING', 'ACTIVE', 'CLOSED'];

/**
 * The operator's live inbox: conversation list | chat thread | customer info.
 * Holds every loaded conversation (all three statuses, so the tabs can count them) and keeps it
 * current from the socket; the thread loads its own messages. Operators see the queue and their own
 * conversations (the engine filters the lists, and tells them once when a chat leaves the queue or is
 * transferred away, which then leaves their list); supervisors and admins see everything.
 *
 * Signals: unread counts per conversation and tab (and the total in the tab title, through unreadTotal), a
 * chime and a desktop notification for a new waiting chat, a chat assigned to me and a customer's message in
 * a chat I hold; never for the conversation on screen while the page is visible, which is marked read.
 */
export class BatonInbox extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      grid-template-columns: minmax(260px, 340px) minmax(360px, 1fr) minmax(240px, 300px);
      min-height: 0;
      height: 100%;
      background: var(--baton-surface);
    }
    baton-inbox-list,
    baton-chat-thread,
    baton-customer-info {
      min-height: 0;
      min-width: 0;
    }
    baton-inbox-list {
      border-right: 1px solid var(--baton-border);
    }
    baton-customer-info {
      border-left: 1px solid var(--baton-border);
    }
  `;
  static override properties = {
    operator: { attribute: false },
    conversations: { state: true },
    tab: { state: true },
    query: { state: true },
    selectedId: { state: true },
    joinNotice: { state: true },
  };

  declare operator: OperatorDto;
  declare conversations: ReadonlyMap<string, ConversationDto>;
  declare tab: ConversationStatus;
  declare query: string;
  declare selectedId: string | null;
  /** why the engine would not let us follow the open conversation live */
  declare joinNotice: string | null;

  /** socket updates that arrive while a list load is in flight, replayed over its result */
  readonly #inFlight = new Set<ConversationDto[]>();
  /** every conversation seen, search or not: the open one stays shown when a search hides it from the list */
  readonly #known = new Map<string, ConversationDto>();
  readonly #unread = new UnreadCounts();
  #signals: OperatorSignals | null = null;
  /** the first list has loaded: before it, every conversation heard would look new */
  #primed = false;
  readonly #onVisibility = () => this.#readSelected();

  readonly #realtime = new SocketController(this, {
    onConversation: (conversation) => this.#apply(conversation),
    onMessage: (message: MessageDto) => {
      this.#thread?.receiveMessage(message);
      this.#countMessage(message);
    },
    onTyping: (event: TypingEvent) => {
      if (event.operatorId !== this.operator.id) this.#thread?.receiveTyping(event);
    },
    onResync: () => {
      void this.#listTask.run();
      this.#thread?.reload();
      this.renderRoot.querySelector('baton-presence-toggle')?.reassert();
    },
    onJoinRefused: (conversationId, refusal) => {
      if (conversationId === this.selectedId) this.joinNotice = `This conversation is not updated live: ${refusal.message}`;
    },
  });

  readonly #listTask = new Task(this, {
    args: (): [string] => [this.query],
    task: async ([query], { signal }) => {
      const missed: ConversationDto[] = [];
      this.#inFlight.add(missed);
      try {
        const lists = await Promise.all(STATUSES.map((status) => api.conversations(status, query, signal)));
        const next = new Map<string, ConversationDto>();
        for (const { conversations } of lists) for (const c of conversations) next.set(c.id, c);
        // before the socket's copies replace some: only the list's carry this operator's unread counts
        this.#unread.load(next.values());
        for (const c of missed) {
          if (visibleTo(this.operator, c)) next.set(c.id, c);
          else next.delete(c.id);
        }
        for (const c of next.values()) this.#known.set(c.id, c);
        this.conversations = next;
        this.#primed = true;
        return next.size;
      } finally {
        this.#inFlight.delete(missed);
      }
    },
  });

  constructor() {
    super();
    this.conversations = new Map();
    this.tab = 'WAITING';
    this.query = '';
    this.selectedId = null;
    this.joinNotice = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    unlockAudioOnGesture();
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    // nobody counts while the inbox is closed: the title shows no stale figure
    unreadTotal.set(0);
    super.disconnectedCallback();
  }

  get #thread() {
    return this.renderRoot.querySelector('baton-chat-thread');
  }

  /** the conversation the operator is looking at right now: nothing about it needs signalling */
  #onScreen(conversationId: string | null): boolean {
    return conversationId !== null && conversationId === this.selectedId && document.visibilityState === 'visible';
  }

  #signal(kind: SignalKind, conversation: ConversationDto, text: string | null): void {
    if (!this.#primed || this.#onScreen(conversation.id)) return;
    this.#signals?.alert(kind, conversation, text, () => {
      this.tab = conversation.status;
      this.selectedId = conversation.id;
    });
  }

  #countMessage(message: MessageDto): void {
    const id = message.conversationId;
    if (message.senderKind !== 'customer' || id === null) return;
    if (this.#onScreen(id)) {
      this.#read(id, message.id);
      return;
    }
    if (!this.#unread.customerMessage(id, message.id)) return;
    this.requestUpdate();
    const conversation = this.#known.get(id);
    if (conversation && isMessageForMe(message, conversation, this.operator.id)) this.#signal(SignalKind.MESSAGE, conversation, message.text);
  }

  /** the open conversation is on screen: what it shows is read */
  #readSelected(): void {
    const conversation = this.selectedId ? this.#known.get(this.selectedId) : undefined;
    if (!conversation || !this.#onScreen(conversation.id) || this.#unread.count(conversation.id) === 0) return;
    this.#read(conversation.id, this.#unread.newest(conversation));
  }

  #read(conversationId: string, messageId: number): void {
    if (messageId <= 0) return;
    this.#unread.read(conversationId, messageId);
    this.requestUpdate();
    // a failure leaves the engine's count as it was: the next list load shows it unread again, which is true
    markRead(conversationId, messageId).catch(() => undefined);
  }

  #apply(conversation: ConversationDto): void {
    for (const missed of this.#inFlight) missed.push(conversation);
    const kind = conversationSignal(this.#known.get(conversation.id), conversation, this.operator.id);
    this.#known.set(conversation.id, conversation);
    if (kind) this.#signal(kind, conversation, null);
    if (conversation.id === this.selectedId) this.requestUpdate();
    if (!visibleTo(this.operator, conversation)) {
      // taken by or transferred to someone else: this is the last we hear of it
      if (!this.conversations.has(conversation.id)) return;
      const next = new Map(this.conversations);
      next.delete(conversation.id);
      this.conversations = next;
      return;
    }
    if (!this.conversations.has(conversation.id) && !matchesQuery(conversation, this.query)) return;
    const next = new Map(this.conversations);
    next.set(conversation.id, conversation);
    this.conversations = next;
  }

  #onChange(event: ConversationChangeEvent): void {
    this.#apply(event.conversation);
    // follow my own claim to the Active tab so the chat I just took stays highlighted
    if (event.action === 'claim') this.tab = event.conversation.status;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('selectedId')) this.joinNotice = null;
    if (changed.has('operator')) this.#signals = new OperatorSignals(this.operator.id);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('selectedId')) this.#realtime.follow(this.selectedId);
    if (changed.has('selectedId') || changed.has('conversations')) this.#readSelected();
  }

  /** each conversation's unread count, and the total of the open ones into the tab title */
  #unreadCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    let total = 0;
    for (const c of this.conversations.values()) {
      const count = c.status === 'CLOSED' ? 0 : this.#unread.count(c.id);
      counts.set(c.id, count);
      total += count;
    }
    unreadTotal.set(total);
    return counts;
  }

  override render() {
    const selected = this.selectedId ? (this.#known.get(this.selectedId) ?? null) : null;
    return html`<baton-inbox-list
        .conversations=${this.conversations}
        .unread=${this.#unreadCounts()}
        .tab=${this.tab}
        .selectedId=${this.selectedId}
        .loading=${this.#listTask.status === TaskStatus.PENDING}
        .loadError=${this.#listTask.error ?? null}
        .realtimeStatus=${this.#realtime.status}
        @conversation-select=${(e: ConversationSelectEvent) => (this.selectedId = e.conversationId)}
        @status-tab=${(e: StatusTabEvent) => (this.tab = e.status)}
        @search=${(e: SearchEvent) => (this.query = e.query)}
      >
        <baton-presence-toggle slot="presence" .connected=${this.#realtime.status === RealtimeStatus.LIVE}></baton-presence-toggle>
        <baton-signal-toggle slot="presence" .signals=${this.#signals}></baton-signal-toggle>
      </baton-inbox-list>
      <baton-chat-thread
        .conversationId=${this.selectedId}
        .conversation=${selected}
        .operator=${this.operator}
        .realtime=${this.#realtime}
        .notice=${this.joinNotice}
        @conversation-change=${this.#onChange}
      ></baton-chat-thread>
      <baton-customer-info .conversation=${selected}></baton-customer-info>`;
  }
}

customElements.define('baton-inbox', BatonInbox);

declare global {
  interface HTMLElementTagNameMap {
    'baton-inbox': BatonInbox;
  }
}
