import type { ConversationDto, ConversationStatus } from '../../../engine/contracts/conversation.ts';
import type { OperatorDto } from '../../../engine/contracts/rest.ts';

/** The queue is served oldest first; active chats by latest activity; closed ones by when they closed. */
export function sortForStatus(status: ConversationStatus, conversations: ConversationDto[]): ConversationDto[] {
  const lastActivity = (c: ConversationDto) => c.lastMessage?.at ?? c.claimedAt ?? c.createdAt;
  const sorted = [...conversations];
  switch (status) {
    case 'WAITING':
      return sorted.sort((a, b) => a.createdAt - b.createdAt);
    case 'ACTIVE':
      return sorted.sort((a, b) => lastActivity(b) - lastActivity(a));
    case 'CLOSED':
      return sorted.sort((a, b) => (b.closedAt ?? b.createdAt) - (a.closedAt ?? a.createdAt));
  }
}

/** Client-side twin of the engine's `q` search, for conversations that arrive over the socket. */
export function matchesQuery(conversation: ConversationDto, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  const haystack = [conversation.customer.displayName, conversation.lastMessage?.text, conversation.customer.lineUserId];
  return haystack.some((text) => text?.toLocaleLowerCase().includes(q));
}

/**
 * Operators work the queue and their own conversations; supervisors and admins see every one. Anyone limited
 * to some LINE channels sees only theirs.
 */
export function visibleTo(operator: Pick<OperatorDto, 'id' | 'role' | 'channels'>, conversation: ConversationDto): boolean {
  if (operator.channels && !operator.channels.includes(conversation.channelId)) return false;
  return operator.role !== 'operator' || conversation.status === 'WAITING' || conversation.operatorId === operator.id;
}
