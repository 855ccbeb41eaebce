/**
 * The query string of `GET /api/conversations`: status, search text and the inbox's filters, each checked
 * with a 400 that names the parameter. Every filter narrows what the caller may see already (operators: the
 * queue and their own), so a filter can never widen an operator's view.
 */
import type { ParsedUrlQuery } from 'node:querystring';
import { ConversationStatus } from '../../contracts/conversation.ts';
import { badRequest } from '../../errors.ts';
import type { ConversationListFilter } from '../../services/chat/conversation.service.ts';
import { queryText } from './query-params.ts';

const statuses: Record<string, ConversationStatus> = {
  waiting: ConversationStatus.WAITING,
  active: ConversationStatus.ACTIVE,
  closed: ConversationStatus.CLOSED,
};

/** operator ids are ULIDs today; anything of their alphabet and size is looked up, the rest refused here */
const OPERATOR_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** a team id as operators' teams allow it (schemas/api.json): no control characters, at most 64 */
const TEAM = /^[^\u0000-\u001f]{1,64}$/;
/** a LINE channel id (migration 018) */
const CHANNEL = /^[a-z0-9-]{1,32}$/;

export function conversationListFilter(query: ParsedUrlQuery): ConversationListFilter {
  // status and q read as they always have (the public contract): a long search is cut, not refused
  const rawStatus = typeof query.status === 'string' ? query.status.toLowerCase() : undefined;
  const status = rawStatus === undefined ? undefined : statuses[rawStatus];
  if (rawStatus !== undefined && status === undefined) throw badRequest('invalid_status', 'status must be waiting, active or closed');
  const search = typeof query.q === 'string' && query.q.trim() ? query.q.trim().slice(0, 100) : undefined;
  const filter: ConversationListFilter = { status, search };

  const assignee = queryText(query, 'assignee', 100);
  if (assignee === 'me' || assignee === 'unassigned') filter.assignee = assignee;
  else if (assignee !== undefined) {
    if (!OPERATOR_ID.test(assignee)) throw badRequest('invalid_assignee', `assignee must be me, unassigned or an operator id, got "${assignee}"`);
    filter.assignee = { operatorId: assignee };
  }

  const team = queryText(query, 'team', 100);
  if (team !== undefined && !TEAM.test(team)) throw badRequest('invalid_team', 'team: a team id of at most 64 characters, without control characters');
  if (team !== undefined) filter.team = team;

  const tag = queryText(query, 'tag', 100);
  if (tag !== undefined && tag.length > 50) throw badRequest('invalid_tag', 'tag: at most 50 characters (the longest tag a flow can set)');
  if (tag !== undefined) filter.tag = tag;

  // whether the channel exists is the service's to say (400 invalid_channel too)
  const channel = queryText(query, 'channel', 100);
  if (channel !== undefined && !CHANNEL.test(channel)) throw badRequest('invalid_channel', `channel: a channel id ([a-z0-9-], at most 32), got "${channel}"`);
  if (channel !== undefined) filter.channel = channel;
  return filter;
}
