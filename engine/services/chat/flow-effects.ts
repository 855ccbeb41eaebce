/** Applies the runtime's actions inside the caller's transaction; returns what to announce after commit. */
import type { FlowAction, OutboundMessage } from '../../domain/flow/flow-action.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import type { CustomerRow } from '../../store/repositories/customers.repo.ts';
import type { MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import { enqueueOutbound } from './outbox.ts';

export interface FlowEffects {
  outbound: MessageRow[];
  /** the conversation a handoff opened, if one did */
  opened: ConversationRow | null;
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

export async function applyFlowActions(tx: Store, input: ApplyInput): Promise<FlowEffects> {
  const says: OutboundMessage[] = [];
  let opened: ConversationRow | null = null;
  for (const action of input.actions) {
    if (action.type === 'say') says.push(action.message);
    if (action.type === 'handoff' && !input.open && !opened) {
      opened = await tx.conversations.create({
        customerId: input.customer.id,
        flowVersion: input.flowVersion,
        onCloseStep: action.onCloseStep,
        now: input.now,
      });
      await tx.customers.setMode(input.customer.id, 'HUMAN', input.now);
    }
  }
  const outbound = says.length
    ? await enqueueOutbound(tx, {
        customerId: input.customer.id,
        conversationId: (input.open ?? opened)?.id ?? null,
        senderKind: 'bot',
        operatorId: null,
        messages: says,
        replyToken: input.replyToken,
        webhookEventId: input.webhookEventId,
        now: input.now,
      })
    : [];
  return { outbound, opened };
}
