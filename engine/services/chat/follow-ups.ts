/**
 * What happens after a chat change commits: send its messages, tell notifiers about a handoff, give
 * waiting conversations to free operators, tell queued customers their new position, and run plugin
 * steps. Rebalancing is coalesced: calls that arrive while one runs make it run once more, not N times.
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
import { templateScope } from './template-scope.ts';

export class FollowUps {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly store: Store,
    private readonly dispatcher: OutboundDispatcher,
    private readonly assignment: AssignmentService,
    private readonly announcer: QueueAnnouncer,
    private readonly plugins: PluginHost,
    private readonly publisher: RealtimePublisher,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  async afterFlow(customer: CustomerRow, effects: FlowEffects): Promise<void> {
    await this.dispatcher.send(effects.outbound);
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
    if (effects.opened || effects.released) await this.rebalance();
    for (const step of effects.pluginSteps) await this.runPluginStep(customer, effects.opened?.id ?? null, step.use, step.with);
  }

  /** Assigns waiting conversations and announces queue positions; safe to call often. */
  rebalance(): Promise<void> {
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
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async rebalanceOnce(): Promise<void> {
    const waiting = await this.store.conversations.listWaiting();
    // nobody queued, the usual case after a transfer or a close: nothing to assign or announce
    if (waiting.length === 0) return;
    const assigned = new Set(await this.assignment.assignWaiting(waiting));
    // every operator's queue drops what auto-assignment gave someone
    for (const id of assigned) this.publisher.conversationUpdated(await conversationView(this.store, id), { leftQueue: true });
    const notices = await this.announcer.announce(waiting.filter((conversation) => !assigned.has(conversation.id)));
    await publishMessages(this.store, this.publisher, notices, 'new');
    await this.dispatcher.send(notices);
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
