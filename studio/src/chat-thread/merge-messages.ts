import type { MessageDto } from '../../../engine/contracts/conversation.ts';

/** One list, each message once, in the engine's order (ids grow with time). */
export function mergeMessages(...lists: ReadonlyArray<readonly MessageDto[]>): MessageDto[] {
  const byId = new Map<number, MessageDto>();
  for (const list of lists) for (const message of list) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
}
