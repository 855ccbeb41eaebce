/**
 * While the operator holding an active conversation types, the customer sees LINE's loading animation
 * (POST /v2/bot/chat/loading/start). The studio reports typing every 2 s or so; LINE is asked at most once per
 * conversation every RENEW_AFTER_MS, each time for LOADING_SECONDS, so steady typing keeps the animation on
 * without a gap and a pause in typing lets it run out. LINE clears it as soon as a message from the account
 * arrives. Never for a waiting chat, someone else's, a customer who blocked the account, or a group.
 *
 * Best effort: a failure is logged and forgotten (the operator sees nothing of it), and after a 429 or a 5xx
 * no call is made for a while (LineCallPause). The windows live in this engine's memory: an operator's socket
 * stays on one engine, so two engines would only both call for a conversation typed in from two of them.
 */
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import { LineCallPause } from './line-call-pause.ts';
import type { LineClients } from '../channels/line-clients.ts';

/** How long each animation asks LINE for (LINE: 5 to 60, in steps of 5). */
export const LOADING_SECONDS = 20;
/** When an animation is renewed if the operator is still typing: before it runs out, so it shows without a gap. */
export const RENEW_AFTER_MS = 15_000;

/** LINE shows the animation in one-to-one chats only: user ids start with U (groups C, rooms R). */
const ONE_TO_ONE = /^U[0-9a-f]{32}$/;

export class LineTypingService {
  /** conversation id -> when its animation may be renewed */
  private readonly renewAt = new Map<string, number>();
  /** conversations being checked right now: a burst of typing events costs one check */
  private readonly checking = new Set<string>();
  private readonly pause: LineCallPause;

  constructor(
    private readonly store: Store,
    /** the customer's channel's client */
    private readonly line: Pick<LineClients, 'of'>,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {
    this.pause = new LineCallPause(now);
  }

  /** The operator typed in the conversation. Never rejects. */
  async typing(conversationId: string, operatorId: string): Promise<void> {
    const at = this.now();
    if (this.checking.has(conversationId) || at < (this.renewAt.get(conversationId) ?? 0) || this.pause.paused) return;
    this.checking.add(conversationId);
    try {
      const chat = await this.chatOf(conversationId, operatorId);
      if (chat === null) return;
      this.forgetPast(at);
      this.renewAt.set(conversationId, at + RENEW_AFTER_MS);
      await (await this.line.of(chat.channelId)).showLoadingAnimation(chat.chatId, LOADING_SECONDS);
    } catch (error) {
      this.pause.after(error);
      this.logger.warn({ conversationId, error: error instanceof Error ? error.message : String(error) }, 'LINE loading animation not shown');
    } finally {
      this.checking.delete(conversationId);
    }
  }

  /** the LINE chat to animate, or null when this operator's typing must not show there */
  private async chatOf(conversationId: string, operatorId: string): Promise<{ chatId: string; channelId: string } | null> {
    const conversation = await this.store.conversations.findById(conversationId);
    if (conversation?.status !== 'ACTIVE' || conversation.operator_id !== operatorId) return null;
    const customer = await this.store.customers.findById(conversation.customer_id);
    if (!customer || !customer.following || !ONE_TO_ONE.test(customer.line_user_id)) return null;
    return { chatId: customer.line_user_id, channelId: customer.channel_id };
  }

  private forgetPast(at: number): void {
    for (const [id, renewAt] of this.renewAt) if (renewAt <= at) this.renewAt.delete(id);
  }
}
