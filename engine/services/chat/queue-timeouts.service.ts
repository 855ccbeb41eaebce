/**
 * Queued customers who waited longer than their queue's maxWait: each gets the queue's `then` step
 * once (through an internal event, so it runs in order with their messages) and notifiers hear of it.
 */
import { maxWaitExceeded } from '../../domain/queue/max-wait.ts';
import type { PluginHost } from '../../../plugins/plugin-host.ts';
import type { Store } from '../../store/store.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import { InternalEventType, raiseInternalEvent } from './internal-events.ts';

export class QueueTimeoutsService {
  constructor(
    private readonly store: Store,
    private readonly flows: FlowRegistry,
    private readonly plugins: PluginHost,
    private readonly now: () => number,
    private readonly onRaised: () => void,
  ) {}

  async sweep(signal?: AbortSignal): Promise<{ timedOut: number }> {
    let timedOut = 0;
    for (const conversation of await this.store.conversations.listWaiting()) {
      if (signal?.aborted) break;
      if (!conversation.queue_id || conversation.flow_version === null || conversation.max_wait_handled) continue;
      const queue = (await this.flows.version(conversation.flow_version)).queues.get(conversation.queue_id);
      const now = this.now();
      if (!queue?.maxWait || !maxWaitExceeded(conversation.created_at, now, queue)) continue;
      if (!(await this.store.conversations.claimMaxWait(conversation.id))) continue;
      const customer = await this.store.customers.findById(conversation.customer_id);
      if (!customer) continue;
      await raiseInternalEvent(
        this.store,
        { type: InternalEventType.QUEUE_TIMEOUT, timestamp: now, source: { type: 'user', userId: customer.line_user_id }, stepId: queue.maxWait.then },
        conversation.id,
        now,
        customer.channel_id,
      );
      const name = customer.display_name ?? 'A customer';
      await this.plugins.notify({
        type: 'queue-wait-exceeded',
        text: `${name} has waited over ${queue.maxWait.minutes} min in queue ${queue.id}`,
        at: now,
        conversationId: conversation.id,
        customer: { id: customer.id, name, lineUserId: customer.line_user_id },
        details: { queue: queue.id, waitedMinutes: Math.floor((now - conversation.created_at) / 60_000) },
      });
      timedOut += 1;
    }
    if (timedOut > 0) this.onRaised();
    return { timedOut };
  }
}
