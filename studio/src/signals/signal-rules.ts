import type { ConversationDto, MessageDto } from '../../../engine/contracts/conversation.ts';

export const SignalKind = { WAITING: 'waiting', ASSIGNED: 'assigned', MESSAGE: 'message' } as const;
export type SignalKind = (typeof SignalKind)[keyof typeof SignalKind];

/**
 * What a conversation's change should alert the operator to: a chat that has just started waiting (new, or
 * back in the queue), or one that has just become theirs (auto-assigned, or transferred to them).
 * `previous`: the conversation as the inbox last knew it.
 */
export function conversationSignal(previous: ConversationDto | undefined, next: ConversationDto, operatorId: string): SignalKind | null {
  if (next.status === 'WAITING' && previous?.status !== 'WAITING') return SignalKind.WAITING;
  if (next.status === 'ACTIVE' && next.operatorId === operatorId && previous?.operatorId !== operatorId) return SignalKind.ASSIGNED;
  return null;
}

/** A customer wrote in a chat the operator holds (their own messages, and others' chats, are not signalled). */
export function isMessageForMe(message: MessageDto, conversation: ConversationDto | undefined, operatorId: string): boolean {
  return message.senderKind === 'customer' && conversation?.status === 'ACTIVE' && conversation.operatorId === operatorId;
}
