/**
 * Tells queued customers their position and estimated wait: when they are queued and whenever the
 * position changes, at most once per the queue's interval. Each announcement is a compare-and-set on
 * the conversation, so two engines never send the same notice twice. A change held back by the
 * interval is not forgotten: the pass says when the earliest one is due, and the caller comes back.
 * A pass only writes the notices (the database); sending them is the outbox's job.
 */
import { DEFAULT_POSITION_INTERVAL_SECONDS, renderPositionMessage } from '../../domain/queue/position-message.ts';
import { estimateWaitMinutes } from '../../domain/queue/estimate-wait.ts';
import { shouldAnnouncePosition } from '../../domain/queue/announce-position.ts';
import { queuePositions } from '../../domain/queue/queue-positions.ts';
import type { QueueDocument } from '../../domain/flow/flow-document.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import type { MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import { customerFacts } from './flow-session.ts';
import { enqueueOutbound } from './outbox.ts';
import { templateScope } from './template-scope.ts';

const DEFAULT_SAMPLE_SIZE = 20;
const DEFAULT_HANDLING_MINUTES = 5;

export interface Announcements {
  /** the notices written, to hand to the outbox */
  notices: MessageRow[];
  /** when the earliest position change held back by its queue's interval may be told; null if none */
  nextDueAt: number | null;
}

export class QueueAnnouncer {
  constructor(
    private readonly store: Store,
    private readonly flows: FlowRegistry,
    private readonly now: () => number,
  ) {}

  /** Announces every customer of `waiting` (the queue in order) whose position is due. */
  async announce(waiting: readonly ConversationRow[]): Promise<Announcements> {
    if (waiting.length === 0) return { notices: [], nextDueAt: null };
    const available = (await this.store.operators.listAvailable()).length;
    const positions = queuePositions(waiting);
    // read once per pass, not once per customer
    const handling = new Map<number, Promise<number[]>>();
    const recent = (sampleSize: number): Promise<number[]> => {
      let sample = handling.get(sampleSize);
      if (!sample) {
        sample = this.store.conversations.recentHandlingMinutes(sampleSize);
        handling.set(sampleSize, sample);
      }
      return sample;
    };
    const notices: MessageRow[] = [];
    let nextDueAt: number | null = null;
    for (const conversation of waiting) {
      const position = positions.get(conversation.id) ?? 1;
      const queue = await this.queueOf(conversation);
      if (!queue) continue;
      const now = this.now();
      const minIntervalMs = (queue.minUpdateIntervalSeconds ?? DEFAULT_POSITION_INTERVAL_SECONDS) * 1000;
      if (!shouldAnnouncePosition({ lastAnnouncedAt: conversation.announced_at, lastPosition: conversation.announced_position, position, now, minIntervalSeconds: minIntervalMs / 1000 })) {
        // the position changed but the last notice is too recent: tell it once the interval has passed
        if (conversation.announced_at !== null && conversation.announced_position !== position) {
          const dueAt = conversation.announced_at + minIntervalMs;
          nextDueAt = nextDueAt === null ? dueAt : Math.min(nextDueAt, dueAt);
        }
        continue;
      }
      const sample = await recent(queue.estimate?.sampleSize ?? DEFAULT_SAMPLE_SIZE);
      const waitMinutes = estimateWaitMinutes(position, sample, available, queue.estimate?.defaultHandlingMinutes ?? DEFAULT_HANDLING_MINUTES);
      notices.push(...(await this.announceOne(conversation, queue, position, waitMinutes, now)));
    }
    return { notices, nextDueAt };
  }

  private async queueOf(conversation: ConversationRow): Promise<QueueDocument | null> {
    if (!conversation.queue_id || conversation.flow_version === null) return null;
    const set = await this.flows.version(conversation.flow_version);
    const queue = set.queues.get(conversation.queue_id);
    return queue?.positionMessage ? queue : null;
  }

  /** Writes one notice if this engine wins the compare-and-set (another may be announcing too). */
  private announceOne(conversation: ConversationRow, queue: QueueDocument, position: number, waitMinutes: number, now: number): Promise<MessageRow[]> {
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
