import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConversationDto, MessageDto } from '../../../engine/contracts/conversation.ts';
import { OperatorSignals } from '../signals/operator-signals.ts';
import { markRead } from '../signals/read-client.ts';
import { conversationSignal, isMessageForMe, SignalKind } from '../signals/signal-rules.ts';
import { UnreadCounts } from '../signals/unread-counts.ts';
import { unreadTotal } from '../signals/unread-total.ts';

export interface InboxSignalsOptions {
  operatorId(): string;
  /** the conversation open in the thread */
  selectedId(): string | null;
  /** every conversation the inbox has seen, by id */
  known(conversationId: string): ConversationDto | undefined;
  /** shows a conversation (clicking a desktop notification) */
  open(conversation: ConversationDto): void;
}

/**
 * The inbox's signals: unread counts per conversation (and their total in the tab title, through
 * unreadTotal), a chime and a desktop notification for a new waiting chat, a chat assigned to me and a
 * customer's message in a chat I hold; never for the conversation on screen while the page is visible,
 * which is marked read instead.
 */
export class InboxSignals implements ReactiveController {
  readonly #unread = new UnreadCounts();
  #signals: OperatorSignals | null = null;
  #signalsFor: string | null = null;
  /** the first list has loaded: before it, every conversation heard would look new */
  #primed = false;
  readonly #onVisibility = () => this.readSelected();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: InboxSignalsOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    // nobody counts while the inbox is closed: the title shows no stale figure
    unreadTotal.set(0);
  }

  /** the operator's chime and notification settings (the signal toggle) */
  get signals(): OperatorSignals {
    const operatorId = this.options.operatorId();
    if (!this.#signals || this.#signalsFor !== operatorId) {
      this.#signals = new OperatorSignals(operatorId);
      this.#signalsFor = operatorId;
    }
    return this.#signals;
  }

  /** A list the engine answered: only its conversations carry this operator's unread counts. */
  listLoaded(conversations: Iterable<ConversationDto>): void {
    this.#unread.load(conversations);
    this.#primed = true;
  }

  /** A conversation changed (`before`: as the inbox knew it): a new waiting chat or one assigned to me signals. */
  conversationChanged(before: ConversationDto | undefined, after: ConversationDto): void {
    const kind = conversationSignal(before, after, this.options.operatorId());
    if (kind) this.#signal(kind, after, null);
  }

  /** A message heard live: the customer's count as unread (or read, on screen), and signalled when it is for me. */
  messageHeard(message: MessageDto): void {
    const id = message.conversationId;
    if (message.senderKind !== 'customer' || id === null) return;
    if (this.#onScreen(id)) {
      this.#read(id, message.id);
      return;
    }
    if (!this.#unread.customerMessage(id, message.id)) return;
    this.host.requestUpdate();
    const conversation = this.options.known(id);
    if (conversation && isMessageForMe(message, conversation, this.options.operatorId())) this.#signal(SignalKind.MESSAGE, conversation, message.text);
  }

  /** the open conversation is on screen: what it shows is read */
  readSelected(): void {
    const selectedId = this.options.selectedId();
    const conversation = selectedId ? this.options.known(selectedId) : undefined;
    if (!conversation || !this.#onScreen(conversation.id) || this.#unread.count(conversation.id) === 0) return;
    this.#read(conversation.id, this.#unread.newest(conversation));
  }

  /** each listed conversation's unread count, and the total of the open ones into the tab title */
  counts(conversations: Iterable<ConversationDto>): Map<string, number> {
    const counts = new Map<string, number>();
    let total = 0;
    for (const c of conversations) {
      const count = c.status === 'CLOSED' ? 0 : this.#unread.count(c.id);
      counts.set(c.id, count);
      total += count;
    }
    unreadTotal.set(total);
    return counts;
  }

  /** the conversation the operator is looking at right now: nothing about it needs signalling */
  #onScreen(conversationId: string | null): boolean {
    return conversationId !== null && conversationId === this.options.selectedId() && document.visibilityState === 'visible';
  }

  #signal(kind: SignalKind, conversation: ConversationDto, text: string | null): void {
    if (!this.#primed || this.#onScreen(conversation.id)) return;
    this.signals.alert(kind, conversation, text, () => this.options.open(conversation));
  }

  #read(conversationId: string, messageId: number): void {
    if (messageId <= 0) return;
    this.#unread.read(conversationId, messageId);
    this.host.requestUpdate();
    // a failure leaves the engine's count as it was: the next list load shows it unread again, which is true
    markRead(conversationId, messageId).catch(() => undefined);
  }
}
