/**
 * Tells queued customers their position and estimated wait: when they are queued and whenever the
 * position changes, at most once per the queue's interval. Each announcement is a compare-and-set on
 * the conversation, so two engines never send the same notice twice.
 */
import { DEFAULT_POSITION_INTERVAL_SECONDS, renderPositionMessage } from '../../domain/queue/position-message.ts';
import { estimateWaitMinutes } from '../../domain/queue/estimate-wait.ts';
import { shouldAnnouncePosition } from '../../domain/queue/announce-position.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import type { MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import { customerFacts } from './flow-session.ts';
import { enqueueOutbound } from './outbox.ts';
import { templateScope } from './template-scope.ts';

const DEFAULT_SAMPLE_SIZE = 20;
const DEFAULT_HANDLING_MINUTES = 5;

export class QueueAnnouncer {
  constructor(
    private readonly store: Store,
    private readonly flows: FlowRegistry,
    private readonly now: () => number,
  ) {}

  /** Announces every customer of `waiting` (the queue in order) whose position is due; returns the messages to send. */
  async announce(waiting: readonly ConversationRow[]): Promise<MessageRow[]> {
    if (waiting.length === 0) return [];
    const available = (await this.store.operators.listAvailable()).length;
    const positions = new Map<string, number>();
    const outbound: MessageRow[] = [];
    for (const conversation of waiting) {
      const queueKey = conversation.queue_id ?? '';
      const position = (positions.get(queueKey) ?? 0) + 1;
      positions.set(queueKey, position);
      outbound.push(...(await this.announceOne(conversation, position, available)));
    }
    return outbound;
  }

  private async announceOne(conversation: ConversationRow, position: number, availableOperators: number): Promise<MessageRow[]> {
    if (!conversation.queue_id || conversation.flow_version === null) return [];
    const set = await this.flows.version(conversation.flow_version);
    const queue = set.queues.get(conversation.queue_id);
    if (!queue?.positionMessage) return [];
    const now = this.now();
    const due = shouldAnnouncePosition({
      lastAnnouncedAt: conversation.announced_at,
      lastPosition: conversation.announced_position,
      position,
      now,
      minIntervalSeconds: queue.minUpdateIntervalSeconds ?? DEFAULT_POSITION_INTERVAL_SECONDS,
    });
    if (!due) return [];
    const recent = await this.store.conversations.recentHandlingMinutes(queue.estimate?.sampleSize ?? DEFAULT_SAMPLE_SIZE);
    const waitMinutes = estimateWaitMinutes(position, recent, availableOperators, queue.estimate?.defaultHandlingMinutes ?? DEFAULT_HANDLING_MINUTES);
    return this.store.transaction(async (tx) => {
      if (!(await tx.conversations.claimAnnouncement(conversation.id, conversation.announced_at, position, now))) return [];
      const customer = await tx.customers.findById(conversation.customer_id);
      if (!customer) return [];
      const text = renderPositionMessage(queue, position, waitMinutes, templateScope(customerFacts(customer, true)));
      if (!text) return [];
      return enqueueOutbound(tx, {
        customerId: customer.id,
        conversationId: conversation.id,
        senderKind: 'bot',
        operatorId: null,
        messages: [{ type: 'text', text }],
        replyToken: await tx.customers.takeReplyToken(customer.id, now),
        webhookEventId: null,
        now,
      });
    });
  }
}
