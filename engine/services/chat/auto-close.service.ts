/**
 * The AutoClose policy of each conversation's flow version: warn a silent customer, then close.
 * Warnings are a compare-and-set on the conversation, so one engine sends each warning once.
 */
import { autoCloseStep } from '../../domain/autoclose/auto-close-step.ts';
import { renderTemplate } from '../../domain/flow/expression/template.ts';
import type { Logger } from '../../logger.ts';
import { toMessageDto } from '../../store/repositories/messages.repo.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import type { Store } from '../../store/store.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import { conversationRef, type RealtimePublisher } from '../realtime/realtime-publisher.ts';
import type { ConversationService } from './conversation.service.ts';
import { customerFacts } from './flow-session.ts';
import { enqueueOutbound } from './outbox.ts';
import type { OutboundDispatcher } from './outbound-dispatcher.ts';
import { templateScope } from './template-scope.ts';

export interface AutoCloseSweep {
  warned: number;
  closed: number;
}

export class AutoCloseService {
  constructor(
    private readonly store: Store,
    private readonly flows: FlowRegistry,
    private readonly conversations: ConversationService,
    private readonly dispatcher: OutboundDispatcher,
    private readonly publisher: RealtimePublisher,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  async sweep(signal?: AbortSignal): Promise<AutoCloseSweep> {
    const result: AutoCloseSweep = { warned: 0, closed: 0 };
    for (const conversation of await this.store.conversations.listActive()) {
      if (signal?.aborted) break;
      const set = conversation.flow_version === null ? (await this.flows.active()).set : await this.flows.version(conversation.flow_version);
      const policy = set.autoClose;
      if (!policy) continue;
      const now = this.now();
      const step = autoCloseStep(
        { lastCustomerAt: conversation.last_customer_at, lastOperatorAt: conversation.last_operator_at, warnedAt: conversation.inactivity_warned_at, now },
        policy,
      );
      if (step === 'warn' && (await this.warn(conversation, policy.warning, now))) result.warned += 1;
      if (step === 'close') {
        try {
          await this.conversations.close(conversation.id, null, 'inactive', await this.render(conversation, policy.closing));
          result.closed += 1;
        } catch (error) {
          // closed meanwhile by an operator or another engine: nothing to do
          this.logger.info({ conversationId: conversation.id, error: error instanceof Error ? error.message : String(error) }, 'auto-close skipped');
        }
      }
    }
    return result;
  }

  private async render(conversation: ConversationRow, template: string): Promise<string> {
    const customer = await this.store.customers.findById(conversation.customer_id);
    return renderTemplate(template, templateScope(customer ? customerFacts(customer, true) : { id: '', name: '', language: null, tags: [], withHuman: true, following: true }));
  }

  private async warn(conversation: ConversationRow, template: string, now: number): Promise<boolean> {
    const text = await this.render(conversation, template);
    const rows = await this.store.transaction(async (tx) => {
      if (!(await tx.conversations.claimWarning(conversation.id, conversation.inactivity_warned_at, now))) return null;
      return enqueueOutbound(tx, {
        customerId: conversation.customer_id,
        conversationId: conversation.id,
        senderKind: 'system',
        operatorId: null,
        messages: [{ type: 'text', text }],
        replyToken: await tx.customers.takeReplyToken(conversation.customer_id, now),
        webhookEventId: null,
        now,
      });
    });
    if (!rows) return false;
    for (const row of rows) this.publisher.messageNew(toMessageDto(row), conversationRef(conversation));
    this.dispatcher.submit(rows);
    return true;
  }
}
