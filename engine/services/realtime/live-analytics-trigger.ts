/**
 * What moves the live cards, taken from what operators are told already: every conversation change (queued,
 * claimed, transferred, closed, a first answer) and every new message (a bot exchange counts as contact).
 * Delivery updates (sent as a reply or a push) do not move them.
 */
import type { ConversationDto, MessageDto } from '../../contracts/conversation.ts';
import type { AnalyticsPublisher } from './analytics-publisher.ts';
import type { ConversationChange, ConversationRef, RealtimePublisher } from './realtime-publisher.ts';

export function withLiveAnalytics(publisher: RealtimePublisher, analytics: AnalyticsPublisher): RealtimePublisher {
  return {
    conversationUpdated(conversation: ConversationDto, change?: ConversationChange) {
      publisher.conversationUpdated(conversation, change);
      analytics.changed();
    },
    messageNew(message: MessageDto, conversation: ConversationRef | null) {
      publisher.messageNew(message, conversation);
      analytics.changed();
    },
    messageUpdated(message: MessageDto, conversation: ConversationRef | null) {
      publisher.messageUpdated(message, conversation);
    },
  };
}
