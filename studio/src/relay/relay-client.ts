import type {
  CreateRelayTargetRequest,
  RelayTargetListResponse,
  RelayTargetResponse,
  RelayTargetSecretResponse,
  UpdateRelayTargetRequest,
} from '../../../engine/contracts/relay.ts';
import { request } from '../api/api-client.ts';

/** /api/relay-targets (admins): the webhook relay's targets (docs/relay.md). */
export const relay = {
  list: (signal?: AbortSignal) => request<RelayTargetListResponse>('GET', '/api/relay-targets', { signal }),
  /** answers with the secret, this once */
  create: (body: CreateRelayTargetRequest) => request<RelayTargetSecretResponse>('POST', '/api/relay-targets', { body }),
  update: (id: string, body: UpdateRelayTargetRequest) => request<RelayTargetResponse>('PATCH', `/api/relay-targets/${encodeURIComponent(id)}`, { body }),
  remove: async (id: string): Promise<void> => {
    await request<unknown>('DELETE', `/api/relay-targets/${encodeURIComponent(id)}`).catch((error: unknown) => {
      // 204 has no JSON body to read
      if (!(error instanceof SyntaxError)) throw error;
    });
  },
  rotateSecret: (id: string) => request<RelayTargetSecretResponse>('POST', `/api/relay-targets/${encodeURIComponent(id)}/secret`),
};
