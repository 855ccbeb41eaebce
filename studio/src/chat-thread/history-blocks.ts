import type { MessageDto } from '../../../engine/contracts/conversation.ts';
import type { PastConversationDto } from '../../../engine/contracts/rest.ts';

/** A run of the customer's history: what they said with the bot in between, or one past conversation. */
export type HistoryBlock =
  | { kind: 'bot'; messages: MessageDto[] }
  | { kind: 'conversation'; conversation: PastConversationDto; messages: MessageDto[] };

/**
 * The history's messages (any order) cut into blocks, oldest first: consecutive messages with the bot form
 * one block, and each past conversation's messages another. A conversation whose first messages are on a
 * page not loaded yet starts its block with what is loaded.
 */
export function historyBlocks(messages: readonly MessageDto[], conversations: readonly PastConversationDto[]): HistoryBlock[] {
  const byId = new Map(conversations.map((c) => [c.id, c]));
  const blocks: HistoryBlock[] = [];
  for (const message of [...messages].sort((a, b) => a.id - b.id)) {
    const last = blocks.at(-1);
    const conversation = message.conversationId === null ? undefined : byId.get(message.conversationId);
    if (conversation === undefined) {
      if (last?.kind === 'bot') last.messages.push(message);
      else blocks.push({ kind: 'bot', messages: [message] });
    } else if (last?.kind === 'conversation' && last.conversation.id === conversation.id) {
      last.messages.push(message);
    } else {
      blocks.push({ kind: 'conversation', conversation, messages: [message] });
    }
  }
  return blocks;
}
