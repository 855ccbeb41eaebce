/** The inbox's list load: one status, the search text and the filters (GET /api/conversations). */
import type { ConversationStatus } from '../../../engine/contracts/conversation.ts';
import type { ConversationListResponse } from '../../../engine/contracts/rest.ts';
import { request } from '../api/api-client.ts';
import { filterParams, type InboxFilters } from './inbox-filters.ts';

export function listConversations(status: ConversationStatus, query: string, filters: InboxFilters, signal?: AbortSignal): Promise<ConversationListResponse> {
  const params = filterParams(filters);
  params.set('status', status.toLowerCase());
  if (query.trim()) params.set('q', query.trim());
  return request<ConversationListResponse>('GET', `/api/conversations?${params}`, { signal });
}
