/**
 * The roles and what each may do, in one place. Routes and socket events name the least role they need in
 * the access tables (transports/http/access-table.ts, transports/realtime/socket-access.ts); what depends on
 * the object (someone else's conversation) is decided here, and both are listed in docs/security.md.
 */
import type { Role } from '../../contracts/rest.ts';

const RANK: Record<Role, number> = { operator: 1, supervisor: 2, admin: 3 };

/** true when `role` is `least` or above (admin > supervisor > operator) */
export function hasRole(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

/** supervisors and admins oversee every conversation */
export const oversees = (role: Role): boolean => hasRole(role, 'supervisor');

/**
 * Operators see the queue and their own conversations: one nobody has taken (operator_id null) or one
 * assigned to them; those they may read, open live, transfer and close. Any other conversation is for
 * supervisors and admins. (Answering needs more: the conversation must be claimed by the one answering.)
 */
export function mayAccessConversation(viewer: { operatorId: string; role: Role; channels?: readonly string[] | null }, conversation: { operator_id: string | null; channel_id?: string }): boolean {
  if (conversation.channel_id !== undefined && !mayAccessChannel(viewer, conversation.channel_id)) return false;
  return oversees(viewer.role) || conversation.operator_id === null || conversation.operator_id === viewer.operatorId;
}

/**
 * Someone limited to LINE channels (operators.channels, any role) sees, claims and hears only those channels'
 * conversations; without a limit (null), every channel's. Outside them a conversation answers 404, as one
 * that does not exist (docs/channels.md).
 */
export function mayAccessChannel(viewer: { channels?: readonly string[] | null }, channelId: string): boolean {
  return viewer.channels === null || viewer.channels === undefined || viewer.channels.includes(channelId);
}
