/**
 * The inbox's filters beside the status tabs: whose conversations (mine, nobody's, one operator's, all),
 * one team, one customer tag, one LINE channel (offered only while the operator sees several). The engine
 * applies them to the list it sends (GET /api/conversations); the studio applies the same rules to
 * conversations the socket brings, so one that stops matching leaves the list and one that starts matching
 * appears.
 */
import type { ConversationDto } from '../../../engine/contracts/conversation.ts';

/** all: anyone's; me: held by the signed-in operator; unassigned: held by nobody; else an operator's id */
export type AssigneeFilter = 'all' | 'me' | 'unassigned' | { operatorId: string };

export interface InboxFilters {
  assignee: AssigneeFilter;
  team: string | null;
  tag: string | null;
  /** a LINE channel's id (docs/channels.md) */
  channel: string | null;
}

export const NO_FILTERS: InboxFilters = { assignee: 'all', team: null, tag: null, channel: null };

/** a channel id as the engine makes them */
const CHANNEL_ID = /^[a-z0-9-]{1,32}$/;

export function matchesFilters(conversation: ConversationDto, filters: InboxFilters, myOperatorId: string): boolean {
  const { assignee, team, tag, channel } = filters;
  if (assignee === 'me' && conversation.operatorId !== myOperatorId) return false;
  if (assignee === 'unassigned' && conversation.operatorId !== null) return false;
  if (typeof assignee === 'object' && conversation.operatorId !== assignee.operatorId) return false;
  if (team !== null && conversation.team !== team) return false;
  // the engine compares tags case-insensitively, whole tags only
  if (tag !== null && !conversation.customer.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return false;
  if (channel !== null && conversation.channelId !== channel) return false;
  return true;
}

/** the filters as the list's query parameters (none for "all") */
export function filterParams(filters: InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  const { assignee, team, tag, channel } = filters;
  if (assignee !== 'all') params.set('assignee', typeof assignee === 'object' ? assignee.operatorId : assignee);
  if (team !== null) params.set('team', team);
  if (tag !== null) params.set('tag', tag);
  if (channel !== null) params.set('channel', channel);
  return params;
}

/** the filters in query parameters (a shared link, a reload); a value the engine would refuse is dropped */
export function filtersFrom(params: URLSearchParams): InboxFilters {
  const assignee = params.get('assignee')?.trim() ?? '';
  const team = params.get('team')?.trim() ?? '';
  const tag = params.get('tag')?.trim() ?? '';
  const channel = params.get('channel')?.trim() ?? '';
  return {
    assignee: assignee === 'me' || assignee === 'unassigned' ? assignee : /^[A-Za-z0-9_-]{1,64}$/.test(assignee) ? { operatorId: assignee } : 'all',
    team: team && team.length <= 64 && !/[\u0000-\u001f]/.test(team) ? team : null,
    tag: tag && tag.length <= 50 ? tag : null,
    channel: CHANNEL_ID.test(channel) ? channel : null,
  };
}

export const sameFilters = (a: InboxFilters, b: InboxFilters): boolean => filterParams(a).toString() === filterParams(b).toString();

export const isFiltered = (filters: InboxFilters): boolean => !sameFilters(filters, NO_FILTERS);
