/**
 * Marks the customer's messages read on LINE (POST /v2/bot/chat/markAsRead) when the operator holding the
 * conversation opens its thread in the inbox (the socket's conversation:join) or claims it from there. Each
 * customer keeps the read token of their newest message not yet marked (migration 010); marking it marks every
 * earlier message too, and it is used once. Nothing else calls this: the bot answering, a supervisor looking
 * on, a waiting chat and a bot-only exchange leave the customer's messages unread, as a person has not read them.
 *
 * Best effort: a failure is logged and never reaches the operator; when LINE was busy or down the token is kept
 * for the next opening (unless a newer message brought its own), and after a 429 or a 5xx no call is made for a
 * while (LineCallPause). Off with BATON_LINE_MARK_AS_READ=off.
 */
import { LineApiError } from '../../line/line-api-error.ts';
import type { Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import { LineCallPause } from './line-call-pause.ts';
import type { LineClients } from '../channels/line-clients.ts';

export class LineReadReceipts {
  private readonly pause: LineCallPause;

  constructor(
    private readonly store: Store,
    /** the customer's channel's client */
    private readonly line: Pick<LineClients, 'ofCustomer'>,
    private readonly logger: Logger,
    now: () => number,
    private readonly enabled: boolean,
  ) {
    this.pause = new LineCallPause(now);
  }

  /** The operator opened (or claimed) the conversation's thread. Never rejects. */
  async opened(conversationId: string, operatorId: string): Promise<void> {
    if (!this.enabled || this.pause.paused) return;
    let taken: { customerId: string; token: string } | null = null;
    try {
      const conversation = await this.store.conversations.findById(conversationId);
      if (conversation?.status !== 'ACTIVE' || conversation.operator_id !== operatorId) return;
      const token = await this.store.customers.takeMarkAsReadToken(conversation.customer_id);
      if (token === null) return;
      taken = { customerId: conversation.customer_id, token };
      await (await this.line.ofCustomer(conversation.customer_id)).markAsRead(token);
    } catch (error) {
      this.pause.after(error);
      // LINE was busy or down and may not have taken it: keep it for the next opening (read twice is harmless)
      if (taken && error instanceof LineApiError && error.retryable) await this.restore(taken);
      this.logger.warn({ conversationId, error: error instanceof Error ? error.message : String(error) }, "customer's messages not marked read on LINE");
    }
  }

  private async restore({ customerId, token }: { customerId: string; token: string }): Promise<void> {
    try {
      await this.store.customers.restoreMarkAsReadToken(customerId, token);
    } catch (error) {
      this.logger.warn({ customerId, error: error instanceof Error ? error.message : String(error) }, 'read token not kept for a retry');
    }
  }
}
