/**
 * Canned responses for operators: the active flow set's CannedResponses, each rendered for the
 * conversation's customer (their language's variant, their name in the template), as the LINE messages
 * it sends. The composer previews exactly these, and `{ canned: id }` sends exactly these.
 */
import type { CannedResponseDto } from '../../contracts/rest.ts';
import type { OutboundMessage } from '../../domain/flow/flow-action.ts';
import type { CannedResponse } from '../../domain/flow/flow-document.ts';
import { hoursScope } from '../../domain/calendar/hours-scope.ts';
import { renderTemplate } from '../../domain/flow/expression/template.ts';
import { cannedMessages } from '../../domain/flow/runtime/outbound.ts';
import { badRequest, notFound } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import type { FlowRegistry } from '../flows/flow-registry.ts';
import { customerFacts, loadFlowState } from './flow-session.ts';
import { templateScope } from './template-scope.ts';

/** One canned response, ready for one customer. */
type RenderCanned = (response: CannedResponse) => OutboundMessage[];

export class CannedResponsesService {
  constructor(
    private readonly store: Store,
    private readonly flows: FlowRegistry,
    private readonly now: () => number,
  ) {}

  async forConversation(conversationId: string): Promise<CannedResponseDto[]> {
    const { responses, render } = await this.#renderer(conversationId);
    return responses.map((response) => {
      const messages = render(response);
      const [first] = messages;
      return {
        id: response.id,
        shortcut: response.shortcut ?? null,
        title: response.title,
        tags: response.tags ?? [],
        text: first?.type === 'text' ? first.text : '',
        messages,
        rich: messages.length > 1 || first?.type !== 'text' || first.quickReply !== undefined,
      };
    });
  }

  /** The messages `{ canned: id }` sends in this conversation; 400 unknown_canned when the active flows have no such response. */
  async messagesFor(conversationId: string, cannedId: string): Promise<OutboundMessage[]> {
    const { responses, render } = await this.#renderer(conversationId);
    const response = responses.find((candidate) => candidate.id === cannedId);
    if (!response) throw badRequest('unknown_canned', `The active flows have no canned response "${cannedId}"`);
    return render(response);
  }

  async #renderer(conversationId: string): Promise<{ responses: CannedResponse[]; render: RenderCanned }> {
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
    const render = (template: string) => renderTemplate(template, scope);
    return { responses: [...set.canned.values()], render: (response) => cannedMessages(response, customer.language, render) };
  }
}
