/** Builds the ConversationDto operators see from the stored rows. */
import type { ConversationDto } from '../../contracts/conversation.ts';
import type { ConversationRow } from '../../store/repositories/conversations.repo.ts';
import { toCustomerDto, type CustomerRow } from '../../store/repositories/customers.repo.ts';
import type { Store } from '../../store/store.ts';
import { notFound } from '../../errors.ts';
import { queuePositions } from '../../domain/queue/queue-positions.ts';

/** `known`: customers the caller already holds as they are now (they are not read again) */
export async function conversationViews(store: Store, rows: ConversationRow[], known: readonly CustomerRow[] = []): Promise<ConversationDto[]> {
  if (rows.length === 0) return [];
  const held = new Set(known.map((c) => c.id));
  const missing = [...new Set(rows.map((r) => r.customer_id))].filter((id) => !held.has(id));
  const [read, operators, lastMessages, positions] = await Promise.all([
    missing.length > 0 ? store.customers.findByIds(missing) : [],
    // only the assigned operators: reading the whole team per update cost one row per operator
    store.operators.names([...new Set(rows.flatMap((r) => (r.operator_id ? [r.operator_id] : [])))]),
    store.messages.lastOfConversations(rows.map((r) => r.id)),
    // a position counts everyone ahead in the queue, also those the caller may not see
    rows.some((r) => r.status === 'WAITING') ? store.conversations.listWaiting().then(queuePositions) : new Map<string, number>(),
  ]);
  const customerById = new Map([...known, ...read].map((c) => [c.id, c]));
  const operatorName = new Map(operators.map((o) => [o.id, o.name]));
  const lastByConversation = new Map(lastMessages.map((m) => [m.conversation_id, m]));
  return rows.map((row) => {
    const customer = customerById.get(row.customer_id);
    if (!customer) throw new Error(`conversation ${row.id} has no customer ${row.customer_id}`);
    const last = lastByConversation.get(row.id);
    return {
      id: row.id,
      status: row.status,
      source: customer.source_type,
      customer: toCustomerDto(customer),
      channelId: customer.channel_id,
      operatorId: row.operator_id,
      operatorName: row.operator_id ? (operatorName.get(row.operator_id) ?? null) : null,
      team: row.team,
      createdAt: row.created_at,
      claimedAt: row.claimed_at,
      firstResponseAt: row.first_response_at,
      closedAt: row.closed_at,
      closeReason: row.close_reason,
      flowVersion: row.flow_version,
      // an unsent message's words are withheld in the list's preview too
      lastMessage: last ? { id: last.id, text: last.unsent_at ? '' : last.text, at: last.created_at, senderKind: last.sender_kind } : null,
      ...(row.status === 'WAITING' ? { queuePosition: positions.get(row.id) ?? null } : {}),
      ...(row.operator_id && Boolean(row.assigned_automatically) ? { assignedAutomatically: true } : {}),
    };
  });
}

export async function conversationView(store: Store, id: string): Promise<ConversationDto> {
  const row = await store.conversations.findById(id);
  if (!row) throw notFound('Conversation');
  const [view] = await conversationViews(store, [row]);
  if (!view) throw notFound('Conversation');
  return view;
}
