import type { ChannelListResponse, ChannelResponse, CreateChannelRequest, UpdateChannelRequest } from '../../../engine/contracts/channels.ts';
import { request } from '../api/api-client.ts';

/** /api/channels: the LINE Official Accounts Baton answers (docs/channels.md); changes are for admins. */
export const channels = {
  /** the channels the caller may see (an operator limited to channels gets only those) */
  list: (signal?: AbortSignal) => request<ChannelListResponse>('GET', '/api/channels', { signal }),
  create: (body: CreateChannelRequest) => request<ChannelResponse>('POST', '/api/channels', { body }),
  update: (id: string, body: UpdateChannelRequest) => request<ChannelResponse>('PATCH', `/api/channels/${encodeURIComponent(id)}`, { body }),
  remove: async (id: string): Promise<void> => {
    await request<unknown>('DELETE', `/api/channels/${encodeURIComponent(id)}`).catch((error: unknown) => {
      // 204 has no JSON body to read
      if (!(error instanceof SyntaxError)) throw error;
    });
  },
};
