import type { ConversationStatus } from '../../../engine/contracts/conversation.ts';
import type {
  CannedResponseListResponse,
  CloseRequest,
  ConversationDetailResponse,
  ConversationListResponse,
  ConversationResponse,
  ConversationStatusQuery,
  FlowFilesRequest,
  FlowProblemDto,
  FlowVersionDto,
  FlowVersionListResponse,
  FlowVersionResponse,
  LoginRequest,
  LoginResponse,
  MeResponse,
  OperatorListResponse,
  PresenceRequest,
  SendMessageRequest,
  SendMessageResponse,
  TransferRequest,
} from '../../../engine/contracts/rest.ts';
import { session } from '../auth/session.ts';
import { toApiError } from './api-error.ts';

/** PUT /api/me/presence answers with what it stored (the contracts declare only the request) */
type PresenceResponse = PresenceRequest;
/** POST /api/flows/validate */
interface FlowValidateResponse {
  ok: boolean;
  problems: FlowProblemDto[];
}
/** POST /api/flows/versions (201) and POST /api/flows/versions/:v/activate */
interface FlowVersionChangeResponse {
  version: FlowVersionDto;
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** false for the login call, which must not send a stale token nor sign out on 401 */
  auth?: boolean;
}

/** The one place the studio talks to /api: JSON in and out, bearer token, 401 signs out. */
async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const { body, signal, auth = true } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = session.token;
  if (auth && token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (!response.ok) {
    const error = await toApiError(response);
    if (auth && response.status === 401) session.signOut();
    throw error;
  }
  // the contracts type every JSON body; the engine is the source of truth for them
  const json: T = await response.json();
  return json;
}

const STATUS_QUERY: Record<ConversationStatus, ConversationStatusQuery> = {
  WAITING: 'waiting',
  ACTIVE: 'active',
  CLOSED: 'closed',
};

export const api = {
  login: (body: LoginRequest) => request<LoginResponse>('POST', '/api/auth/login', { body, auth: false }),
  me: (signal?: AbortSignal) => request<MeResponse>('GET', '/api/me', { signal }),
  operators: (signal?: AbortSignal) => request<OperatorListResponse>('GET', '/api/operators', { signal }),

  conversations(status: ConversationStatus, q: string, signal?: AbortSignal) {
    const params = new URLSearchParams({ status: STATUS_QUERY[status] });
    if (q.trim()) params.set('q', q.trim());
    return request<ConversationListResponse>('GET', `/api/conversations?${params}`, { signal });
  },
  conversation: (id: string, signal?: AbortSignal) =>
    request<ConversationDetailResponse>('GET', `/api/conversations/${encodeURIComponent(id)}`, { signal }),
  claim: (id: string) => request<ConversationResponse>('POST', `/api/conversations/${encodeURIComponent(id)}/claim`),
  send: (id: string, body: SendMessageRequest) =>
    request<SendMessageResponse>('POST', `/api/conversations/${encodeURIComponent(id)}/messages`, { body }),
  transfer: (id: string, body: TransferRequest) =>
    request<ConversationResponse>('POST', `/api/conversations/${encodeURIComponent(id)}/transfer`, { body }),
  close: (id: string, body: CloseRequest) =>
    request<ConversationResponse>('POST', `/api/conversations/${encodeURIComponent(id)}/close`, { body }),
  cannedResponses: (id: string, signal?: AbortSignal) =>
    request<CannedResponseListResponse>('GET', `/api/conversations/${encodeURIComponent(id)}/canned-responses`, { signal }),

  setPresence: (body: PresenceRequest) => request<PresenceResponse>('PUT', '/api/me/presence', { body }),

  flowVersions: (signal?: AbortSignal) => request<FlowVersionListResponse>('GET', '/api/flows/versions', { signal }),
  flowVersion: (version: number, signal?: AbortSignal) =>
    request<FlowVersionResponse>('GET', `/api/flows/versions/${version}`, { signal }),
  validateFlows: (body: FlowFilesRequest) => request<FlowValidateResponse>('POST', '/api/flows/validate', { body }),
  /** a set that does not validate fails with a 422 ApiRequestError whose body carries `problems` */
  publishFlows: (body: FlowFilesRequest) => request<FlowVersionChangeResponse>('POST', '/api/flows/versions', { body }),
  activateFlowVersion: (version: number) =>
    request<FlowVersionChangeResponse>('POST', `/api/flows/versions/${version}/activate`),
};
