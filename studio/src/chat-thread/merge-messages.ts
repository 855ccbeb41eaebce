import type { MessageDto } from '../../../engine/contracts/conversation.ts';

const settled = (message: MessageDto) => message.deliveryStatus === 'sent' || message.deliveryStatus === 'failed' || message.deliveryStatus === 'uncertain';

/**
 * One list, each message once, in the engine's order (ids grow with time). A later copy wins, except
 * that a pending copy never hides a settled one: `message:updated` may overtake the send's own answer.
 */
export function mergeMessages(...lists: ReadonlyArray<readonly MessageDto[]>): MessageDto[] {
  const byId = new Map<number, MessageDto>();
  for (const list of lists) {
    for (const message of list) {
      const known = byId.get(message.id);
      if (known && settled(known) && !settled(message)) continue;
      byId.set(message.id, message);
    }
  }
  return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
}
