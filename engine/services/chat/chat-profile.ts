/**
 * The name and picture a conversation's customer row shows. For a one-to-one chat that is the user's LINE
 * profile; a group chat is one customer too (docs/groups.md), named by the group's summary; a room has no name
 * at LINE, so it is called "Room" and the end of its id, which is enough to tell two apart.
 */
import type { LineClient } from '../../line/line-client.ts';
import type { CustomerProfile } from '../../store/repositories/customers.repo.ts';

/** LINE ids: U… users, C… groups, R… rooms */
export function chatSourceOf(chatId: string): 'user' | 'group' | 'room' {
  return chatId.startsWith('C') ? 'group' : chatId.startsWith('R') ? 'room' : 'user';
}

/** the last four characters of a LINE id, after an ellipsis: "…3f9a" */
export const shortLineId = (id: string): string => `…${id.slice(-4)}`;

/** null when LINE has none (a user who is not a friend, a group the account left) */
export async function chatProfile(line: Pick<LineClient, 'getProfile' | 'getGroupSummary'>, chatId: string): Promise<CustomerProfile | null> {
  const source = chatSourceOf(chatId);
  if (source === 'user') return line.getProfile(chatId);
  if (source === 'room') return { displayName: `Room ${shortLineId(chatId)}`, pictureUrl: null, language: null, statusMessage: null };
  const summary = await line.getGroupSummary(chatId);
  return summary ? { displayName: summary.groupName, pictureUrl: summary.pictureUrl, language: null, statusMessage: null } : null;
}
