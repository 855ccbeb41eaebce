/**
 * A customer who writes again soon after their conversation closed (the handoff's `reopenWithinMinutes`)
 * comes back to that conversation instead of starting over with the bot: straight to the operator who had
 * it when they are Available with room for it (as auto-assignment would judge), else WAITING in its queue
 * (its team and priority as before), where auto-assignment or a claim takes it. Runs inside the event's
 * transaction, before the flow would run; the decision itself is domain/conversation/reopen-window.ts.
 */
import { pendingQuestion } from '../../domain/conversation/pending-question.ts';
import { returnsToConversation } from '../../domain/conversation/reopen-window.ts';
import type { FlowEvent } from '../../domain/flow/flow-event.ts';
import type { FlowSet } from '../../domain/flow/flow-set.ts';
import type { FlowState } from '../../domain/flow/flow-state.ts';
import { ConversationEventKind } from '../../store/repositories/conversation-events.repo.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import type { CustomerRow } from '../../store/repositories/customers.repo.ts';
import type { MessageRow } from '../../store/repositories/messages.repo.ts';
import type { Store } from '../../store/store.ts';
import { writeNote } from './thread-notes.ts';

export interface ReturnInput {
  customer: CustomerRow;
  set: FlowSet;
  state: FlowState;
  event: FlowEvent;
  now: number;
}

export interface Returned {
  conversation: ConversationRow;
  /** the line in the thread that says what happened */
  note: MessageRow;
  /** the flow state without the question about the chat that had ended (the chat goes on) */
  state: FlowState;
}

/** The operator who had it, if they would be given a new chat now (active, Available, below capacity). */
async function freeOperator(tx: Store, operatorId: string | null): Promise<{ id: string; name: string } | null> {
  if (operatorId === null) return null;
  const operator = await tx.operators.findById(operatorId);
  if (!operator || !operator.active || operator.presence !== 'available') return null;
  const holding = (await tx.conversations.listActiveOf(operatorId)).length;
  return holding < operator.capacity ? { id: operator.id, name: operator.name } : null;
}

/** Reopens the customer's last conversation when the message brings them back to it; null when it does not. */
export async function returnToConversation(tx: Store, input: ReturnInput): Promise<Returned | null> {
  const { customer, event, now } = input;
  // the customer writing (any message); a follow, a postback or an internal event is not coming back to talk
  if (event.kind !== 'message') return null;
  const last = await tx.conversations.lastClosedOfCustomer(customer.id);
  if (!last) return null;
  const closed = { closedAt: last.closed_at, closeReason: last.close_reason, reopenWithinMs: last.reopen_within_ms };
  if (!returnsToConversation(closed, pendingQuestion(input.set, input.state, event, now), now)) return null;
  const operator = await freeOperator(tx, last.operator_id);
  const conversation = await tx.conversations.reopen(last.id, { operatorId: operator?.id ?? null, byCustomer: true, now });
  if (!conversation) return null;
  await tx.conversationEvents.record({ conversation_id: last.id, kind: ConversationEventKind.REOPENED, operator_id: operator?.id ?? null, team: last.team, at: now });
  await tx.customers.setMode(customer.id, 'HUMAN', now);
  const minutes = Math.max(1, Math.round((now - (last.closed_at ?? now)) / 60_000));
  const where = operator ? `back with ${operator.name}` : 'back in the queue';
  const note = await writeNote(tx, { conversation, author: { kind: 'system' }, text: `The customer wrote again ${minutes} min after the close: reopened, ${where}`, now });
  return { conversation, note, state: { ...input.state, awaiting: null } };
}
