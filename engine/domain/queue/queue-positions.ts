/**
 * A waiting customer's place in line: 1 + the customers ahead of them in the same queue (conversations
 * with no queue share one). The customer's position notice and the operators' list both count this way,
 * so the number an operator sees is the number the customer was told.
 */
export interface QueuedConversation {
  id: string;
  queue_id: string | null;
}

/** `waiting`: every waiting conversation in serving order (ConversationsRepo.listWaiting). */
export function queuePositions(waiting: readonly QueuedConversation[]): Map<string, number> {
  const lengths = new Map<string, number>();
  const positions = new Map<string, number>();
  for (const conversation of waiting) {
    const queueKey = conversation.queue_id ?? '';
    const position = (lengths.get(queueKey) ?? 0) + 1;
    lengths.set(queueKey, position);
    positions.set(conversation.id, position);
  }
  return positions;
}
