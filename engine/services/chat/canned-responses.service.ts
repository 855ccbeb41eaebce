/**
 * Canned responses for operators: the active flow set's CannedResponses, each rendered for the
 * conversation's customer (their language's variant, their name in the template).
 */
import type { CannedResponseDto } from '../../contracts/rest.ts';
import { hoursScope } from '../../domain/calendar/hours-scope.ts';
import { renderTemplate } from '../../domain/flow/expression/template.ts';
import { cannedText } from '../../domain/flow/runtime/outbound.ts';
import { notFound } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import { customerFacts, loadFlowState } from './flow-session.ts';
import { templateScope } from './template-scope.ts';

export class CannedResponsesService {
  constructor(
    private readonly store: Store,
    private readonly flows: FlowRegistry,
    private readonly now: () => number,
  ) {}

  async forConversation(conversationId: string): Promise<CannedResponseDto[]> {
    const conversation = await this.store.conversations.findById(conversationId);
    if (!conversation) throw notFound('Conversation');
    const customer = await this.store.customers.findById(conversation.customer_id);
    if (!customer) throw notFound('Customer');
    // operators answer with today's wording: the active version, not the one the chat started on
    const { set } = await this.flows.active();
    const scope = templateScope(customerFacts(customer, true), loadFlowState(customer).vars);
    // "we open again {{ hours.nextOpen }}" needs a calendar: the set's `default`, else its only one
    const calendar = set.calendars.get('default') ?? (set.calendars.size === 1 ? [...set.calendars.values()][0] : undefined);
    if (calendar) scope.hours = hoursScope(calendar, this.now(), customer.language);
    return [...set.canned.values()].map((response) => ({
      id: response.id,
      shortcut: response.shortcut ?? null,
      title: response.title,
      tags: response.tags ?? [],
      text: renderTemplate(cannedText(response, customer.language), scope),
    }));
  }
}
