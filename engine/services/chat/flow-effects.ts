/**
 * Applies the runtime's actions inside the caller's transaction (state, tags, conversations, outbox)
 * and returns what must happen after commit (send, assign, announce, run plugin steps, notify).
 */
import type { FlowAction, OutboundMessage } from '../../domain/flow/flow-action.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import type { CustomerRow } from '../../store/repositories/customers.repo.ts';
import type { MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import { ConversationEventKind } from '../../store/repositories/conversation-events.repo.ts';
import { parseJson } from '../../store/repositories/json-column.ts';
import { enqueueOutbound } from './outbox.ts';

export interface FlowEffects {
  outbound: MessageRow[];
  /** the conversation a handoff opened, if one did */
  opened: ConversationRow | null;
  /** the conversation a release (back to the bot) closed, if one did */
  released: ConversationRow | null;
  /** the closed conversation the customer came back to (return-to-conversation.ts), if they did */
  reopened?: ConversationRow | null;
  /** plugin steps to run after commit */
  pluginSteps: { use: string; with: Record<string, unknown> }[];
}

export interface ApplyInput {
  customer: CustomerRow;
  open: ConversationRow | null;
  flowVersion: number;
  actions: FlowAction[];
  replyToken: { token: string; expiresAt: number } | null;
  webhookEventId: string | null;
  now: number;
}

async function applyTags(tx: Store, customer: CustomerRow, add: string[], remove: string[], now: number): Promise<void> {
  const tags = new Set(parseJson<string[]>(customer.tags, []));
  for (const tag of add) tags.add(tag);
  for (const tag of remove) tags.delete(tag);
  const next = [...tags];
  customer.tags = JSON.stringify(next);
  await tx.customers.setTags(customer.id, next, now);
}

export async function applyFlowActions(tx: Store, input: ApplyInput): Promise<FlowEffects> {
  const says: OutboundMessage[] = [];
  const effects: FlowEffects = { outbound: [], opened: null, released: null, pluginSteps: [] };
  let open = input.open;
  for (const action of input.actions) {
    switch (action.type) {
      case 'say':
        says.push(action.message);
        break;
      case 'tag':
        await applyTags(tx, input.customer, action.add, action.remove, input.now);
        break;
      case 'handoff':
        if (open) break; // already queued or with a human: never queue twice
        open = await tx.conversations.create({
          customerId: input.customer.id,
          channelId: input.customer.channel_id,
          flowVersion: input.flowVersion,
          onCloseStep: action.onCloseStep,
          reopenWithinMs: action.reopenWithinMs ?? null,
          routing: { queueId: action.queue, routingId: action.routing.rules, team: action.routing.team, skills: action.routing.skills, priority: action.routing.priority, strategy: action.routing.strategy },
          now: input.now,
        });
        effects.opened = open;
        await tx.conversationEvents.record({ conversation_id: open.id, kind: ConversationEventKind.QUEUED, operator_id: null, team: open.team, at: input.now });
        await tx.customers.setMode(input.customer.id, 'HUMAN', input.now);
        break;
      case 'release':
        if (!open) break;
        await tx.conversations.close(open.id, 'released-to-bot', input.now);
        await tx.conversationEvents.record({ conversation_id: open.id, kind: ConversationEventKind.CLOSED, operator_id: open.operator_id, team: open.team, at: input.now });
        await tx.customers.setMode(input.customer.id, 'BOT', input.now);
        effects.released = open;
        open = null;
        break;
      case 'csat': {
        const last = await tx.conversations.lastClosedOfCustomer(input.customer.id);
        if (last) await tx.conversations.recordCsat(last.id, action.score, action.comment);
        break;
      }
      case 'plugin':
        effects.pluginSteps.push({ use: action.use, with: action.with });
        break;
      case 'survey': {
        // the question is a say action of its own; the survey belongs where its answer will be recorded
        const last = await tx.conversations.lastClosedOfCustomer(input.customer.id);
        if (last) await tx.conversationEvents.record({ conversation_id: last.id, kind: ConversationEventKind.SURVEY_SENT, operator_id: last.operator_id, team: last.team, at: input.now });
        break;
      }
      case 'schedule':
        // the schedule is in the saved FlowState
        break;
    }
  }
  if (says.length > 0) {
    effects.outbound = await enqueueOutbound(tx, {
      customerId: input.customer.id,
      // bot messages during a queue or human chat belong to that conversation, so operators see them
      conversationId: open?.id ?? effects.released?.id ?? null,
      senderKind: 'bot',
      operatorId: null,
      messages: says,
      replyToken: input.replyToken,
      webhookEventId: input.webhookEventId,
      now: input.now,
    });
  }
  return effects;
}
