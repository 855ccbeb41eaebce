/**
 * Menus follow what operators are told: every conversation change (queued, claimed, transferred, closed)
 * reaches the inbox through the RealtimePublisher, so the rich menu linker hears the same changes from it.
 * The linker writes down the state after the inbox is told and never holds the caller: menus are off
 * every customer's and operator's path.
 */
import type { ConversationDto } from '../../contracts/conversation.ts';
import type { Logger } from '../../logger.ts';
import type { ConversationChange, RealtimePublisher } from '../realtime/realtime-publisher.ts';
import type { ConversationState, RichMenuLinker } from './rich-menu-linker.ts';

const states = { WAITING: 'waiting', ACTIVE: 'human', CLOSED: 'closed' } as const satisfies Record<ConversationDto['status'], ConversationState['state']>;

export function withRichMenus(publisher: RealtimePublisher, linker: RichMenuLinker, logger: Logger): RealtimePublisher {
  return {
    conversationUpdated(conversation: ConversationDto, change?: ConversationChange) {
      publisher.conversationUpdated(conversation, change);
      // LINE links a menu to one user: a group or room chat has none (docs/groups.md)
      if (conversation.source !== 'user') return;
      const state = { conversationId: conversation.id, channelId: conversation.channelId, lineUserId: conversation.customer.lineUserId, flowVersion: conversation.flowVersion, state: states[conversation.status] };
      linker.changed(state).catch((error: unknown) => logger.warn({ conversationId: conversation.id, error: String(error) }, 'rich menu change not recorded'));
    },
    messageNew: (message, conversation) => publisher.messageNew(message, conversation),
    messageUpdated: (message, conversation) => publisher.messageUpdated(message, conversation),
  };
}
