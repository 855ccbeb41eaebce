/** The conversation actions beyond claim, answer, transfer and close: reopen, private notes, the customer's tags. */
import type { ConversationResponse, NoteResponse, UpdateCustomerRequest } from '../../../engine/contracts/rest.ts';
import { request } from '../api/api-client.ts';

const id = (value: string) => encodeURIComponent(value);

export const conversationActions = {
  /** ACTIVE with me again; 409 customer_has_open_conversation while the customer has another open chat */
  reopen: (conversationId: string) => request<ConversationResponse>('POST', `/api/conversations/${id(conversationId)}/reopen`),
  /** a note only the team reads; never sent to LINE */
  note: (conversationId: string, text: string) => request<NoteResponse>('POST', `/api/conversations/${id(conversationId)}/notes`, { body: { text } }),
  setTags: (conversationId: string, tags: string[]) =>
    request<ConversationResponse>('PATCH', `/api/conversations/${id(conversationId)}/customer`, { body: { tags } satisfies UpdateCustomerRequest }),
};
