/**
 * Decides which operators hear each change (the rules are in engine/contracts/socket-events.ts and the
 * permission table in docs/security.md). Operators see the queue and their own conversations, so:
 * - a conversation nobody has taken (waiting, or closed from the queue) and its customer's messages: every
 *   operator; its other lines (bot answers, notes): those working it, as below;
 * - the change that takes it out of the queue: every operator once more, so their queue drops it;
 * - after that, its changes and messages: those working it (its operator, the one it was transferred away
 *   from, sockets that opened it, supervisors and admins);
 * - messages outside any conversation (the bot talking): supervisors and admins.
 * So the frames a customer message costs follow the people working its conversation, not the team's size.
 */
import { SenderKind, type ConversationDto, type MessageDto } from '../../contracts/conversation.ts';
import { closedChannel, type OperatorChannel, type Recipients } from './operator-channel.ts';
import type { ConversationChange, ConversationRef, RealtimePublisher } from './realtime-publisher.ts';

/**
 * In a conversation nobody has taken, only the customer's messages concern every operator (the queue counts
 * them unread); its other lines (the bot's answers, notes such as a transfer back to the queue) are read in
 * its thread, so they reach those working it: sockets that opened it, supervisors and admins. A transfer to
 * the queue thus costs every operator one frame (conversation:updated), not two.
 */
function messageRecipients(message: MessageDto, conversation: ConversationRef | null): Recipients {
  if (conversation === null) return { to: 'supervisors' };
  const { id, operatorId, channelId } = conversation;
  if (operatorId === null && message.senderKind === SenderKind.CUSTOMER) return { to: 'everyone', channelId };
  return { to: 'working', conversationId: id, operatorIds: operatorId === null ? [] : [operatorId], channelId };
}

export class InboxPublisher implements RealtimePublisher {
  private channel: OperatorChannel = closedChannel;

  /** The gateway exists only once the HTTP server does, after the services that publish. */
  attach(channel: OperatorChannel): void {
    this.channel = channel;
  }

  conversationUpdated(conversation: ConversationDto, change: ConversationChange = {}): void {
    const { operatorId, channelId } = conversation;
    // taken by someone, or handed to someone else: those who may no longer open it stop hearing it (docs/security.md)
    if (operatorId !== null && (change.leftQueue || change.formerOperatorId)) this.channel.revisit(conversation.id);
    if (operatorId === null || change.leftQueue) {
      this.channel.conversation({ to: 'everyone', channelId }, conversation);
      return;
    }
    const former = change.formerOperatorId;
    const operatorIds = former && former !== operatorId ? [operatorId, former] : [operatorId];
    this.channel.conversation({ to: 'working', conversationId: conversation.id, operatorIds, channelId }, conversation);
  }

  messageNew(message: MessageDto, conversation: ConversationRef | null): void {
    this.channel.message(messageRecipients(message, conversation), 'message:new', message);
  }

  messageUpdated(message: MessageDto, conversation: ConversationRef | null): void {
    this.channel.message(messageRecipients(message, conversation), 'message:updated', message);
  }
}
