import type { ReadRequest, ReadResponse } from '../../../engine/contracts/rest.ts';
import { request } from '../api/api-client.ts';

/** POST /api/conversations/:id/read: the operator has seen the conversation up to this message. */
export function markRead(conversationId: string, messageId: number): Promise<ReadResponse> {
  const body: ReadRequest = { messageId };
  return request<ReadResponse>('POST', `/api/conversations/${encodeURIComponent(conversationId)}/read`, { body });
}
