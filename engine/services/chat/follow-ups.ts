/**
 * What happens after a chat change commits: hand its messages to the outbox, tell notifiers about a
 * handoff, give waiting conversations to free operators, tell queued customers their new position,
 * and run plugin steps. None of it holds up the caller: the messages go to the outbox at once, the
 * rest runs in the background (bounded; stop() waits for it). Rebalancing is coalesced: calls that
 * arrive while one runs make it run once more, not N times.
 *
 * A position update held back by the queue's `minUpdateIntervalSeconds` is sent when the interval has
 * passed: a timer for the earliest such moment, plus a check every NOTICE_CHECK_MS for what this
 * engine cannot time (an update another engine held back and then died, a restart).
 */
import type { PluginHost } from '../../../plugins/plugin-host.ts';
import type { Logger } from '../../logger.ts';
import type { CustomerRow } from '../../store/repositories/customers.repo.ts';
import type { Store } from '../../store/store.ts';
import { renderTemplate } from '../../domain/flow/expression/template.ts';
import type { RealtimePublisher } from '../realtime/realtime-publisher.ts';
import type { AssignmentService } from './assignment.service.ts';
import { conversationView } from './conversation-view.ts';
import type { FlowEffects } from './flow-effects.ts';
import { customerFacts, loadFlowState } from './flow-session.ts';
import type { OutboundDispatcher } from './outbound-dispatcher.ts';
import { publishMessages } from './publish-messages.ts';
import type { QueueAnnouncer } from './queue-announcer.ts';
import { QueuePositionPublisher } from './queue-position-publisher.ts';
import { templateScope } from './template-scope.ts';

/** Background tasks (notifications, plugin steps) at once; past this, callers wait for one to end. */
const MAX_BACKGROUND = 64;
/** How often held-back position updates are looked for besides the timer (engines that died, restarts). */
const NOTICE_CHECK_MS = 30_000;

export class FollowUps {
  private running: Promise<void> | null = null;
  private again = false;
  private readonly background = new Set<Promise<void>>();
  /** the next held-back position update, and its timer */
  private noticeDueAt: number | null = null;
  private noticeTimer: NodeJS.Timeout | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly positions: QueuePositionPublisher;

  constructor(
    private readonly store: Store,
    private readonly dispatcher: OutboundDispatcher,
    private readonly assignment: AssignmentService,
    private readonly announcer: QueueAnnouncer,
    private readonly plugins: PluginHost,
    private readonly publisher: RealtimePublisher,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {
    this.positions = new QueuePositionPublisher(store, publisher);
  }

  /** Rebalances once now (position updates held back before a restart) and every NOTICE_CHECK_MS. */
  start(): void {
    void this.rebalance();
    this.checkTimer = setInterval(() => void this.rebalance(), NOTICE_CHECK_MS);
    this.checkTimer.unref();
  }

  /** No new rebalances or timers; waits for the background work and the rebalance in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.checkTimer);
    clearTimeout(this.noticeTimer);
    await Promise.allSettled([...this.background, this.running ?? Promise.resolve()]);
  }

  /**
   * Sends the change's messages (handed to the outbox now) and runs the rest in the background. Resolves
   * at once, unless MAX_BACKGROUND tasks are running: then when one of them ends (backpressure).
   */
  async afterFlow(customer: CustomerRow, effects: FlowEffects): Promise<void> {
    this.dispatcher.submit(effects.outbound);
    if (this.stopped || (!effects.opened && !effects.released && !effects.reopened && effects.pluginSteps.length === 0)) return;
    while (this.background.size >= MAX_BACKGROUND) await Promise.race(this.background);
    const task = this.rest(customer, effects)
      .catch((error: unknown) => this.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'work after a chat change failed'))
      .finally(() => this.background.delete(task));
    this.background.add(task);
  }

  /** Assigns waiting conversations and announces queue positions; safe to call often. */
  rebalance(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.rebalanceOnce();
        } catch (error) {
          this.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'rebalance failed');
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async rest(customer: CustomerRow, effects: FlowEffects): Promise<void> {
    // assignment and queue notices first: a slow notifier must not keep the customer waiting
    const balanced = effects.opened || effects.released || effects.reopened ? this.rebalance() : Promise.resolve();
    if (effects.opened) {
      const name = customer.display_name ?? 'A customer';
      await this.plugins.notify({
        type: 'handoff',
        text: `${name} asked for a human${effects.opened.team ? ` (team ${effects.opened.team})` : ''}`,
        at: this.now(),
        conversationId: effects.opened.id,
        customer: { id: customer.id, name, lineUserId: customer.line_user_id },
        details: { queue: effects.opened.queue_id, team: effects.opened.team, priority: effects.opened.priority },
      });
    }
    await balanced;
    for (const step of effects.pluginSteps) await this.runPluginStep(customer, effects.opened?.id ?? null, step.use, step.with);
  }

  private async rebalanceOnce(): Promise<void> {
    const waiting = await this.store.conversations.listWaiting();
    // nobody queued, the usual case after a transfer or a close: nothing to assign or announce
    if (waiting.length === 0) return;
    const assigned = new Set(await this.assignment.assignWaiting(waiting));
    // every operator's queue drops what auto-assignment gave someone
    for (const id of assigned) this.publisher.conversationUpdated(await conversationView(this.store, id), { leftQueue: true });
    // every notice is written first, then all go to the outbox together: they go out side by side
    const stillWaiting = waiting.filter((conversation) => !assigned.has(conversation.id));
    await this.positions.publishChanges(stillWaiting);
    const { notices, nextDueAt } = await this.announcer.announce(stillWaiting);
    await publishMessages(this.store, this.publisher, notices, 'new');
    this.dispatcher.submit(notices);
    this.remindAt(nextDueAt);
  }

  /** Rebalances again when the earliest held-back position update is due. */
  private remindAt(dueAt: number | null): void {
    if (dueAt === null || this.stopped) return;
    if (this.noticeDueAt !== null && this.noticeDueAt <= dueAt && this.noticeDueAt > this.now()) return;
    clearTimeout(this.noticeTimer);
    this.noticeDueAt = dueAt;
    this.noticeTimer = setTimeout(() => {
      this.noticeDueAt = null;
      void this.rebalance();
    }, Math.max(0, dueAt - this.now()));
    this.noticeTimer.unref();
  }

  private async runPluginStep(customer: CustomerRow, conversationId: string | null, use: string, settings: Record<string, unknown>): Promise<void> {
    const facts = customerFacts(customer, customer.mode === 'HUMAN');
    const scope = templateScope(facts, loadFlowState(customer).vars);
    const who = { id: customer.id, name: facts.name, lineUserId: customer.line_user_id };
    await this.plugins.runStep(use, settings, {
      customer: { ...who, language: customer.language, tags: facts.tags },
      conversationId,
      now: this.now(),
      render: (template) => renderTemplate(template, scope),
      notify: (notification) => this.plugins.notify({ ...notification, at: this.now(), conversationId, customer: who }),
    });
  }
}
